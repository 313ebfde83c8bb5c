/** Builds entry.ts into one classic script (its md5 worker inline, as in the app's own build) for the benchmark to add to a page. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ENTRY = fileURLToPath(new URL('./entry.ts', import.meta.url));
/** The global the script defines: entry.ts's exports. */
export const ENGINE_GLOBAL = 'benchEngine';

/** Writes the script into `outDir` and returns its path. */
export async function buildEnginePage(outDir: string): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      lib: { entry: ENTRY, formats: ['iife'], name: ENGINE_GLOBAL, fileName: () => 'engine.js' },
    },
  });
  return path.join(outDir, 'engine.js');
}
