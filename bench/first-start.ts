/**
 * `npm run bench:first-start`: how long `npm start` takes on a fresh clone until the dashboard page
 * answers (what a new user waits for after `npm install`), and how long a later start takes once
 * the page is built. The fresh clone is a `git clone` of this repository's HEAD with this
 * checkout's node_modules linked in (what `npm install` would put there), so nothing built before
 * is reused. A benchmark, not a test.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { READY_LINE } from '../local/app-command.js';
import { PROJECT_DIR } from './child.js';
import { cleanupAll, installExitHandlers, onCleanup } from './cleanup.js';

const START_TIMEOUT_MS = 5 * 60_000;

interface StartTiming {
  /** From `npm start` to the page's HTML and its script answering 200. */
  pageSeconds: number;
  /** The dashboard build's own figure, as `npm start` prints it (absent when it reused a build). */
  buildSeconds?: number;
}

async function timeStart(appDir: string, dataDir: string): Promise<StartTiming> {
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
      const timer = setTimeout(
        () => reject(new Error(`npm start did not get ready in ${START_TIMEOUT_MS} ms:\n${output}`)),
        START_TIMEOUT_MS,
      );
      const read = (text: Buffer) => {
        output += text.toString();
        const ready = READY_LINE.exec(output);
        if (ready) {
          clearTimeout(timer);
          resolve(ready[1]!);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
    });
    const html = await fetch(`${url}/dashboard`);
    if (html.status !== 200) throw new Error(`/dashboard answered ${html.status}`);
    const script = /<script type="module"[^>]* src="([^"]+)"/.exec(await html.text())?.[1];
    if (!script || (await fetch(new URL(script, url))).status !== 200) throw new Error('the page script did not load');
    const pageSeconds = (performance.now() - started) / 1000;
    const built = /built in ([\d.]+) s/.exec(output);
    return { pageSeconds, buildSeconds: built ? Number(built[1]) : undefined };
  } finally {
    await stop();
  }
}

installExitHandlers();
try {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rmu-first-start-'));
  onCleanup(() => fs.rmSync(root, { recursive: true, force: true }));
  const appDir = path.join(root, 'app');
  execFileSync('git', ['clone', '--quiet', PROJECT_DIR, appDir]);
  fs.symlinkSync(path.join(PROJECT_DIR, 'node_modules'), path.join(appDir, 'node_modules'), 'dir');

  const first = await timeStart(appDir, path.join(root, 'data-first'));
  const later = await timeStart(appDir, path.join(root, 'data-later'));
  const load = os.loadavg().map((value) => value.toFixed(2));
  console.log(
    `first start: the page answers ${first.pageSeconds.toFixed(1)} s after npm start (of which the page build ${first.buildSeconds ?? '?'} s)`,
  );
  console.log(`later start: ${later.pageSeconds.toFixed(1)} s`);
  console.log(`machine: ${os.cpus().length} cores, load ${load.join(' ')}`);
} finally {
  await cleanupAll();
}
