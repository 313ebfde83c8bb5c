import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startTestApp, tempDir } from '../test/support/local-app.js';
import { makePng, writeRandomFile } from '../test/support/files.js';
import { launchChromium } from './support/browser.js';
import { UploadPageDriver } from './support/dashboard.js';
import { screenshotPath } from './support/screenshots.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

const LONG_PATH = 'clients/2026/the-wedding-of-ana-and-joao-in-porto/raw-footage-camera-b';
const LONG_LABEL = 'a-long-label-for-the-client-project-2026-final-cut';

/** The left edge and width of each cell of a row, header or body, rounded to the pixel. */
async function columnEdges(row: Locator): Promise<Array<[number, number]>> {
  return row.evaluate((tr) =>
    Array.from(tr.children, (cell) => {
      const box = cell.getBoundingClientRect();
      return [Math.round(box.left), Math.round(box.width)] as [number, number];
    }),
  );
}

/** Whether an element is drawn inside the table cell that holds it. */
async function staysInItsCell(element: Locator): Promise<boolean> {
  return element.evaluate((node) => {
    const cell = node.closest('td');
    if (!cell) return false;
    const inner = node.getBoundingClientRect();
    const outer = cell.getBoundingClientRect();
    return inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5;
  });
}

/** How far the page scrolls sideways: the document, and the WDS page's own scroll container. */
async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => {
    const scroller = document.querySelector('[data-hook="page-scrollable-content"]');
    const documentOverflow = document.documentElement.scrollWidth - window.innerWidth;
    return Math.max(documentOverflow, scroller ? scroller.scrollWidth - scroller.clientWidth : 0);
  });
}

/** Whether the element is drawn whole within the window's width, at least `minWidth` wide, and nothing covers its middle. */
async function shownWhole(element: Locator, minWidth = 1): Promise<boolean> {
  // In the middle of its scrollers: at an edge, a table's sticky header row would cover it.
  await element.evaluate((node) => node.scrollIntoView({ block: 'center' }));
  const check = () =>
    element.evaluate((node, least) => {
      const box = node.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return (
        box.left >= 0 && box.right <= window.innerWidth + 0.5 && box.width >= least && hit !== null && (node === hit || node.contains(hit))
      );
    }, minWidth);
  // A virtualized table's rows ignore the pointer while it scrolls (a moment after the scroll above).
  for (let attempt = 0; attempt < 10; attempt++) {
    if (await check()) return true;
    await element.page().waitForTimeout(100);
  }
  return false;
}

/** Waits until the page's scroll container stops moving (a smooth scroll passes through every position on its way). */
async function scrollSettled(page: Page): Promise<void> {
  const position = () => page.evaluate(() => document.querySelector('[data-hook="page-scrollable-content"]')?.scrollTop ?? 0);
  let last = await position();
  for (let still = 0; still < 3; ) {
    await page.waitForTimeout(150);
    const now = await position();
    still = now === last ? still + 1 : 0;
    last = now;
  }
}

/** Whether nothing is drawn over the element's top edge (such as the page's sticky header and tabs). */
async function notCovered(element: Locator): Promise<boolean> {
  return element.evaluate((node) => {
    const box = node.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + Math.min(8, box.width / 2), box.top + 2);
    return box.top >= 0 && hit !== null && (node === hit || node.contains(hit));
  });
}

describe('the Upload page with many files, long names and a narrow window, in Chromium', () => {
  let app: App;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ui: UploadPageDriver;
  const files = tempDir('rmu-layout-');
  const paths: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({ processingDelayMs: 200, dashboard: true });
    browser = await launchChromium();
    // The two files the Media Manager refuses come first: the rows in view show both endings.
    for (let i = 0; i < 2; i++) {
      const broken = path.join(files, `broken-${i}.png`);
      fs.writeFileSync(broken, Buffer.alloc(4096, 7));
      paths.push(broken);
    }
    for (let i = 0; i < 24; i++) paths.push(writeRandomFile(files, `part-${String(i).padStart(2, '0')}.bin`, 2048 + i).path);
    const poster = path.join(files, 'poster.png');
    fs.writeFileSync(poster, makePng(320, 200));
    paths.unshift(poster);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  afterEach(async () => {
    await context?.close();
  });

  async function open(width: number, height: number): Promise<void> {
    context = await browser.newContext({ viewport: { width, height } });
    page = await context.newPage();
    ui = new UploadPageDriver(page);
    await ui.open(app.url);
  }

  /** Each staging goes to a folder of its own: the same files in a folder they were uploaded to would be flagged as already there. */
  let stagings = 0;
  async function stageAll(): Promise<void> {
    await page.getByRole('textbox', { name: 'New subfolders (optional)' }).fill(`${LONG_PATH}-${++stagings}`);
    await page.getByRole('textbox', { name: 'Labels' }).fill(LONG_LABEL);
    await page.keyboard.press('Enter');
    await ui.chooseFiles(paths);
  }

  it('keeps the columns of long, virtualized tables aligned, and long destinations inside their cells', { timeout: 120_000 }, async () => {
    await open(1280, 800);
    await stageAll();
    const staged = page.locator('[data-hook="staged-row"]');
    expect(await staged.count()).toBeLessThan(paths.length); // only the visible rows are drawn
    const header = page.locator('thead tr').first();
    expect(await columnEdges(staged.first())).toEqual(await columnEdges(header));
    expect(await staysInItsCell(page.locator('[data-hook="staged-destination"]').first())).toBe(true);
    // A preview of the image, read from the file itself.
    const preview = page.getByRole('img', { name: 'Preview of poster.png' });
    await expect.poll(() => preview.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(320);
    await page.screenshot({ path: screenshotPath('staged-many-files.png') });

    await ui.startUpload();
    // The queue comes into view with focus on it.
    const heading = page.locator('[data-hook="queue-heading"]');
    await expect.poll(() => heading.evaluate((node) => node === document.activeElement)).toBe(true);
    await expect.poll(() => heading.evaluate((node) => node.getBoundingClientRect().top), { timeout: 5000 }).toBeLessThan(800);
    // Only the visible rows are drawn: the counts say when the batch is over.
    await expect
      .poll(() => page.locator('[data-hook="queue-counts"]').innerText(), { timeout: 60_000 })
      .toMatch(/^25 ready · 0 uploading · 0 queued · 0 paused · 0 processing\s*· 0 failed · 2 refused$/);
    const queueRows = page.locator('[data-hook="queue-row"]');
    expect(await columnEdges(queueRows.first())).toEqual(await columnEdges(page.locator('thead tr', { has: page.getByText('Progress') })));
    // Every progress bar says whose progress it is.
    expect(await page.getByRole('progressbar', { name: 'Progress of poster.png' }).count()).toBe(1);
    expect(await page.getByRole('progressbar', { name: 'Overall progress' }).count()).toBe(1);
    await page.screenshot({ path: screenshotPath('queue-with-failures.png') });
  });

  it('fits an 800 px wide window: the settings and the Upload button are in view, nothing is cut', async () => {
    await open(800, 900);
    await stageAll();
    const within800 = async (locator: Locator) => (await locator.boundingBox())!.x + (await locator.boundingBox())!.width <= 800;
    expect(await within800(page.getByText('Upload settings'))).toBe(true);
    expect(await within800(page.getByRole('textbox', { name: 'New subfolders (optional)' }))).toBe(true);
    expect(await within800(page.locator('[data-hook="start-upload"]'))).toBe(true);
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(800);
    await page.screenshot({ path: screenshotPath('narrow-800.png'), fullPage: true });
  });

  for (const [width, height] of [
    [1280, 800],
    [800, 900],
    [375, 740],
  ] as const) {
    it(`at ${width} px: no sideways scroll; names, destinations, reasons and buttons shown whole`, { timeout: 120_000 }, async () => {
      await open(width, height);
      await stageAll();
      expect(await sidewaysScroll(page)).toBe(0);
      const staged = page.locator('[data-hook="staged-row"]').first();
      expect(await shownWhole(staged.getByRole('textbox', { name: /^Display name of / }), 120)).toBe(true);
      expect(await shownWhole(staged.locator('[data-hook="staged-destination"]'), 120)).toBe(true);
      expect(await shownWhole(page.getByRole('button', { name: 'Remove selected' }))).toBe(true);
      expect(await shownWhole(page.locator('[data-hook="start-upload"]'))).toBe(true);
      // The heading says what is listed, on one line or two, not a word a line.
      expect((await page.getByText(/^Files to upload \(\d+\)$/).boundingBox())!.height).toBeLessThan(60);
      if (width === 375) await page.screenshot({ path: screenshotPath('staged-phone.png') });

      await ui.startUpload();
      await expect
        .poll(() => page.locator('[data-hook="queue-counts"]').innerText(), { timeout: 60_000 })
        .toMatch(/0 uploading · 0 queued · 0 paused · 0 processing\s*· 0 failed · 2 refused$/);
      expect(await sidewaysScroll(page)).toBe(0);
      // The end-of-batch toast floats over the page for a few seconds, as Wix's does.
      await page.getByTestId('host-toast').waitFor({ state: 'detached', timeout: 15_000 });
      const refused = ui.row('broken-0.png');
      expect(await shownWhole(refused.getByText('broken-0.png', { exact: true }), 80)).toBe(true);
      expect(await shownWhole(refused.locator('[data-hook="failure-reason"]'), 120)).toBe(true);
      const ready = ui.row('part-00.bin');
      expect(await shownWhole(ready.getByText('part-00.bin', { exact: true }), 60)).toBe(true);
      expect(await shownWhole(ready.locator('[data-hook="bytes-done"]'))).toBe(true);
      // A button per action beside the file, or on a phone one menu holding them.
      const action =
        width === 375 ? refused.getByRole('button', { name: 'Actions for broken-0.png' }) : refused.locator('[data-hook="remove-item"]');
      expect(await shownWhole(action)).toBe(true);
      const recent = page.locator('[data-hook="recent-upload"]').first();
      expect(await shownWhole(recent.locator('[data-hook="recent-upload-details"]'), 120)).toBe(true);
      if (width === 375) {
        await refused.getByRole('button', { name: 'Actions for broken-0.png' }).click();
        await page.getByText('Remove', { exact: true }).click();
        await expect.poll(() => ui.row('broken-0.png').count(), { timeout: 10_000 }).toBe(0);
        await page
          .locator('[data-hook="queue-row"]')
          .first()
          .evaluate((row) => row.scrollIntoView({ block: 'center' }));
        await page.screenshot({ path: screenshotPath('queue-phone.png') });
      }
    });
  }

  for (const [width, height] of [
    [1280, 800],
    [800, 900],
  ] as const) {
    it(`at ${width} px, brings the files added and the queue started into view below the sticky header and tabs`, async () => {
      await open(width, height);
      await stageAll();
      await scrollSettled(page);
      expect(await notCovered(page.getByText(/^Files to upload \(\d+\)$/))).toBe(true);
      await ui.startUpload();
      await page.getByText(/^Uploads \(\d+\)$/).waitFor();
      await scrollSettled(page);
      expect(await notCovered(page.getByText(/^Uploads \(\d+\)$/))).toBe(true);
    });
  }

  it.each([800, 375])("keeps the local host's navigation log in its bar, off the page, at %d px", async (width) => {
    await open(width, 800);
    const log = await page.getByTestId('host-navigation').boundingBox();
    const bar = await page.locator('header.host-bar').boundingBox();
    expect(log!.y + log!.height).toBeLessThanOrEqual(bar!.y + bar!.height);
    expect((await page.locator('#page-root').boundingBox())!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height);
  });

  it('skips disabled buttons when tabbing', async () => {
    await open(1280, 800);
    await stageAll();
    const removeSelected = page.getByRole('button', { name: 'Remove selected' });
    expect(await removeSelected.getAttribute('aria-disabled')).toBe('true');
    const reached = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
    }
    expect(reached.has('Remove selected')).toBe(false);
    expect(reached.has('Apply to selected files')).toBe(false);
  });
});
