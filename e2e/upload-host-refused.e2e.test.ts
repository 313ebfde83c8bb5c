/**
 * When the browser cannot reach Wix's upload host at all (it refuses the page's origin: the
 * cors-dashboard and cors-site variants of the local Wix), the Upload page and the site widget say
 * so plainly within seconds, instead of showing a file at 0% while tus retries behind it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, tempDir } from '../test/support/local-app.js';
import { MP4_HEADER, writeRandomFile } from '../test/support/files.js';
import { callWebModule } from '../test/support/wix-http.js';
import { DEFAULT_VISITOR_UPLOAD_RULES } from '../src/policies/visitor-rules-policy.js';
import { launchChromium } from './support/browser.js';
import { UploadPageDriver } from './support/dashboard.js';
import { screenshotPath } from './support/screenshots.js';

/** "Within seconds": from the click to the sentence on the screen. */
const SAID_WITHIN_MS = 5000;

describe('an upload host that refuses the page (CORS), in Chromium', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  let context: BrowserContext | undefined;
  const files = tempDir('rmu-cors-');

  beforeAll(async () => {
    app = await startTestApp({ dashboard: true, variants: new Set(['cors-dashboard', 'cors-site']) });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  afterEach(async () => {
    await context?.close();
  });

  const open = async (width: number, height = 900): Promise<Page> => {
    context = await browser.newContext({ viewport: { width, height } });
    return context.newPage();
  };

  it.each([1280, 800, 375])('the Upload page says the files cannot reach the upload server, within seconds (%i px)', async (width) => {
    const page = await open(width);
    const ui = new UploadPageDriver(page);
    await ui.open(app.url);
    const file = writeRandomFile(files, `refused-${width}.bin`, 256 * 1024);
    await ui.chooseFiles([file.path]);
    const clicked = Date.now();
    await ui.startUpload();
    const notice = page.locator('[data-hook="upload-host-unreachable"]');
    await notice.waitFor({ timeout: SAID_WITHIN_MS });
    expect(Date.now() - clicked).toBeLessThan(SAID_WITHIN_MS);
    expect(await notice.innerText()).toContain("Your files cannot reach Wix's upload server from this page");
    expect(await page.getByRole('alert').filter({ hasText: 'cannot reach' }).count()).toBe(1);
    await page.screenshot({ path: screenshotPath(`upload-host-refused-page-${width}.png`), fullPage: true });
  });

  it.each([1280, 375])('the site widget says so to the visitor, within seconds (%i px)', async (width) => {
    const owner = await app.issueToken('USER');
    const rules = { ...DEFAULT_VISITOR_UPLOAD_RULES, enabled: true, allowedTypes: ['video/*'] };
    await callWebModule(app.url, owner, 'src/backend/visitor-uploads.web.ts', 'saveVisitorUploadRules', rules);
    const page = await open(width);
    await page.goto(`${app.url}/site`);
    await page.locator('[data-hook="visitor-terms"]').waitFor({ timeout: 30_000 });
    await page.getByLabel('Your name').fill('Ana Sousa');
    await page.getByLabel('Your e-mail').fill('ana@example.com');
    const film = writeRandomFile(files, `film-${width}.mp4`, 256 * 1024, MP4_HEADER);
    await page.setInputFiles('[data-hook="visitor-file-input"]', [film.path]);
    const clicked = Date.now();
    await page.locator('[data-hook="visitor-send"]').click();
    const notice = page.locator('[data-hook="visitor-upload-host-unreachable"]');
    await notice.waitFor({ timeout: SAID_WITHIN_MS });
    expect(Date.now() - clicked).toBeLessThan(SAID_WITHIN_MS);
    expect(await notice.innerText()).toContain('Your files cannot reach the upload server from this page');
    await page.screenshot({ path: screenshotPath(`upload-host-refused-widget-${width}.png`), fullPage: true });
  });
});
