import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { dashboardViteConfig } from './vite-config.js';

/** Folders whose files make up the local dashboard bundle. */
const SOURCE_DIRS = ['src', 'local/dashboard-host', 'local/shared'];

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * The local dashboard, built for production with Vite (React 16 and WDS as Wix serves them), and
 * rebuilt only when a source file changed since the last build.
 */
export async function buildDashboard(projectDir: string): Promise<string> {
  const outDir = path.join(projectDir, 'dist-local', 'dashboard');
  const stamp = path.join(outDir, '.built-at');
  const sourcesChanged = Math.max(...SOURCE_DIRS.map((dir) => newestChange(path.join(projectDir, dir))));
  const builtAt = fs.existsSync(stamp) ? Number(fs.readFileSync(stamp, 'utf8')) : 0;
  if (builtAt >= sourcesChanged && fs.existsSync(path.join(outDir, 'index.html'))) return outDir;

  const started = Date.now();
  console.log('Building the local dashboard (only after a source change)…');
  await build(dashboardViteConfig(projectDir, outDir));
  fs.writeFileSync(stamp, String(sourcesChanged));
  console.log(`  built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return outDir;
}
