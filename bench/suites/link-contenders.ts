/**
 * Each contender of the link suite, through the shaping proxy to the same local app: the page and
 * the site widget in Chromium, the seed (Wix's own example) in the same Chromium and in Node, and
 * the command-line uploader. Each is timed by its own clock, from where a person starts to where
 * they see it done, and keeps the proxy's counters of its run (every request and answer, timed).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { UploadPageDriver } from '../../e2e/support/dashboard.js';
import type { RunningApp } from '../lib/app.js';
import {
  EVENT_MARKS,
  launchChromium,
  markWhen,
  openPage,
  pageClock,
  queueCount,
  waitForMark,
  type LaunchedChromium,
} from '../lib/chromium.js';
import type { ClientMessage } from '../lib/client-child.js';
import { jsonLine, onCleanup, PROJECT_DIR, startNodeChild } from '../lib/harness.js';
import { probeRss, statusField, underNewNames, type InputFile } from '../lib/measure.js';
import { SEED_RETRY_DELAYS, type ClientJob } from '../lib/node-clients.js';
import { startShapingProxy, type LinkCounters, type LinkShape, type ShapingProxy } from '../lib/shaping-proxy.js';

/** One link: the proxy in front of the app, and a Chromium whose every connection to the app crosses it. */
export interface Link {
  app: RunningApp;
  proxy: ShapingProxy;
  chromium: LaunchedChromium;
  shape: LinkShape;
}

export async function openLink(app: RunningApp, shape: LinkShape): Promise<Link> {
  const target = new URL(app.origin);
  const proxy = await startShapingProxy({ host: target.hostname, port: Number(target.port) }, shape);
  onCleanup(() => proxy.close());
  const chromium = await launchChromium([`--host-resolver-rules=MAP ${target.host} 127.0.0.1:${proxy.port}`]);
  return { app, proxy, chromium, shape };
}

export interface LinkRun {
  contender: Contender;
  /** From where a person starts (a click, a command) to where they see it done, ms. */
  ms: number;
  /** Node's clock (performance.now()) at that start and end, to place the proxy's counters. */
  startAt: number;
  endAt: number;
  counters: LinkCounters;
  /** The command line: its process's peak RSS, and from its start to the first byte of the file on the link. */
  peakRssBytes?: number;
  /** Its RSS as its file begins uploading: the runtime, its TypeScript loader and the md5 worker, before any byte. */
  startRssBytes?: number;
  processToFirstByteMs?: number;
}

export type Contender = 'page' | 'seed-chromium' | 'widget' | 'cli' | 'seed-node';

const uploadTimeoutMs = (files: InputFile[], shape: LinkShape) =>
  120_000 + (files.reduce((sum, f) => sum + f.size, 0) / ((shape.bytesPerSecond ?? 50e6) / 4)) * 1000;

/** In-page: marks "end" once `done` or `failed` holds; clicks `button`; resolves with the run, failing if `failed` held. */
async function timeFromClick(link: Link, page: Page, button: string, done: string, failed: string, files: InputFile[]): Promise<number> {
  await markWhen(page, 'end', `(${done}) || (${failed})`);
  link.proxy.resetCounters();
  await page.locator(`[data-hook="${button}"]`).click();
  const end = await waitForMark(page, 'end', uploadTimeoutMs(files, link.shape));
  if (await page.evaluate(failed)) throw new Error(`${button}: a file failed`);
  return end - Number(await page.evaluate(`window.__benchMarks['click:${button}']`));
}

async function inChromium(link: Link, contender: Contender, url: string, use: (page: Page) => Promise<number>): Promise<LinkRun> {
  const opened = await openPage(link.chromium.browser, url, [EVENT_MARKS], 60_000);
  try {
    const ms = await use(opened.page);
    const toPage = await pageClock(opened.page);
    const endAt = Number(await opened.page.evaluate('window.__benchMarks.end')) - toPage(0);
    return { contender, ms, startAt: endAt - ms, endAt, counters: link.proxy.counters() };
  } finally {
    await opened.close();
  }
}

/** The Upload page: click on Upload → every file's row says Processing or Ready (finalized and recorded). */
export function pageRun(link: Link, files: InputFile[]): Promise<LinkRun> {
  return inChromium(link, 'page', `${link.app.origin}/dashboard`, async (page) => {
    const driver = new UploadPageDriver(page);
    await page.getByText('Drop files or whole folders here').waitFor();
    await driver.chooseFiles(underNewNames(files).map((file) => file.path));
    await sleep(500); // a person looks at the list before clicking
    const done = `${queueCount('ready')} + ${queueCount('processing')} >= ${files.length}`;
    return timeFromClick(link, page, 'start-upload', done, `${queueCount('failed')} > 0`, files);
  });
}

/** The site widget as a visitor: click on Send → every file says Received (finalized and recorded). */
export function widgetRun(link: Link, files: InputFile[]): Promise<LinkRun> {
  return inChromium(link, 'widget', `${link.app.origin}/site`, async (page) => {
    await page.locator('[data-hook="visitor-terms"]').waitFor();
    await page.getByLabel('Your name').fill('Bench Visitor');
    await page.getByLabel('Your e-mail').fill('bench@example.com');
    await page.setInputFiles(
      '[data-hook="visitor-file-input"]',
      files.map((file) => file.path),
    );
    await page.locator('[data-hook="visitor-chosen"]').first().waitFor();
    await sleep(500);
    const states = (pattern: string) =>
      `[...document.querySelectorAll('[data-hook="visitor-file-state"]')].filter((e) => /${pattern}/.test(e.textContent)).length`;
    return timeFromClick(link, page, 'visitor-send', `${states('^Received')} >= ${files.length}`, `${states('^Not sent')} > 0`, files);
  });
}

const TUS_BROWSER_BUILD = createRequire(import.meta.url).resolve('tus-js-client/dist/tus.min.js');

/** Wix's example in the page, one file after another: its session (the app's web method), tus-js-client, the finalize PUT. */
function seedScript(token: string, retryDelays: number[]): string {
  return `(async () => {
    const started = performance.now();
    for (const file of document.getElementById('bench-files').files) {
      const name = 'seed-' + Math.random().toString(36).slice(2) + '-' + file.name;
      const response = await fetch('/_webMethods/src/backend/uploads.web.ts/createUploadSession.ajax', {
        method: 'POST', headers: { Authorization: ${JSON.stringify(token)}, 'Content-Type': 'application/json' },
        body: JSON.stringify([{ fileName: name, mimeType: 'application/octet-stream', sizeInBytes: String(file.size) }]),
      });
      const answer = (await response.json()).result;
      if (!answer || !answer.ok) throw new Error('createUploadSession: ' + JSON.stringify(answer));
      const { uploadUrl, uploadToken } = answer.session;
      await new Promise((resolve, reject) => new tus.Upload(file, {
        endpoint: uploadUrl, retryDelays: ${JSON.stringify(retryDelays)},
        metadata: { filename: name, contentType: 'application/octet-stream', token: uploadToken },
        onSuccess: resolve, onError: reject,
      }).start());
      const finalized = await fetch(uploadUrl + '/' + encodeURIComponent(uploadToken) + '?filename=' + encodeURIComponent(name), { method: 'PUT' });
      if (!finalized.ok) throw new Error('finalize: ' + finalized.status + ' ' + (await finalized.text()));
    }
    window.__benchMarks.end = performance.now();
    return window.__benchMarks.end - started;
  })()`;
}

/**
 * The seed in the same Chromium, on a page of the app's origin (any path: its 404 is a document of
 * that origin; Playwright's request interception is not used, as it holds every request's body):
 * its first session request → the last finalize answered.
 */
export function seedChromiumRun(link: Link, files: InputFile[]): Promise<LinkRun> {
  return inChromium(link, 'seed-chromium', `${link.app.origin}/bench-seed`, async (page) => {
    await page.addScriptTag({ path: TUS_BROWSER_BUILD });
    await page.evaluate(
      `(() => { const input = document.createElement('input'); input.type = 'file'; input.multiple = true; input.id = 'bench-files'; document.body.append(input); })()`,
    );
    await page.setInputFiles(
      '#bench-files',
      files.map((file) => file.path),
    );
    link.proxy.resetCounters();
    return Number(await page.evaluate(seedScript(link.app.ownerToken, SEED_RETRY_DELAYS)));
  });
}

const VIA_LINK = path.join(PROJECT_DIR, 'bench', 'lib', 'via-link.mjs');
const viaLinkEnv = (link: Link) => ({ BENCH_VIA_LINK: `${new URL(link.app.origin).port}=${link.proxy.port}` });

/** The seed in Node (its own process, through the link): its first session request → the last finalize answered. */
export async function seedNodeRun(link: Link, files: InputFile[]): Promise<LinkRun> {
  const job: ClientJob = { contender: 'seed', endpoint: link.app.origin, token: link.app.ownerToken, files, concurrency: 1 };
  link.proxy.resetCounters();
  const child = startNodeChild(
    path.join(PROJECT_DIR, 'bench', 'lib', 'client-child.ts'),
    { BENCH_JOB: JSON.stringify(job), ...viaLinkEnv(link) },
    {
      nodeArgs: ['--import', 'tsx', '--import', VIA_LINK],
    },
  );
  try {
    const result = await child.waitForLine(jsonLine<ClientMessage>('result', 'error'), 'the result', uploadTimeoutMs(files, link.shape));
    const endAt = performance.now();
    if (result.type === 'error') throw new Error(`the seed in Node failed: ${result.message}`);
    const ms = result.elapsedMs ?? Number.NaN;
    return { contender: 'seed-node', ms, startAt: endAt - ms, endAt, counters: link.proxy.counters() };
  } finally {
    await child.stop();
  }
}

/** The command-line uploader (`resumable-upload --json`): its process's start, and its file from Uploading to Processing or Ready. */
export async function cliRun(link: Link, files: InputFile[], workDir: string): Promise<LinkRun> {
  const cwd = fs.mkdtempSync(path.join(workDir, 'cli-')); // its own resume records: nothing of an earlier run is continued
  const states: { at: number; state: string }[] = [];
  let rssAtStart: number | undefined;
  link.proxy.resetCounters();
  const spawnedAt = performance.now();
  const child = startNodeChild(path.join(PROJECT_DIR, 'cli', 'bin.mjs'), viaLinkEnv(link), {
    nodeArgs: ['--import', VIA_LINK],
    // New names: the command line skips a file already in its destination folder, as a second run of the same file is.
    args: [...underNewNames(files).map((file) => file.path), '--json', '--url', link.app.origin],
    cwd,
    onLine: (line) => {
      const state = /^\{"event":"file".*"state":"(\w+)"/.exec(line)?.[1];
      if (state === 'uploading' && !states.some((s) => s.state === state)) rssAtStart = statusField(child.pid, 'VmRSS');
      if (state) states.push({ at: performance.now(), state });
    },
  });
  const rss = probeRss(child.pid);
  const exitCode = await Promise.race([child.exited, sleep(uploadTimeoutMs(files, link.shape)).then(() => 'timeout' as const)]);
  const peak = rss.stop();
  await child.stop();
  if (exitCode !== 0) throw new Error(`the command line ended ${exitCode}:\n${child.lines.slice(-5).join('\n')}`);
  const startAt = states.find((s) => s.state === 'uploading')?.at ?? Number.NaN;
  const endAt = states.filter((s) => s.state === 'processing' || s.state === 'ready').at(-1)?.at ?? Number.NaN;
  const counters = link.proxy.counters();
  const firstPatch = counters.requests.find((r) => r.line.startsWith('PATCH'))?.atMs ?? Number.NaN;
  return {
    contender: 'cli',
    ms: endAt - startAt,
    startAt,
    endAt,
    counters,
    peakRssBytes: peak?.peakBytes,
    startRssBytes: rssAtStart,
    processToFirstByteMs: firstPatch - spawnedAt,
  };
}

export interface ReloadResult {
  /** The page's own time: the re-picked file's change event → its staged row, then the click → the first resumed PATCH. */
  stagingMs: number;
  clickToByteMs: number;
  /** Bytes the server held at the reload that the page reads again: for its md5 (its saved progress is behind), or sent again. */
  hashedAgainBytes: number;
  sentAgainBytes: number;
}

/** Reload mid-upload, pick the same file again, click Upload: how soon, and how much of what the server holds is read again. */
export async function reloadRun(link: Link, input: InputFile): Promise<ReloadResult> {
  const [file] = underNewNames([input]) as [InputFile];
  const opened = await openPage(link.chromium.browser, `${link.app.origin}/dashboard`, [], 60_000);
  try {
    const { page } = opened;
    const driver = new UploadPageDriver(page);
    await page.getByText('Drop files or whole folders here').waitFor();
    await driver.chooseFiles([file.path]);
    link.proxy.resetCounters();
    await driver.startUpload();
    while (link.proxy.counters().deliveredUpBytes < file.size * 0.4) await sleep(50);
    await page.reload();
    await page.getByText('Drop files or whole folders here').waitFor();
    await sleep(500); // the server has written what reached it
    const record = JSON.parse(
      String(await page.evaluate(`Object.values(localStorage).find((value) => value.includes('"tusUrl"')) ?? '{}'`)),
    ) as { tusUrl?: string; hash?: { offset: number } };
    const head = await fetch(record.tusUrl ?? 'about:', { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } });
    const onServer = Number(head.headers.get('upload-offset'));
    await page.evaluate(`(() => {
      const marks = (window.__benchMarks ??= {});
      for (const type of ['click', 'change']) window.addEventListener(type, () => { marks[type] = performance.now(); }, true);
    })()`);
    await markWhen(page, 'staged', `document.querySelector('[data-hook="staged-row"]')`);
    const resumedPatch = page.waitForRequest((request) => request.method() === 'PATCH', { timeout: 30_000 });
    await driver.chooseFiles([file.path]);
    const stagedAt = await waitForMark(page, 'staged', 10_000);
    const toPage = await pageClock(page);
    const afterClick = performance.now();
    await driver.startUpload();
    const offset = Number((await resumedPatch).headers()['upload-offset']);
    let firstPatch: number | undefined;
    while (firstPatch === undefined) {
      firstPatch = link.proxy.counters().requests.find((r) => r.line.startsWith('PATCH') && r.atMs > afterClick)?.atMs;
      await sleep(10);
    }
    const marks = (await page.evaluate('window.__benchMarks')) as { click: number; change: number };
    return {
      stagingMs: stagedAt - marks.change,
      clickToByteMs: toPage(firstPatch) - marks.click,
      hashedAgainBytes: Math.max(0, onServer - (record.hash?.offset ?? 0)),
      sentAgainBytes: Math.max(0, onServer - offset),
    };
  } finally {
    await opened.close();
  }
}
