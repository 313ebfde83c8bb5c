import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PROJECT_DIR, THIS_APP } from '../local/server.js';
import { findDashboardPages } from '../local/dashboard-host/dashboard-pages.js';
import { pathOfRoute } from '../local/dashboard-host/page-routes.js';
import { startTestApp, tempDir } from '../test/support/local-app.js';
import { writeRandomFile } from '../test/support/files.js';
import { requestJson, waitFor } from '../test/support/wix-http.js';
import { launchChromium } from './support/browser.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

/** The app's own pages, and the second page docs/EXTENDING.md builds, hosted together. */
const PAGES_DIRS = [path.join(PROJECT_DIR, 'src', 'dashboard', 'pages'), path.join(PROJECT_DIR, 'examples', 'dashboard-pages')];
const PAGES = findDashboardPages(PAGES_DIRS);

describe('the local dashboard host shows every page it finds, each at its route', () => {
  let app: App;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  const files = tempDir('rmu-pages-');

  beforeAll(async () => {
    app = await startTestApp({ processingDelayMs: 50, dashboard: true }, { ...THIS_APP, dashboardPages: PAGES_DIRS });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  afterEach(async () => {
    await context?.close();
  });

  async function open(address: string) {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page.goto(`${app.url}${address}`);
  }

  it('finds the app page and the example page in their folders', () => {
    expect(PAGES.map(({ title, route }) => ({ title, route }))).toEqual([
      { title: 'Large file uploads', route: '' },
      { title: 'Quick upload', route: 'quick-upload' },
    ]);
  });

  for (const hosted of PAGES) {
    it(`shows "${hosted.title}" at ${pathOfRoute(hosted.route)}, with a link to every page in the host bar`, async () => {
      const response = await open(pathOfRoute(hosted.route));
      expect(response?.status()).toBe(200);
      await page.getByRole('heading', { name: hosted.title, level: 1 }).waitFor();
      expect(await page.title()).toBe(`${hosted.title} · Local Wix dashboard`);

      const links = page.getByRole('navigation', { name: 'App pages' }).getByRole('link');
      expect(await links.allInnerTexts()).toEqual(PAGES.map((each) => each.title));
      expect(await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')))).toEqual(
        PAGES.map((each) => pathOfRoute(each.route)),
      );
      await expect.poll(() => page.locator('[aria-current="page"]').innerText()).toBe(hosted.title);
      expect(pageErrors).toEqual([]);
    });
  }

  it('leads / to the main page, opens a page at its additional routes, and answers 404 to a route no page has', async () => {
    await open('/');
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await page.getByRole('heading', { name: 'Large file uploads', level: 1 }).waitFor();

    await open('/dashboard/quick');
    await page.getByRole('heading', { name: 'Quick upload', level: 1 }).waitFor();

    const missing = await open('/dashboard/no-such-page');
    expect(missing?.status()).toBe(404);
    expect(await page.locator('body').innerText()).toContain('No dashboard page of this app has the route /no-such-page');
  });

  it('uploads with the example page into its folder, with its own resume records, and shows why a file is refused', async () => {
    const file = writeRandomFile(files, 'quick.bin', 300_000);
    await open('/dashboard/quick-upload');
    await page.setInputFiles('[data-hook="file-input"]', [file.path]);
    const row = page.locator('[data-hook="queue-row"]').filter({ hasText: 'quick.bin' });
    await row.locator('[data-hook="item-state"]', { hasText: 'Ready' }).waitFor({ timeout: 60_000 });

    const owner = await app.issueToken('USER');
    const folder = await waitFor(async () => {
      const { body } = await requestJson<{ folders: Array<{ id: string; displayName: string }> }>(`${app.url}/site-media/v1/folders`, {
        token: owner,
        method: 'GET',
      });
      return body.folders.find((each) => each.displayName === 'Quick uploads');
    }, 'the Quick uploads folder');
    const { body } = await requestJson<{ files: Array<{ displayName: string; labels: string[] }> }>(
      `${app.url}/site-media/v1/files?parentFolderId=${encodeURIComponent(folder.id)}`,
      { token: owner, method: 'GET' },
    );
    expect(body.files).toEqual([expect.objectContaining({ displayName: 'quick.bin', labels: ['quick'] })]);

    // The example shows the reason of a file the Media Manager refused and offers Remove, and nothing else, in its row.
    await page.setInputFiles('[data-hook="file-input"]', [writeRandomFile(files, 'holiday.mp4', 64 * 1024).path]);
    const refused = page.locator('[data-hook="queue-row"]').filter({ hasText: 'holiday.mp4' });
    await refused.locator('[data-hook="item-state"]', { hasText: 'Refused' }).waitFor({ timeout: 60_000 });
    await expect.poll(() => refused.locator('[data-hook="failure-reason"]').innerText(), { timeout: 30_000 }).toMatch(/video\/mp4/);
    expect(await refused.locator('[data-hook="remove-item"]').count()).toBe(1);
    expect(await refused.locator('[data-hook="retry-item"], [data-hook="cancel-item"], [data-hook="pause-item"]').count()).toBe(0);
    await refused.locator('[data-hook="remove-item"]').click();
    await expect.poll(() => refused.count(), { timeout: 10_000 }).toBe(0);

    const keys = await page.evaluate(() => Object.keys(window.localStorage));
    expect(keys.every((key) => !key.startsWith('resumable-media-uploader/resume/'))).toBe(true);
  });
});
