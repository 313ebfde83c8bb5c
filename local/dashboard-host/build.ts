import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { HOST_PAGES } from './host-pages.js';

/** Folders whose files make up the local dashboard bundle. */
const SOURCE_DIRS = ['src', 'local/dashboard-host', 'local/site-host'];
/** Builds kept: a server started earlier may still serve an older one. */
const BUILDS_KEPT = 3;

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return Math.floor(newest);
}

/**
 * The local dashboard, built for production with Vite (React 16 and WDS as Wix serves them), once
 * per state of its sources and set of pages folders: each build has its own folder, named after
 * the newest source change and the pages folders, so a server keeps serving the build it started
 * with while another process builds a newer one.
 */
export async function buildDashboard(projectDir: string, pagesDirs: readonly string[]): Promise<string> {
  const buildsDir = path.join(projectDir, 'dist-local', 'dashboard');
  const sources = [...SOURCE_DIRS.map((dir) => path.join(projectDir, dir)), ...pagesDirs.filter((dir) => fs.existsSync(dir))];
  const pagesKey = createHash('sha256').update(pagesDirs.join('\n')).digest('hex').slice(0, 8);
  const version = `${Math.max(...sources.map(newestChange))}-${pagesKey}`;
  const outDir = path.join(buildsDir, version);
  if (Object.values(HOST_PAGES).every((page) => fs.existsSync(path.join(outDir, page)))) return outDir;

  const started = Date.now();
  console.log('Building the local dashboard (only after a source change)…');
  const staging = `${outDir}.building-${process.pid}`;
  await runViteBuild(projectDir, staging, pagesDirs);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.renameSync(staging, outDir);
  pruneOldBuilds(buildsDir);
  console.log(`  built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return outDir;
}

function pruneOldBuilds(buildsDir: string): void {
  const builds = fs
    .readdirSync(buildsDir)
    .filter((name) => /^\d+-[0-9a-f]+$/.test(name))
    .sort((a, b) => Number.parseInt(b, 10) - Number.parseInt(a, 10));
  for (const old of builds.slice(BUILDS_KEPT)) fs.rmSync(path.join(buildsDir, old), { recursive: true, force: true });
}

/** Vite runs in a child process: its memory (over 1 GiB for WDS) never counts against the server's. */
function runViteBuild(projectDir: string, outDir: string, pagesDirs: readonly string[]): Promise<void> {
  const script = path.join(projectDir, 'local', 'dashboard-host', 'build-main.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, projectDir, outDir, ...pagesDirs], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the dashboard build failed (exit ${code})`))));
  });
}
