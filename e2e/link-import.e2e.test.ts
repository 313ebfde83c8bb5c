import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp } from '../test/support/local-app.js';
import { makePng } from '../test/support/files.js';
import { startLinkServer, type LinkAnswer } from '../test/support/link-server.js';
import { launchChromium } from './support/browser.js';
import { UploadPageDriver } from './support/dashboard.js';
import { screenshotPath } from './support/screenshots.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

const GOOD = 18;

/** "Add from a link" on the Upload page in Chromium: many links, some broken, imported by the local Wix from 127.0.0.1. */
describe('importing from links on the Upload page, in Chromium', () => {
  let app: App;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let links: Awaited<ReturnType<typeof startLinkServer>>;
  const routes: Record<string, LinkAnswer> = {};

  beforeAll(async () => {
    app = await startTestApp({ processingDelayMs: 200, dashboard: true });
    browser = await launchChromium();
    for (let i = 0; i < GOOD; i++) {
      routes[`/client-drive/shoot-2026/frame-${String(i).padStart(2, '0')}.png`] = { body: makePng(64 + i, 40), contentType: 'image/png' };
    }
    routes['/client-drive/shoot-2026/not-an-image.png'] = { body: Buffer.from('<html>sign in</html>'), contentType: 'text/html' };
    links = await startLinkServer(routes);
  }, 180_000);
  afterAll(async () => {
    await links?.close();
    await browser?.close();
    await app?.close();
  });
  afterEach(async () => {
    await context?.close();
  });

  // The broken links first: the queue draws only the rows in view, and those show both endings.
  const typed = () =>
    [
      links.url('/client-drive/shoot-2026/expired-link.mov'),
      links.url('/client-drive/shoot-2026/not-an-image.png'),
      'www.example.com/no-scheme.mp4',
      ...Object.keys(routes)
        .filter((route) => route.includes('frame-'))
        .map((route) => links.url(route)),
    ].join('\n');

  for (const [width, height] of [
    [1280, 800],
    [800, 900],
    [375, 740],
  ] as const) {
    it(`at ${width} px: imports every link into the same queue, each failure with its reason, nothing sent from the page`, {
      timeout: 120_000,
    }, async () => {
      context = await browser.newContext({ viewport: { width, height } });
      page = await context.newPage();
      const ui = new UploadPageDriver(page);
      const tusRequests: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/upload/tus')) tusRequests.push(request.url());
      });
      await ui.open(app.url);
      await page.getByRole('textbox', { name: 'New subfolders (optional)' }).fill(`linked-${width}`);
      const field = page.getByRole('textbox', { name: 'Links, one per line' });
      await field.fill(typed());
      await page.getByRole('button', { name: 'Import from links' }).click();

      // The line that is not a link stays, with why; the rest are in the queue.
      await expect.poll(() => field.inputValue()).toBe('www.example.com/no-scheme.mp4');
      expect(await page.getByText(/must be a full web address/).count()).toBeGreaterThan(0);
      await expect
        .poll(() => page.locator('[data-hook="queue-counts"]').innerText(), { timeout: 60_000 })
        .toMatch(new RegExp(`^${GOOD} ready · 0 uploading · 0 queued · 0 paused · 0 processing\\s*· 0 failed · 2 refused$`));
      expect(await page.getByText(`Uploads (${GOOD + 2})`).count()).toBe(1);
      expect(
        await ui
          .row('expired-link.mov')
          .getByText(/answered 404/)
          .count(),
      ).toBe(1);
      expect(
        await ui
          .row('not-an-image.png')
          .getByText(/not a recognisable image/)
          .count(),
      ).toBe(1);
      expect(await ui.row('frame-00.png').getByText('from 127.0.0.1', { exact: false }).count()).toBe(1);
      expect(tusRequests).toEqual([]);
      const sideways = await page.evaluate(() => {
        const scroller = document.querySelector('[data-hook="page-scrollable-content"]');
        return Math.max(
          document.documentElement.scrollWidth - window.innerWidth,
          scroller ? scroller.scrollWidth - scroller.clientWidth : 0,
        );
      });
      expect(sideways).toBe(0);
      await page.getByTestId('host-toast').waitFor({ state: 'detached', timeout: 15_000 });
      await page.locator('[data-hook="queue-heading"]').evaluate((node) => node.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: screenshotPath(`link-import-${width}.png`) });
      await page.getByRole('textbox', { name: 'Links, one per line' }).evaluate((node) => node.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: screenshotPath(`link-import-form-${width}.png`) });
    });
  }
});
