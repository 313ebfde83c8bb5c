/** A page of the app's origin with a file picked into an input of its own: where bare tus-js-client and the engine alone run. */
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { MIB } from '../config.js';
import { startMachineBusy } from '../machine.js';
import type { InputFile } from './input.js';

/** The in-page id of the input the file is picked into. */
export const INPUT_ID = 'bench-file-input';

const uploadTimeoutMs = (bytes: number) => 60_000 + (bytes / (2 * MIB)) * 1000;

/**
 * In a fresh context: a page of the app's origin (the dashboard's URL, so the web methods and the
 * tus requests are same-origin), `script` added to it and `file` picked into an input; the
 * context is closed afterwards.
 */
export async function withFileOnAppPage<T>(
  browser: Browser,
  appUrl: string,
  script: string,
  file: InputFile,
  use: (page: Page) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(uploadTimeoutMs(file.size));
    await page.goto(appUrl);
    await page.addScriptTag({ path: script });
    await page.evaluate(
      `(() => { const input = document.createElement('input'); input.type = 'file'; input.id = ${JSON.stringify(INPUT_ID)}; document.body.append(input); })()`,
    );
    await page.setInputFiles(`#${INPUT_ID}`, file.path);
    return await use(page);
  } finally {
    await context.close();
  }
}

/**
 * Evaluates an upload in the page that resolves to its own timing (`ms`, the page's clock
 * decides), with how busy the machine's cores were meanwhile. Node's clock only checks that the
 * evaluate did wait for the upload.
 */
export async function timedInPage<R extends { ms: number }>(page: Page, expression: string): Promise<R & { machineBusy: number }> {
  const startedAt = performance.now();
  const busy = startMachineBusy();
  const result = (await page.evaluate(expression)) as R;
  const machineBusy = busy();
  if (performance.now() - startedAt < result.ms) throw new Error('the in-page timing is longer than the evaluate');
  return { ...result, machineBusy };
}
