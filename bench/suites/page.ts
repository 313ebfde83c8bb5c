/**
 * `npm run bench:page`: the Upload page in Chromium staying responsive and small. Its main thread
 * during a 1 GiB upload with 20 more files queued, on a 400 Mbit/s, 20 ms link (long tasks from a
 * PerformanceObserver, busy time from Chromium's counters); its JS heap while it sends 5 GiB (five
 * files of 1 GiB, on 127.0.0.1).
 */
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { UploadPageDriver } from '../../e2e/support/dashboard.js';
import { startApp } from '../lib/app.js';
import {
  collectGarbage,
  EVENT_MARKS,
  heapUsed,
  launchChromium,
  LONG_TASK_OBSERVER,
  longTasksBetween,
  mainThreadMs,
  markWhen,
  openPage,
  profileScript,
  profileText,
  queueCount,
  sampleHeapPeak,
  traceLongTasks,
  waitForMark,
} from '../lib/chromium.js';
import { envNumber, runSuite, SCALE } from '../lib/harness.js';
import { formatSize, GIB, MIB, spread, spreadText, writeRandomFile, writeRandomFiles, type InputFile } from '../lib/measure.js';
import { checked, table, spec } from '../lib/targets.js';
import { openLink } from './link-contenders.js';

const REPEAT = envNumber('BENCH_REPEAT', 3, Number.isInteger, 'a whole number ≥ 1');
const FAST_LINK = { bytesPerSecond: 400e6 / 8, rttMs: 20, cutEveryBytes: null, refuseMs: 0 };
const timeoutFor = (bytes: number) => 120_000 + (bytes / (2 * MIB)) * 1000;

/** The page on the dashboard, its drop zone shown, with the long-task observer and the event marks. */
async function uploadPage(browser: Browser, origin: string) {
  const opened = await openPage(browser, `${origin}/dashboard`, [LONG_TASK_OBSERVER, EVENT_MARKS]);
  await opened.page.getByText('Drop files or whole folders here').waitFor();
  await sleep(1000); // it finishes loading (folders, recent uploads) and settles
  return { ...opened, driver: new UploadPageDriver(opened.page) };
}

const marks = async (page: Page) => (await page.evaluate('window.__benchMarks')) as Record<string, number>;
const allSent = (count: number) => `${queueCount('ready')} + ${queueCount('processing')} + ${queueCount('failed')} >= ${count}`;

let runs = 0;
/**
 * A subfolder of its own for each run's files: the same files already in their destination would
 * be held for the owner's choice (the check for duplicates) and never sent.
 */
async function ownSubfolder(page: Page): Promise<void> {
  await page.getByRole('textbox', { name: 'New subfolders (optional)' }).fill(`bench-run-${++runs}`);
}

/** One 1 GiB upload with 20 more files queued: the main thread from the click until the big file is Processing. */
async function mainThreadRun(browser: Browser, origin: string, big: InputFile, queued: InputFile[], traced = false) {
  const { page, cdp, driver, close } = await uploadPage(browser, origin);
  try {
    await ownSubfolder(page);
    await driver.chooseFiles([big, ...queued].map((file) => file.path));
    await markWhen(
      page,
      'big',
      `[...document.querySelectorAll('[data-hook="queue-row"]')].some((row) => row.textContent.includes(${JSON.stringify(big.name)}) && /^(Processing|Ready)$/.test(row.querySelector('[data-hook="item-state"]')?.textContent.trim() ?? ''))`,
    );
    // Tracing slows the page: only an untimed run is traced, to name what its long tasks ran.
    const trace = traced ? await traceLongTasks(cdp) : undefined;
    const profiler = traced ? await profileScript(cdp) : undefined;
    const before = await mainThreadMs(cdp);
    await driver.startUpload();
    const end = await waitForMark(page, 'big', timeoutFor(big.size));
    const after = await mainThreadMs(cdp);
    const tracedTasks = (await trace?.stop()) ?? [];
    const profile = await profiler?.stop(15, tracedTasks);
    const longTasks = tracedTasks.map((task) => task.text);
    const click = (await marks(page))['click:start-upload']!;
    const windowMs = end - click;
    const tasks = await longTasksBetween(page, click, end);
    const busy = (key: keyof typeof before) => after[key] - before[key];
    return {
      windowMs,
      tasks,
      longTasks,
      profile,
      busyShare: busy('task') / windowMs,
      scriptMs: busy('script'),
      layoutMs: busy('layout'),
      styleMs: busy('style'),
    };
  } finally {
    await close();
  }
}

/** 5 GiB from the page: its used JS heap, from the page at rest (after a forced GC) to the peak, and after a GC at the end. */
async function heapRun(browser: Browser, origin: string, files: InputFile[]) {
  const { page, cdp, driver, close } = await uploadPage(browser, origin);
  try {
    await collectGarbage(cdp);
    const baseline = await heapUsed(cdp);
    const sampler = sampleHeapPeak(cdp);
    await ownSubfolder(page);
    await driver.chooseFiles(files.map((file) => file.path));
    await markWhen(page, 'sent', allSent(files.length));
    await driver.startUpload();
    await waitForMark(page, 'sent', timeoutFor(files.reduce((sum, f) => sum + f.size, 0)));
    const peak = await sampler.stop();
    if (Number(await page.evaluate(queueCount('failed'))) > 0) throw new Error('a file of the heap run failed');
    await collectGarbage(cdp);
    return { growthMiB: (peak - baseline) / MIB, retainedMiB: ((await heapUsed(cdp)) - baseline) / MIB };
  } finally {
    await close();
  }
}

runSuite('page', async ({ tempDir }) => {
  const app = await startApp(path.join(tempDir, 'app'), { DASHBOARD: 'on' });
  const input = path.join(tempDir, 'input');
  const big = writeRandomFile(input, 'big.bin', Math.round(GIB * SCALE));
  const queued = writeRandomFiles(input, 'queued', 20, MIB);
  // Five names for the same bytes (hard links): 5 GiB sent, 1 GiB on disk.
  const heapFiles = [1, 2, 3, 4, 5].map((n) => {
    const file = path.join(input, `heap-${n}.bin`);
    fs.linkSync(big.path, file);
    return { ...big, path: file, name: `heap-${n}.bin` };
  });
  const link = await openLink(app, FAST_LINK);
  const direct = await launchChromium();
  console.log('Warming up the page, traced (not timed)…');
  const warmupFile = writeRandomFile(input, 'warmup.bin', Math.round(big.size / 8));
  const { longTasks, profile } = await mainThreadRun(link.chromium.browser, app.origin, warmupFile, queued, true);
  if (profile) console.log(`the warm-up's script, profiled: ${JSON.stringify(profile, null, 1)}`);

  const threads: Awaited<ReturnType<typeof mainThreadRun>>[] = [];
  for (let repetition = 1; repetition <= REPEAT; repetition++) {
    threads.push(await mainThreadRun(link.chromium.browser, app.origin, big, queued));
    console.log(`[${repetition}/${REPEAT}] ${JSON.stringify(threads.at(-1))}`);
  }
  const heap = await heapRun(direct.browser, app.origin, heapFiles);
  console.log(`heap: ${JSON.stringify(heap)}`);

  const longest = Math.max(...threads.map((t) => t.tasks.maxMs));
  const busiest = Math.max(...threads.map((t) => t.busyShare));
  const targets = [
    checked(
      spec(
        'page-main-thread-longtasks',
        `the page's main thread during a ${Math.round(big.size / MIB)} MiB upload with 20 more files queued (400 Mbit/s link): its longest task, and its busy time ÷ the upload's duration (worst run)`,
        'no long task > 50 ms; busy ≤ 10 %',
      ),
      `longest ${longest.toFixed(0)} ms; busy ${(busiest * 100).toFixed(1)} %`,
      longest <= 50 && busiest <= 0.1,
      threads
        .map(
          (t) =>
            `${t.tasks.count} long tasks (${t.tasks.totalMs.toFixed(0)} ms); busy ${(t.busyShare * 100).toFixed(1)} % of ${(t.windowMs / 1000).toFixed(1)} s: script ${t.scriptMs.toFixed(0)} ms, layout ${t.layoutMs.toFixed(0)} ms, style ${t.styleMs.toFixed(0)} ms`,
        )
        .join('; ') +
        `; the traced warm-up's long tasks (${formatSize(warmupFile.size)} + 20 queued): ${longTasks.slice(0, 8).join(', ') || 'none'}` +
        (profile
          ? `; its script (profiled, ${profile.sampledMs.toFixed(0)} ms sampled) by module: ${profileText(profile.modules)}; by function: ${profileText(profile.functions)}`
          : ''),
    ),
    checked(
      spec('page-heap-growth-5gib', "the page's used JS heap while it sends 5 GiB: peak − at rest", '< 50 MiB'),
      `${heap.growthMiB.toFixed(1)} MiB; after a GC ${heap.retainedMiB.toFixed(1)} MiB retained`,
      heap.growthMiB < 50,
      `retained after a GC: ${heap.retainedMiB.toFixed(1)} MiB; the rest is garbage collected later`,
    ),
  ];
  return {
    targets,
    tables: [
      `Chromium ${link.chromium.version}; ${REPEAT} repetitions, each in a fresh browser context.`,
      table(
        ['measured', 'median (min–max)'],
        [
          ['1 GiB + 20 queued: long tasks, count', spreadText(spread(threads.map((t) => t.tasks.count)), 0)],
          ['… longest, ms', spreadText(spread(threads.map((t) => t.tasks.maxMs)), 0)],
          ['… main thread busy, % of the upload', spreadText(spread(threads.map((t) => t.busyShare * 100)))],
          [
            '… of it script / layout / style, ms',
            (['scriptMs', 'layoutMs', 'styleMs'] as const).map((k) => spreadText(spread(threads.map((t) => t[k])), 0)).join(' / '),
          ],
          ['5 GiB: heap growth / retained after GC, MiB', `${heap.growthMiB.toFixed(1)} / ${heap.retainedMiB.toFixed(1)}`],
        ],
      ),
    ],
    details: { threads, heap },
  };
});
