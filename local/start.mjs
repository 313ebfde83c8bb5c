// `npm start`: compiles the local app (local/ and the backend of src/) with esbuild, then runs it
// without a TypeScript loader in the process. A loader such as tsx runs its hooks on a thread of
// its own and costs the server about 40 MiB of resident memory (see docs/BENCHMARKS.md).
import { buildSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(projectDir, 'dist-local', 'server');

/** The app's backend modules the runtime loads by path, as Wix does: web methods, event handlers, HTTP endpoints. */
function backendEntries() {
  const src = path.join(projectDir, 'src');
  return fs
    .readdirSync(src, { recursive: true })
    .map((file) => path.join('src', String(file)))
    .filter(
      (file) =>
        file.endsWith('.web.ts') ||
        /^src[/\\]backend[/\\]events[/\\][^/\\]+[/\\]event\.ts$/.test(file) ||
        (/^src[/\\]api[/\\]/.test(file) && file.endsWith('.ts') && !file.endsWith('.d.ts')),
    );
}

/**
 * Packages stay outside the bundle and are loaded from node_modules, but for those whose published
 * ESM does not load in plain Node (extensionless imports): the Wix CLI bundles them too.
 */
function externalPackages() {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectDir, 'package.json'), 'utf8'));
  const bundled = new Set(['@wix/web-methods']);
  return Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
    .filter((name) => !bundled.has(name))
    .flatMap((name) => [name, `${name}/*`]);
}

// The md5 worker is an entry of its own: a worker thread is started from a file (md5-thread.ts).
buildSync({
  absWorkingDir: projectDir,
  entryPoints: ['local/local-app-process.ts', 'local/emulator/upload/md5-worker.ts', ...backendEntries()],
  outbase: '.',
  outdir: outDir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: externalPackages(),
  sourcemap: true,
  define: { LOCAL_SERVER_BUNDLE: 'true' },
  logLevel: 'warning',
});

await import(pathToFileURL(path.join(outDir, 'local', 'local-app-process.js')).href);
