/**
 * `npm run bench:first-start`: how long `npm start` takes on a fresh clone until the dashboard page
 * and its script answer (what a new developer waits for after `npm install`), and a later start
 * once the page is built. The clone is `git clone` of this repository's HEAD with this checkout's
 * node_modules linked in (what `npm install` would put there), so nothing built before is reused.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { READY_LINE } from '../../local/app-command.js';
import { onCleanup, PROJECT_DIR, runSuite } from '../lib/harness.js';
import { checked, spec } from '../lib/targets.js';

/** `npm start` in `appDir` until /dashboard and its script answer 200; seconds, and the page build's own figure. */
async function timeStart(appDir: string, dataDir: string): Promise<{ seconds: number; buildSeconds?: number }> {
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: appDir,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, NODE_ENV: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const stop = onCleanup(async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  });
  try {
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start was not ready in 5 minutes:\n${output}`)), 300_000);
      const read = (text: Buffer) => {
        output += text.toString();
        const ready = READY_LINE.exec(output)?.[1];
        if (ready) {
          clearTimeout(timer);
          resolve(ready);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
    });
    const html = await fetch(`${url}/dashboard`);
    const script = /<script type="module"[^>]* src="([^"]+)"/.exec(await html.text())?.[1];
    if (html.status !== 200 || !script || (await fetch(new URL(script, url))).status !== 200)
      throw new Error('the dashboard page did not load');
    const built = /built in ([\d.]+) s/.exec(output)?.[1];
    return { seconds: (performance.now() - started) / 1000, buildSeconds: built ? Number(built) : undefined };
  } finally {
    await stop();
  }
}

runSuite('first-start', async ({ tempDir }) => {
  const appDir = path.join(tempDir, 'app');
  execFileSync('git', ['clone', '--quiet', PROJECT_DIR, appDir]);
  fs.symlinkSync(path.join(PROJECT_DIR, 'node_modules'), path.join(appDir, 'node_modules'), 'dir');
  const first = await timeStart(appDir, path.join(tempDir, 'data-first'));
  const later = await timeStart(appDir, path.join(tempDir, 'data-later'));
  const target = spec(
    'first-start-fresh-clone',
    '`npm start` on a fresh clone until the dashboard page and its script answer',
    '≤ 10 s',
    'development',
  );
  return {
    targets: [
      checked(
        target,
        `${first.seconds.toFixed(1)} s`,
        first.seconds <= 10,
        `of it the page's build ${first.buildSeconds ?? '?'} s; a later start ${later.seconds.toFixed(1)} s`,
      ),
    ],
    tables: [
      `First start ${first.seconds.toFixed(1)} s (the page's build ${first.buildSeconds ?? '?'} s); a later start ${later.seconds.toFixed(1)} s.`,
    ],
    details: { first, later },
  };
});
