/**
 * The page in Chromium through the link. The page's code is untouched: Chromium is started with
 * `--host-resolver-rules` mapping the app's address (127.0.0.1:<app port>) to the shaping
 * proxy's, so every connection the page opens to the app (the page itself, the web methods, the
 * tus requests at the upload URL the app gives) crosses the link, Host header unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { onCleanup } from '../cleanup.js';
import { startAppWithPage } from '../browser/app.js';
import { launchBenchChromium, withUploadPage } from '../browser/chromium.js';
import { FILE_INPUT, STAGED_ROW, START_UPLOAD } from '../browser/upload-page.js';
import type { InputFile } from '../input-files.js';
import { startShapingProxy } from './shaping-proxy.js';
import { runTimeoutMs, type LinkRunResult, type LinkRunSpec } from './link-run.js';

const QUEUE_COUNTS = '[data-hook="queue-counts"]';
const POLL_MS = 100;

/** The queue's counts line, e.g. "3 ready · 0 uploading · … · 0 failed". */
async function readCounts(page: Page): Promise<{ ready: number; failed: number }> {
  const text = (await page.locator(QUEUE_COUNTS).textContent()) ?? '';
  const count = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(text)?.[1] ?? 0);
  return { ready: count('ready'), failed: count('failed') };
}

/** Picks `files`, clicks Upload and resolves when `readyBefore + files.length` items are Ready. */
async function uploadFromPage(page: Page, files: InputFile[], readyBefore: number, timeoutMs: number): Promise<number> {
  await page.setInputFiles(
    FILE_INPUT,
    files.map((file) => file.path),
  );
  await page.locator(STAGED_ROW).first().waitFor();
  const clickedAt = performance.now();
  await page.locator(START_UPLOAD).click();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { ready, failed } = await readCounts(page);
    if (failed > 0) throw new Error(`the page reports ${failed} failed upload(s)`);
    if (ready >= readyBefore + files.length) return performance.now() - clickedAt;
    if (Date.now() > deadline)
      throw new Error(`the page had ${ready - readyBefore} of ${files.length} files Ready after ${timeoutMs / 1000} s`);
    await sleep(POLL_MS);
  }
}

export async function runPageContender(spec: LinkRunSpec): Promise<LinkRunResult> {
  const dataDir = fs.mkdtempSync(path.join(spec.tempRoot, 'link-page-'));
  const app = await startAppWithPage(dataDir);
  try {
    const appUrl = new URL(app.url);
    const proxy = await startShapingProxy({ host: appUrl.hostname, port: Number(appUrl.port) }, spec.shape);
    const closeProxy = onCleanup(() => proxy.close());
    try {
      const chromium = await launchBenchChromium([`--host-resolver-rules=MAP ${appUrl.host} 127.0.0.1:${proxy.port}`]);
      try {
        return await withUploadPage(chromium.browser, app.url, [], async ({ page }) => {
          await uploadFromPage(page, [spec.warmup], 0, 120_000);
          if (proxy.counters().deliveredUpBytes < spec.warmup.size) {
            throw new Error('the page did not upload through the link (the proxy saw less than the warm-up file)');
          }
          proxy.resetCounters();
          const bytes = spec.files.reduce((sum, file) => sum + file.size, 0);
          const elapsedMs = await uploadFromPage(page, spec.files, 1, runTimeoutMs(bytes, spec));
          return { elapsedMs, bytes, counters: proxy.counters() };
        });
      } finally {
        await chromium.close();
      }
    } finally {
      await closeProxy();
    }
  } finally {
    await app.stop();
  }
}
