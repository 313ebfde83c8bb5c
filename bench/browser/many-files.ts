/**
 * Measurement 2 (and 3): how long adding many small files takes until a person sees them, first in
 * the staged table, then (after clicking Upload) in the queue; and the long tasks meanwhile. The
 * page may send almost nothing (CDP throttling), so the figures are the page's own work, not the
 * uploads that start behind it.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { installAddMarks, readAddMarks, waitForMark, type AddMarks } from './add-marks.js';
import { withUploadPage } from './chromium.js';
import type { InputFile } from './input.js';
import { LONG_TASK_OBSERVER, longTasksBetween, longTaskStats, type LongTaskStats } from './long-tasks.js';
import { mainThreadTimes, timesBetween, type MainThreadTimes } from './main-thread.js';
import { syncPageClock } from './page-clock.js';
import { FILE_INPUT, holdUploads, START_UPLOAD, startButtonLabel } from './upload-page.js';

export interface ManyFilesRun {
  repetition: number;
  files: number;
  /** From the setInputFiles call to the staged table, title "Files to upload (n)" and rows, painted. */
  stageMs: number;
  /** Of which: from the call to the input's change event (the browser making File objects). */
  pickToChangeMs: number;
  /** Of which: from the change event to the staged table in the DOM (React). */
  changeToStagedDomMs: number;
  /** From the click on Upload to the queue card, title "Uploads (n)" and its first rows, painted. */
  queueMs: number;
  /** Of which: from the click to the queue in the DOM. */
  clickToQueuedDomMs: number;
  /** stageMs + queueMs: what a person waits for, the time to click aside. */
  totalMs: number;
  /** The long tasks of the staging step (setInputFiles call → staged table painted). */
  stageLongTasks: LongTaskStats;
  /** The long tasks of the queueing step (click → queue painted). */
  queueLongTasks: LongTaskStats;
  /** How the main thread spent each step (CDP Performance.getMetrics). */
  stageMainThread: MainThreadTimes;
  queueMainThread: MainThreadTimes;
  /** How far off the Node-side start of the staging step can be on the page's clock. */
  clockUncertaintyMs: number;
}

const SETTLE_MS = 1000;
/** A person looks at the list before clicking; the two steps' work does not overlap. */
const THINK_MS = 500;
const STEP_TIMEOUT_MS = 120_000;

export async function measureManyFiles(browser: Browser, url: string, files: InputFile[], repetition: number): Promise<ManyFilesRun> {
  return withUploadPage(browser, url, [LONG_TASK_OBSERVER], async ({ page, cdp }) => {
    await holdUploads(cdp);
    await sleep(SETTLE_MS);
    await installAddMarks(page, files.length);
    const clock = await syncPageClock(page);

    const beforeStage = await mainThreadTimes(cdp);
    const pickedAt = performance.now();
    await page.setInputFiles(
      FILE_INPUT,
      files.map((file) => file.path),
      { timeout: STEP_TIMEOUT_MS },
    );
    await waitForMark(page, 'stagedPaint', STEP_TIMEOUT_MS);
    const afterStage = await mainThreadTimes(cdp);
    const expected = `Upload ${files.length} file${files.length === 1 ? '' : 's'}`;
    const label = await startButtonLabel(page);
    if (label !== expected) throw new Error(`the Upload button says "${label}", not "${expected}": some files were refused`);

    await sleep(THINK_MS);
    const beforeQueue = await mainThreadTimes(cdp);
    await page.locator(START_UPLOAD).click({ timeout: STEP_TIMEOUT_MS });
    await waitForMark(page, 'queuedPaint', STEP_TIMEOUT_MS);
    const afterQueue = await mainThreadTimes(cdp);

    const marks: AddMarks = await readAddMarks(page);
    const pickedOnPage = clock.toPage(pickedAt);
    const tasks = await longTasksBetween(page, pickedOnPage, marks.queuedPaint);
    const within = (from: number, to: number) => tasks.filter((task) => task.startMs < to && task.startMs + task.durationMs > from);
    const stageMs = marks.stagedPaint - pickedOnPage;
    const queueMs = marks.queuedPaint - marks.click;
    return {
      repetition,
      files: files.length,
      stageMs,
      pickToChangeMs: marks.change - pickedOnPage,
      changeToStagedDomMs: marks.stagedDom - marks.change,
      queueMs,
      clickToQueuedDomMs: marks.queuedDom - marks.click,
      totalMs: stageMs + queueMs,
      stageLongTasks: longTaskStats(within(pickedOnPage, marks.stagedPaint)),
      queueLongTasks: longTaskStats(within(marks.click, marks.queuedPaint)),
      stageMainThread: timesBetween(beforeStage, afterStage),
      queueMainThread: timesBetween(beforeQueue, afterQueue),
      clockUncertaintyMs: clock.uncertaintyMs,
    };
  });
}
