import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, tempDir } from '../test/support/local-app.js';
import { MP4_HEADER, writeRandomFile } from '../test/support/files.js';
import { UploadTraffic } from '../test/support/upload-traffic.js';
import { requestJson } from '../test/support/wix-http.js';
import { launchChromium } from './support/browser.js';
import { UploadPageDriver } from './support/dashboard.js';
import { screenshotPath } from './support/screenshots.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

/** Files already in the Media Manager are flagged before any byte is sent: skipped, or sent as copies. */
describe('the Upload page with files already in the Media Manager, in Chromium', { timeout: 180_000 }, () => {
  let app: App;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ui: UploadPageDriver;
  let traffic: UploadTraffic;
  const files = tempDir('rmu-e2e-dups-');

  beforeAll(async () => {
    app = await startTestApp({ processingDelayMs: 100, dashboard: true });
    traffic = new UploadTraffic(app.wix.router);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    traffic?.stop();
    await browser?.close();
    await app?.close();
  });
  afterEach(async () => {
    await context?.close();
  });

  async function openAt(width: number, height: number, query = '') {
    context = await browser.newContext({ viewport: { width, height } });
    page = await context.newPage();
    ui = new UploadPageDriver(page);
    await page.goto(`${app.url}/dashboard${query}`);
    await page.locator('[data-hook="file-input"]').waitFor({ state: 'attached' });
  }

  /** The names of the files in a folder of the Media Manager, by its path from the top. */
  async function filesIn(path: string[]): Promise<string[]> {
    const token = await app.issueToken('USER');
    let folderId = 'media-root';
    for (const name of path) {
      const { body } = await requestJson<{ folders: Array<{ id: string; displayName: string }> }>(
        `${app.url}/site-media/v1/folders?parentFolderId=${folderId}`,
        { token },
      );
      folderId = body.folders.find((folder) => folder.displayName === name)!.id;
    }
    const { body } = await requestJson<{ files: Array<{ displayName: string }> }>(
      `${app.url}/site-media/v1/files?parentFolderId=${folderId}`,
      {
        token,
      },
    );
    return body.files.map((file) => file.displayName);
  }

  async function subfolders(path: string) {
    await page.getByRole('textbox', { name: /^(New subfolders|Neue Unterordner)/ }).fill(path);
  }

  it('flags a file uploaded before when it is staged again: skipped, nothing is sent; as a copy, it is sent', async () => {
    const report = writeRandomFile(files, 'report.bin', 120_000);
    await openAt(1280, 1000);
    await subfolders('clients/2026');
    await ui.chooseFiles([report.path]);
    await ui.startUpload();
    await ui.waitForState('report.bin', 'Ready');
    // Another day: the page opened afresh (a file still in the queue is refused as listed twice).
    await page.reload();
    await page.locator('[data-hook="file-input"]').waitFor({ state: 'attached' });
    await subfolders('clients/2026');

    traffic.reset();
    await ui.chooseFiles([report.path]);
    const flag = page.locator('[data-hook="staged-existing"]');
    await expect.poll(() => flag.innerText()).toMatch(/^Already in 2026: 120\skB, uploaded \w{3}\s\d{1,2}$/);
    await page.getByRole('button', { name: 'Skip report.bin: it is already in the Media Manager' }).click();
    await page.locator('[data-hook="staged-row"]').waitFor({ state: 'detached' });
    await page.waitForTimeout(500);
    expect(traffic.creations).toBe(0);
    expect(traffic.patchBytes).toBe(0);

    await ui.chooseFiles([report.path]);
    await page.getByRole('button', { name: 'Upload report.bin as a copy' }).click();
    await page.getByText('Ready: uploaded as a copy beside the one already there').waitFor();
    await page.getByRole('button', { name: 'Upload 1 file' }).click();
    await ui.waitForState('report.bin', 'Ready');
    expect(traffic.creations).toBe(1);
    // Both are in the folder now, under the same name (Wix documents no renaming; the local Wix renames nothing).
    expect((await filesIn(['clients', '2026'])).filter((name) => name === 'report.bin')).toHaveLength(2);
  });

  it('shows several files flagged with the choices for all, wide, at 800 px, on a phone and in German', async () => {
    const names = ['clip-01.mp4', 'clip-02.mp4', 'clip-03.mp4', 'a-very-long-file-name-from-the-camera-card-0004.mp4'];
    const paths = names.map((name, index) => writeRandomFile(files, name, 1_500_000 + index * 250_000, MP4_HEADER).path);
    const fresh = writeRandomFile(files, 'new-cut.mp4', 900_000, MP4_HEADER).path;
    await openAt(1280, 800);
    await subfolders('shoot/day 1');
    await ui.chooseFiles(paths);
    await ui.startUpload();
    for (const name of names) await ui.waitForState(name, 'Ready');
    await context.close();

    for (const [width, height, query, name] of [
      [1280, 800, '', 'duplicates-1280.png'],
      [800, 900, '', 'duplicates-800.png'],
      [375, 812, '', 'duplicates-375.png'],
      [1280, 800, '?lang=de', 'duplicates-de-1280.png'],
    ] as const) {
      await openAt(width, height, query);
      await subfolders('shoot/day 1');
      await ui.chooseFiles([...paths, fresh]);
      await expect.poll(() => page.locator('[data-hook="staged-existing"]').count()).toBe(4);
      const forAll = page.locator('[data-hook="staged-existing-all"]');
      await forAll.scrollIntoViewIfNeeded();
      expect(await forAll.getByRole('button').count()).toBe(2);
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(sideways).toBeLessThanOrEqual(0);
      await page.screenshot({ path: screenshotPath(name) });
      await context.close();
    }
  });
});
