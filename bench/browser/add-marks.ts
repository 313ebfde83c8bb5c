/**
 * In-page marks of adding many files, on the page's clock: when the file input's change event
 * fires, when the staged table with every file is in the DOM and then painted, when the Upload
 * button's click arrives, when the queue card with every file and its first rows is in the DOM and
 * then painted. A MutationObserver checks after each batch of DOM changes, so nothing polls.
 */
import type { Page } from 'playwright-core';
import { FILE_INPUT, QUEUE_ROW, STAGED_ROW, START_UPLOAD, queueTitle, stagedTitle } from './upload-page.js';

export interface AddMarks {
  change: number;
  stagedDom: number;
  stagedPaint: number;
  click: number;
  queuedDom: number;
  queuedPaint: number;
}

const MARK_NAMES: (keyof AddMarks)[] = ['change', 'stagedDom', 'stagedPaint', 'click', 'queuedDom', 'queuedPaint'];

/** "Painted": the frame after the DOM change has been produced (a task queued from its requestAnimationFrame). */
function watcherScript(fileCount: number): string {
  const text = JSON.stringify;
  return `(() => {
  const marks = {};
  Object.defineProperty(window, '__rmuAddMarks', { value: marks, configurable: true });
  const now = () => performance.now();
  const afterPaint = (name) => requestAnimationFrame(() => setTimeout(() => { marks[name] = now(); }, 0));
  const hasTitle = (title) => Array.from(document.querySelectorAll('[data-hook="title"]')).some((el) => el.textContent === title);
  const on = (type, selector, name) => window.addEventListener(type, (event) => {
    if (marks[name] === undefined && event.target instanceof Element && event.target.closest(selector)) marks[name] = now();
  }, true);
  on('change', ${text(FILE_INPUT)}, 'change');
  on('click', ${text(START_UPLOAD)}, 'click');
  const observer = new MutationObserver(() => {
    if (marks.stagedDom === undefined && hasTitle(${text(stagedTitle(fileCount))}) && document.querySelector(${text(STAGED_ROW)})) {
      marks.stagedDom = now();
      afterPaint('stagedPaint');
    }
    if (marks.click !== undefined && marks.queuedDom === undefined && hasTitle(${text(queueTitle(fileCount))}) && document.querySelector(${text(QUEUE_ROW)})) {
      marks.queuedDom = now();
      afterPaint('queuedPaint');
      observer.disconnect();
    }
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
})()`;
}

export async function installAddMarks(page: Page, fileCount: number): Promise<void> {
  await page.evaluate(watcherScript(fileCount));
}

/** Waits (polling from Node) until the mark is set, and returns it. */
export async function waitForMark(page: Page, name: keyof AddMarks, timeoutMs: number): Promise<number> {
  const handle = await page.waitForFunction(`window.__rmuAddMarks && window.__rmuAddMarks[${JSON.stringify(name)}]`, undefined, {
    timeout: timeoutMs,
    polling: 100,
  });
  const value: unknown = await handle.jsonValue();
  await handle.dispose();
  if (typeof value !== 'number') throw new Error(`the ${name} mark is not a number`);
  return value;
}

export async function readAddMarks(page: Page): Promise<AddMarks> {
  const raw: unknown = await page.evaluate('({ ...window.__rmuAddMarks })');
  if (typeof raw !== 'object' || raw === null) throw new Error('the add marks are not installed');
  const record = raw as Record<string, unknown>;
  const marks: Partial<AddMarks> = {};
  for (const name of MARK_NAMES) {
    const value = record[name];
    if (typeof value !== 'number') throw new Error(`the ${name} mark was not set`);
    marks[name] = value;
  }
  return marks as AddMarks;
}
