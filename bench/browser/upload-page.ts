/** The Upload page as the benchmark drives it: the hidden file input, the Upload button, a row's state. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { CDPSession, Page } from 'playwright-core';

export const FILE_INPUT = '[data-hook="file-input"]';
export const START_UPLOAD = '[data-hook="start-upload"]';
export const STAGED_ROW = '[data-hook="staged-row"]';
export const QUEUE_ROW = '[data-hook="queue-row"]';
export const ITEM_STATE = '[data-hook="item-state"]';
export const FAILURE_REASON = '[data-hook="failure-reason"]';

export const stagedTitle = (count: number) => `Files to upload (${count})`;
export const queueTitle = (count: number) => `Uploads (${count})`;

const FINAL_STATES = ['Ready', 'Failed', 'Cancelled'];

/**
 * Waits until the file's queue row shows a final state, polling from Node every `pollMs` (no
 * in-page polling that would add work to the page being measured); throws unless it is Ready.
 */
export async function waitUntilReady(page: Page, name: string, timeoutMs: number, pollMs = 250): Promise<void> {
  const row = page.locator(QUEUE_ROW, { hasText: name });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = (await row.locator(ITEM_STATE).first().textContent({ timeout: timeoutMs }))?.trim() ?? '';
    if (state === 'Ready') return;
    if (FINAL_STATES.includes(state)) {
      const reason = await row
        .locator(FAILURE_REASON)
        .first()
        .textContent({ timeout: 1000 })
        .catch(() => null);
      throw new Error(`${name} ended ${state}${reason ? `: ${reason}` : ''}`);
    }
    if (Date.now() > deadline) throw new Error(`${name} was not Ready after ${timeoutMs / 1000} s (state: ${state || 'none'})`);
    await sleep(pollMs);
  }
}

/** Lets the page send almost nothing (1 byte/s), through the DevTools protocol: uploads start but barely move. */
export async function holdUploads(cdp: CDPSession): Promise<void> {
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1 });
}

/** The Upload button's label, e.g. "Upload 1000 files". */
export async function startButtonLabel(page: Page): Promise<string> {
  return ((await page.locator(START_UPLOAD).textContent()) ?? '').trim();
}

/**
 * In the page: notes the page's time when the file's row first shows Processing or Ready (every
 * byte is on the server and the file is finalized: the end bare tus-js-client's onSuccess stands
 * for), and returns a function reading that time (NaN until then). Observes the queue's rows only
 * while it waits.
 */
export async function markBytesDone(page: Page, name: string): Promise<() => Promise<number>> {
  const key = `__bytesDone_${name.replace(/\W/g, '_')}`;
  await page.evaluate(`(() => {
    const done = () => [...document.querySelectorAll(${JSON.stringify(QUEUE_ROW)})].some((row) =>
      row.textContent.includes(${JSON.stringify(name)}) &&
      /^(Processing|Ready)$/.test((row.querySelector(${JSON.stringify(ITEM_STATE)})?.textContent ?? '').trim()));
    const observer = new MutationObserver(() => {
      if (!done()) return;
      window[${JSON.stringify(key)}] = performance.now();
      observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  })()`);
  return async () => Number(await page.evaluate(`window[${JSON.stringify(key)}] ?? NaN`));
}
