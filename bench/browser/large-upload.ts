/** Measurement 1 (and 3): the page's JS heap and long tasks while one big file is uploaded from the page to READY. */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { MIB } from '../config.js';
import { startMachineBusy } from '../machine.js';
import { type MainThreadTimes, mainThreadTimes, timesBetween } from './main-thread.js';
import { withUploadPage } from './chromium.js';
import { collectGarbage, readHeap, sampleHeap, type HeapReading } from './heap.js';
import type { InputFile } from './input.js';
import { LONG_TASK_OBSERVER, longTasksBetween, longTaskStats, type LongTaskStats } from './long-tasks.js';
import { syncPageClock } from './page-clock.js';
import { FILE_INPUT, markBytesDone, STAGED_ROW, START_UPLOAD, waitUntilReady } from './upload-page.js';

export interface LargeUploadRun {
  repetition: number;
  bytes: number;
  /** From the click on Upload to the row showing Ready. */
  uploadSeconds: number;
  /** From the click on Upload to the row showing Processing: every byte on the server, the file finalized and recorded. */
  bytesSeconds: number;
  /** Used JS heap after a forced GC, the page at rest, before the file is picked. */
  baselineBytes: number;
  /** The largest reading from picking the file to READY (baseline included). */
  peakBytes: number;
  growthBytes: number;
  /** Used JS heap after a forced GC once the file is READY. */
  afterGcBytes: number;
  retainedBytes: number;
  /** Blink's heap (DOM objects), for context: baseline and peak. */
  embedderBaselineBytes: number;
  embedderPeakBytes: number;
  samples: number;
  /** The longest gap between two readings (a reading waits for the page's main thread). */
  maxSampleGapMs: number;
  longTasks: LongTaskStats;
  /** How the page's main thread spent the upload (click → Ready). */
  mainThread: MainThreadTimes;
  /** Share of the machine's core time busy during the upload (browser, app and all). */
  machineBusy: number;
}

/** Before the baseline, the page finishes loading (folders, recent uploads) and settles. */
const SETTLE_MS = 1000;
/** A run slower than 2 MiB/s (plus a minute) is abandoned: something is wrong. */
const uploadTimeoutMs = (bytes: number) => 60_000 + (bytes / (2 * MIB)) * 1000;

function maxGap(readings: readonly HeapReading[]): number {
  let gap = 0;
  for (let i = 1; i < readings.length; i++) gap = Math.max(gap, readings[i]!.atMs - readings[i - 1]!.atMs);
  return gap;
}

export async function measureLargeUpload(
  browser: Browser,
  url: string,
  file: InputFile,
  sampleIntervalMs: number,
  repetition: number,
): Promise<LargeUploadRun> {
  return withUploadPage(browser, url, [LONG_TASK_OBSERVER], async ({ page, cdp }) => {
    await sleep(SETTLE_MS);
    await collectGarbage(cdp);
    const baseline = await readHeap(cdp);
    const clock = await syncPageClock(page);

    const sampler = sampleHeap(cdp, sampleIntervalMs);
    const windowStart = performance.now();
    let clickedAt = NaN;
    let readyAt = NaN;
    let readings: HeapReading[];
    let mainThread: MainThreadTimes;
    let machineBusy: number;
    let bytesDoneAt: () => Promise<number> = async () => Number.NaN;
    try {
      await page.setInputFiles(FILE_INPUT, file.path);
      await page.locator(STAGED_ROW).first().waitFor();
      bytesDoneAt = await markBytesDone(page, file.name);
      const timesBefore = await mainThreadTimes(cdp);
      const busy = startMachineBusy();
      clickedAt = performance.now();
      await page.locator(START_UPLOAD).click();
      await waitUntilReady(page, file.name, uploadTimeoutMs(file.size));
      readyAt = performance.now();
      machineBusy = busy();
      mainThread = timesBetween(timesBefore, await mainThreadTimes(cdp));
    } finally {
      readings = await sampler.stop();
    }
    const bytesSeconds = ((await bytesDoneAt()) - clock.toPage(clickedAt)) / 1000;
    const tasks = await longTasksBetween(page, clock.toPage(windowStart), clock.toPage(readyAt));
    await collectGarbage(cdp);
    const after = await readHeap(cdp);

    const all = [baseline, ...readings];
    const peakBytes = Math.max(...all.map((r) => r.usedBytes));
    return {
      repetition,
      bytes: file.size,
      uploadSeconds: (readyAt - clickedAt) / 1000,
      bytesSeconds,
      baselineBytes: baseline.usedBytes,
      peakBytes,
      growthBytes: peakBytes - baseline.usedBytes,
      afterGcBytes: after.usedBytes,
      retainedBytes: after.usedBytes - baseline.usedBytes,
      embedderBaselineBytes: baseline.embedderBytes,
      embedderPeakBytes: Math.max(...all.map((r) => r.embedderBytes)),
      samples: readings.length,
      maxSampleGapMs: maxGap(readings),
      longTasks: longTaskStats(tasks),
      mainThread,
      machineBusy,
    };
  });
}
