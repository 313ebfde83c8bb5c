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
    for (let i = 0; i < 24; i++) paths.push(writeRandomFile(files, `part-${String(i).padStart(2, '0')}.bin`, 2048 + i).path);
    for (let i = 0; i < 2; i++) {
      const broken = path.join(files, `broken-${i}.png`);
      fs.writeFileSync(broken, Buffer.alloc(4096, 7));
      paths.push(broken);
    }
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

  async function stageAll(): Promise<void> {
    await page.getByRole('textbox', { name: 'New subfolders (optional)' }).fill(LONG_PATH);
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
