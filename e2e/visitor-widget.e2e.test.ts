import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, tempDir } from '../test/support/local-app.js';
import { MP4_HEADER, writeRandomFile } from '../test/support/files.js';
import { callWebModule } from '../test/support/wix-http.js';
import { launchChromium, throttleUpload } from './support/browser.js';
import { screenshotPath } from './support/screenshots.js';
import type { VisitorUploadRules } from '../src/policies/visitor-rules-policy.js';

type App = Awaited<ReturnType<typeof startTestApp>>;
const MiB = 1024 * 1024;
const MODULE = 'src/backend/visitor-uploads.web.ts';

const RULES: Partial<VisitorUploadRules> = {
  enabled: true,
  audience: 'ANYONE',
  allowedTypes: ['video/*'],
  maxFileSizeBytes: 1_000_000_000,
  maxFilesPerSubmission: 5,
  maxFilesPerVisitorPerDay: 20,
  maxFilesPerDay: 200,
};

describe('the visitor upload widget on a site page, in Chromium', () => {
  let app: App;
  let owner: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const files = tempDir('rmu-visitor-');

  const setRules = async (rules: Partial<VisitorUploadRules>) => {
    const { body } = await callWebModule<{ ok: boolean }>(app.url, owner, MODULE, 'saveVisitorUploadRules', { ...RULES, ...rules });
    expect(body.result.ok).toBe(true);
  };
  const openSite = async (width = 1280, height = 900) => {
    context = await browser.newContext({ viewport: { width, height } });
    page = await context.newPage();
    await page.goto(`${app.url}/site`);
    await page.locator('[data-hook="visitor-terms"], [data-hook="visitor-closed"]').first().waitFor({ timeout: 30_000 });
  };
  const fillDetails = async (message = 'The ceremony, camera A.') => {
    await page.getByLabel('Your name').fill('Ana Sousa');
    await page.getByLabel('Your e-mail').fill('ana@example.com');
    await page.getByLabel('Message (optional)').fill(message);
  };
  const fileState = (name: string) =>
    page.locator('[data-hook="visitor-file"]', { hasText: name }).locator('[data-hook="visitor-file-state"]');

  beforeAll(async () => {
    app = await startTestApp({ processingDelayMs: 200, dashboard: true });
    owner = await app.issueToken('USER');
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async () => {
    await setRules({});
  });
  afterEach(async () => {
    await context?.close();
  });

  it('sends a 200 MiB film, survives a reload in the middle, and the owner finds it, private, with the message', {
    timeout: 180_000,
  }, async () => {
    const film = writeRandomFile(files, 'ceremony.mp4', 200 * MiB, MP4_HEADER);
    await openSite();
    await throttleUpload(context, page, 40 * MiB);
    await fillDetails();
    await page.setInputFiles('[data-hook="visitor-file-input"]', [film.path]);
    await page.locator('[data-hook="visitor-send"]').click();
    const progress = page.getByRole('progressbar', { name: 'Progress of ceremony.mp4' });
    await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 60_000 }).toBeGreaterThanOrEqual(40);
    await page.screenshot({ path: screenshotPath('visitor-widget-sending.png') });

    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    // Leaving mid-send asks first, as the dashboard does.
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    expect(asked).toEqual(['beforeunload']);
    await page.locator('[data-hook="visitor-unfinished"]').waitFor();
    await throttleUpload(context, page, 400 * MiB);
    await fillDetails();
    await page.setInputFiles('[data-hook="visitor-file-input"]', [film.path]);
    await page.getByText('Continues where it stopped.').waitFor();
    await page.locator('[data-hook="visitor-send"]').click();
    await page.locator('[data-hook="visitor-thanks"]').waitFor({ timeout: 120_000 });
    expect(await fileState('ceremony.mp4').innerText()).toBe('Received');
    // On Wix the widget's script comes from the CDN's origin: its md5 worker is inline (blob: or data:), so it starts whatever the script's origin.
    expect(workers).toHaveLength(1);
    expect(workers[0]).toMatch(/^(blob|data):/);
    await page.screenshot({ path: screenshotPath('visitor-widget-done.png') });

    const inbox = await callWebModule<
      Array<{ name: string; message: string; files: Array<{ name: string; status: string; fileId: string }> }>
    >(app.url, owner, MODULE, 'listVisitorSubmissions');
    const submission = inbox.body.result.find((one) => one.files.some((file) => file.name === 'ceremony.mp4'));
    expect(submission).toMatchObject({ name: 'Ana Sousa', message: 'The ceremony, camera A.' });
    // One file, not two: the reload continued the same submission and the same upload.
    expect(submission?.files).toEqual([expect.objectContaining({ name: 'ceremony.mp4', status: 'READY' })]);
    const descriptor = await fetch(
      `${app.url}/site-media/v1/files/get-file-by-id?fileId=${encodeURIComponent(submission!.files[0]!.fileId)}`,
      {
        headers: { Authorization: owner },
      },
    ).then((response) => response.json() as Promise<{ file: { private: boolean; hash: string; url: string } }>);
    expect(descriptor.file).toMatchObject({ private: true, hash: film.md5 });
    expect((await fetch(descriptor.file.url)).status).toBe(403);

    // The owner sees it in the dashboard's inbox.
    await page.goto(app.url);
    await page.getByRole('tab', { name: 'Visitor uploads' }).click();
    const card = page.locator('[data-hook="inbox-submission"]', { hasText: 'Ana Sousa' }).first();
    await card.getByText('The ceremony, camera A.').waitFor();
    await card.getByRole('button', { name: 'Open ceremony.mp4' }).waitFor();
    await page.screenshot({ path: screenshotPath('visitor-inbox.png') });
  });

  it('says why a file is refused before sending it, tells it again at the end, and why the server refuses one over the daily limit', async () => {
    await setRules({ maxFilesPerVisitorPerDay: 1 });
    await openSite();
    const notes = path.join(files, 'notes.txt');
    fs.writeFileSync(notes, 'not a video');
    const clip = writeRandomFile(files, 'clip.mp4', 64 * 1024, MP4_HEADER);
    await fillDetails();
    await page.setInputFiles('[data-hook="visitor-file-input"]', [notes, clip.path]);
    expect(await page.locator('[data-hook="visitor-file-problem"]').innerText()).toContain(
      'Files of type text/plain are not accepted here',
    );
    await page.locator('[data-hook="visitor-send"]').click();
    const ending = page.locator('[data-hook="visitor-thanks"]');
    await ending.waitFor({ timeout: 60_000 });
    expect(await ending.innerText()).toBe('We received 1 of your 2 files.');
    expect(await page.locator('[data-hook="visitor-left-out"]').innerText()).toMatch(/notes\.txt[\s\S]*not accepted here/);
    expect(await page.getByText(/If this page closes/).count()).toBe(0);

    // The same visitor again, over the limit of one file a day, without reloading: "Send more files".
    await page.getByRole('button', { name: 'Send more files' }).click();
    expect(await page.getByLabel('Your name').inputValue()).toBe('Ana Sousa');
    await fillDetails('Another one');
    const second = writeRandomFile(files, 'second.mp4', 64 * 1024, MP4_HEADER);
    await page.setInputFiles('[data-hook="visitor-file-input"]', [second.path]);
    await page.locator('[data-hook="visitor-send"]').click();
    expect(await page.locator('[data-hook="visitor-refusal"]').innerText()).toMatch(/^You can send at most 1 file a day\. Try again in /);
  });

  it('fits a phone: nothing wider than the screen, every control reachable by keyboard', async () => {
    await openSite(375, 740);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    const widget = await page.locator('[data-hook="visitor-upload"]').boundingBox();
    expect(widget!.x + widget!.width).toBeLessThanOrEqual(375);
    const reached: string[] = [];
    await page.getByLabel('Your name').focus();
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName ?? ''));
    }
    expect(reached).toContain('Choose files, or drop them here');
    await page.screenshot({ path: screenshotPath('visitor-widget-phone.png'), fullPage: true });
  });

  it('shows the editor panel whole at 1280×800, refuses an accent that is not a colour, and says where settings are kept', async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    await page.goto(`${app.url}/site/editor`);
    const note = page.getByText(/Who may send files, which types/);
    await note.waitFor({ timeout: 30_000 });
    const box = (await note.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(800);
    expect(await page.getByTestId('editor-storage').innerText()).toMatch(/kept in this browser/);

    const send = page.locator('[data-hook="visitor-send"]');
    const colours = () => send.evaluate((button) => [getComputedStyle(button).backgroundColor, getComputedStyle(button).color]);
    const accent = page.getByRole('textbox', { name: 'Accent colour (CSS colour)' });
    await accent.fill('#7a1f5c');
    await expect.poll(colours, { timeout: 10_000 }).toEqual(['rgb(122, 31, 92)', 'rgb(255, 255, 255)']);
    await accent.fill('notacolour');
    await page.getByText('"notacolour" is not a CSS colour: for example #116dff or rebeccapurple.').waitFor();
    expect(await colours()).toEqual(['rgb(122, 31, 92)', 'rgb(255, 255, 255)']);
    // A light accent gets dark text.
    await accent.fill('#ffe066');
    await expect.poll(colours, { timeout: 10_000 }).toEqual(['rgb(255, 224, 102)', 'rgb(0, 0, 0)']);
    await accent.fill('');
  });

  it('tells a visitor first that only members may send, logs them in through the site, and admits the member', async () => {
    await setRules({ audience: 'MEMBERS' });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await page.goto(`${app.url}/site`);
    await page.locator('[data-hook="visitor-login"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-hook="visitor-login"]').innerText()).toBe('Only members of this site can send files.');
    expect(await page.getByLabel('Your name').count()).toBe(0);
    // The local site's login (on Wix, the members area's) is the member switch.
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/[?&]as=member/);
    await page.getByLabel('Your name').waitFor({ timeout: 30_000 });
    const clip = writeRandomFile(files, 'member.mp4', 16 * 1024, MP4_HEADER);
    await fillDetails();
    await page.setInputFiles('[data-hook="visitor-file-input"]', [clip.path]);
    await page.locator('[data-hook="visitor-send"]').click();
    await page.locator('[data-hook="visitor-thanks"]').waitFor({ timeout: 60_000 });
  });
});
