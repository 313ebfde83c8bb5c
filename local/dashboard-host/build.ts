import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
  // Built aside, then swapped in: two processes starting at once never see a half-written bundle.
  const staging = `${outDir}-building-${process.pid}`;
  await runViteBuild(projectDir, staging);
  fs.writeFileSync(path.join(staging, '.built-at'), String(sourcesChanged));
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.renameSync(staging, outDir);
  console.log(`  built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return outDir;
}

/** Vite runs in a child process: its memory (over 1 GiB for WDS) never counts against the server's. */
function runViteBuild(projectDir: string, outDir: string): Promise<void> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'build-main.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, projectDir, outDir], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the dashboard build failed (exit ${code})`))));
  });
}
