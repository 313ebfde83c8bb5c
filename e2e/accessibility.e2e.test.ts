import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, tempDir } from '../test/support/local-app.js';
import { MP4_HEADER, writeRandomFile } from '../test/support/files.js';
import { callWebModule } from '../test/support/wix-http.js';
import { launchChromium } from './support/browser.js';
import { UploadPageDriver } from './support/dashboard.js';
import { seriousViolations } from './support/axe.js';
import { DEFAULT_VISITOR_UPLOAD_RULES } from '../src/policies/visitor-rules-policy.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

/** An automated accessibility audit (axe-core) of every surface: no serious or critical violation. */
describe('accessibility audit of the page, the inbox, the widget and the editor panel, in Chromium', () => {
  let app: App;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const files = tempDir('rmu-a11y-');

  beforeAll(async () => {
    app = await startTestApp({ processingDelayMs: 100, dashboard: true });
    browser = await launchChromium();
    const owner = await app.issueToken('USER');
    const saved = await callWebModule<{ ok: boolean }>(app.url, owner, 'src/backend/visitor-uploads.web.ts', 'saveVisitorUploadRules', {
      ...DEFAULT_VISITOR_UPLOAD_RULES,
      enabled: true,
      allowedTypes: ['video/*'],
    });
    expect(saved.body.result.ok).toBe(true);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  afterEach(async () => {
    await context?.close();
  });

  async function open(url: string, width = 1280): Promise<void> {
    context = await browser.newContext({ viewport: { width, height: 900 } });
    page = await context.newPage();
    await page.goto(url);
  }

  it.each([1280, 375])('the Upload page at %d px: empty, with files staged, and with a finished batch with a refusal', async (width) => {
    await open(app.url, width);
    const ui = new UploadPageDriver(page);
    await page.getByText('Drop files or whole folders here').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const broken = path.join(files, 'broken.png');
    fs.writeFileSync(broken, Buffer.alloc(2048, 7));
    await ui.chooseFiles([writeRandomFile(files, `clip-${width}.bin`, 4096).path, broken]);
    expect(await seriousViolations(page)).toEqual([]);

    await ui.startUpload();
    await ui.waitForState('broken.png', 'Refused');
    await ui.waitForState(`clip-${width}.bin`, 'Ready');
    expect(await seriousViolations(page)).toEqual([]);
    if (width === 375) {
      // A phone's menu of a file's actions, open.
      await page.getByRole('button', { name: 'Actions for broken.png' }).click();
      await page.getByText('Remove', { exact: true }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    }
  });

  it('the site widget: the form with files chosen, and the ending', async () => {
    await open(`${app.url}/site`, 375);
    await page.locator('[data-hook="visitor-terms"]').waitFor({ timeout: 30_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Your name').fill('Ana Sousa');
    await page.getByLabel('Your e-mail').fill('ana@example.com');
    const notes = path.join(files, 'notes.txt');
    fs.writeFileSync(notes, 'not a video');
    await page.setInputFiles('[data-hook="visitor-file-input"]', [writeRandomFile(files, 'clip.mp4', 4096, MP4_HEADER).path, notes]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('[data-hook="visitor-send"]').click();
    await page.locator('[data-hook="visitor-thanks"]').waitFor({ timeout: 60_000 });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the Visitor uploads tab: the rules and the inbox with the submission the widget sent', async () => {
    await open(app.url);
    await page.getByRole('tab', { name: 'Visitor uploads' }).click();
    await page
      .getByRole('heading', { name: /Visitor uploads|Rules/ })
      .first()
      .waitFor();
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("the editor's settings panel beside the widget", async () => {
    await open(`${app.url}/site/editor`);
    await page.getByRole('textbox', { name: 'Heading' }).waitFor({ timeout: 30_000 });
    expect(await seriousViolations(page)).toEqual([]);
  });
});
