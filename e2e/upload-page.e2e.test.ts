import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, tempDir } from '../test/support/local-app.js';
import { MP4_HEADER, makePng, writeRandomFile } from '../test/support/files.js';
import { tusOffset } from '../test/support/upload-session.js';
import { launchChromium, throttleUpload } from './support/browser.js';
import { UploadPageDriver } from './support/dashboard.js';
import { screenshotPath } from './support/screenshots.js';

type App = Awaited<ReturnType<typeof startTestApp>>;
const MiB = 1024 * 1024;
/** In the page: how many animations run inside progress bars. */
const PROGRESS_BAR_ANIMATIONS = `document.getAnimations().filter((a) => a.effect?.target?.closest?.('[role="progressbar"]')).length`;

describe('the Upload page in Chromium', () => {
  let app: App;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ui: UploadPageDriver;
  const files = tempDir('rmu-e2e-');

  beforeAll(async () => {
    app = await startTestApp({ processingDelayMs: 300, dashboard: true });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    page = await context.newPage();
    ui = new UploadPageDriver(page);
    await ui.open(app.url);
  });
  afterEach(async () => {
    await context.close();
  });

  it('uploads three files, one of 200 MiB, to READY; progress never moves backwards', async () => {
    const big = writeRandomFile(files, 'film.mp4', 200 * MiB, MP4_HEADER);
    const small = writeRandomFile(files, 'notes.bin', 3 * MiB);
    const png = path.join(files, 'poster.png');
    fs.writeFileSync(png, makePng(320, 200));
    await throttleUpload(context, page, 80 * MiB);
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));

    await ui.chooseFiles([big.path, small.path, png]);
    await ui.startUpload();
    const seen: number[] = [];
    const animations: number[] = [];
    await ui.waitForState('film.mp4', 'Uploading');
    let shot = false;
    while (
      !(await ui
        .row('film.mp4')
        .locator('[data-hook="item-state"]', { hasText: /Processing|Ready|Failed/ })
        .count())
    ) {
      const percent = await ui.progressPercent('film.mp4');
      if (!Number.isNaN(percent)) seen.push(percent);
      animations.push(Number(await page.evaluate(PROGRESS_BAR_ANIMATIONS)));
      if (!shot && percent >= 30) {
        await ui.row('film.mp4').scrollIntoViewIfNeeded();
        await page.screenshot({ path: screenshotPath('upload-in-progress.png') });
        shot = true;
      }
      await page.waitForTimeout(100);
    }
    expect(seen.length).toBeGreaterThan(3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // No progress bar animates: an animation restarted with every tick kept the page laying out every frame.
    expect(Math.max(...animations)).toBe(0);

    for (const name of ['film.mp4', 'notes.bin', 'poster.png']) await ui.waitForState(name, 'Ready');
    await expect
      .poll(() => page.locator('[data-testid="host-toast"]').allInnerTexts())
      .toContainEqual(expect.stringContaining('3 files uploaded'));
    await page.locator('[data-hook="recent-upload"]', { hasText: 'film.mp4' }).waitFor();
    await ui.row('film.mp4').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('upload-finished.png') });
    expect(await ui.row('film.mp4').innerText()).toContain('210 MB'); // 200 MiB, in decimal units
    // Each file's md5 matched the hash of what arrived, computed on one worker for all three, not on the page's thread.
    for (const name of ['film.mp4', 'notes.bin', 'poster.png']) expect(await ui.row(name).innerText()).toContain('verified');
    expect(workers).toHaveLength(1);
    expect(workers[0]).toMatch(/^(blob|data):/);

    const filmUrl = await ui.row('film.mp4').locator('[data-hook="open-file"]').getAttribute('href');
    const served = await fetch(filmUrl!, { method: 'HEAD' });
    expect(Number(served.headers.get('content-length'))).toBe(200 * MiB);
    expect(served.headers.get('content-type')).toBe('video/mp4');
  }, 180_000);

  it('on a site whose hashes are md5s, fails and removes a file one byte of which changed on the way, says so; its retry arrives verified', async () => {
    // A first file teaches the page that this site's hashes are md5s.
    const clean = writeRandomFile(files, 'clean.bin', 64 * 1024);
    await ui.chooseFiles([clean.path]);
    await ui.startUpload();
    await ui.waitForState('clean.bin', 'Ready');
    expect(await ui.row('clean.bin').innerText()).toContain('verified');
    const file = writeRandomFile(files, 'changed.bin', 3 * MiB);
    let changed = false;
    await page.route('**/upload/tus/**', async (route) => {
      const request = route.request();
      const body = request.method() === 'PATCH' ? request.postDataBuffer() : null;
      if (changed || !body || body.length < 2000) return route.continue();
      changed = true;
      body[1234] = (body[1234] ?? 0) ^ 0xff;
      await route.continue({ postData: body });
    });
    await ui.chooseFiles([file.path]);
    await ui.startUpload();
    await ui.waitForState('changed.bin', 'Failed');
    expect(changed).toBe(true);
    expect(await ui.row('changed.bin').innerText()).toContain('The file that arrived differs from yours (another md5). It was removed');
    await ui.row('changed.bin').getByRole('button', { name: /Retry/ }).click();
    await ui.waitForState('changed.bin', 'Ready');
    expect(await ui.row('changed.bin').innerText()).toContain('verified');
  });

  it('shows an image READY with its thumbnail', async () => {
    const png = path.join(files, 'shirt.png');
    fs.writeFileSync(png, makePng(370, 226, [200, 40, 40]));
    await ui.chooseFiles([png]);
    await ui.startUpload();
    await ui.waitForState('shirt.png', 'Ready');
    const thumbnail = ui.row('shirt.png').locator('[data-hook="thumbnail"] img, img[data-hook="thumbnail"]').first();
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(370);
  });

  it('pauses and resumes a file, continuing from where it stopped', async () => {
    const file = writeRandomFile(files, 'pause.bin', 64 * MiB);
    await throttleUpload(context, page, 8 * MiB);
    await ui.chooseFiles([file.path]);
    await ui.startUpload();
    await expect.poll(() => ui.progressPercent('pause.bin'), { timeout: 30_000 }).toBeGreaterThanOrEqual(10);
    await ui.row('pause.bin').getByRole('button', { name: 'Pause pause.bin' }).click();
    await ui.waitForState('pause.bin', 'Paused');
    const paused = await ui.progressPercent('pause.bin');
    await page.waitForTimeout(1000);
    expect(await ui.progressPercent('pause.bin')).toBe(paused);

    await throttleUpload(context, page, 200 * MiB);
    await ui.row('pause.bin').getByRole('button', { name: 'Resume pause.bin' }).click();
    await ui.waitForState('pause.bin', 'Ready');
  });

  it('continues after a reload from the server offset: only the rest is sent', async () => {
    const file = writeRandomFile(files, 'reload.bin', 128 * MiB);
    await throttleUpload(context, page, 8 * MiB);
    await ui.chooseFiles([file.path]);
    await ui.startUpload();
    // Past the first request (the engine's largest, 95 MiB): the server has confirmed bytes the banner can count after the reload.
    await expect.poll(() => ui.progressPercent('reload.bin'), { timeout: 30_000 }).toBeGreaterThanOrEqual(80);

    const records = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith('resumable-media-uploader/resume/'))
        .map((key) => JSON.parse(localStorage.getItem(key)!) as { tusUrl?: string; name: string }),
    );
    const tusUrl = records.find((record) => record.name === 'reload.bin')?.tusUrl;
    expect(tusUrl).toBeTruthy();

    await page.reload();
    const unfinished = page.locator('[data-hook="unfinished-upload"]');
    await unfinished.waitFor();
    // The banner says how much the server already holds, from the offset it last confirmed.
    expect(await unfinished.innerText()).toMatch(/^reload\.bin: [\d.]+ MB of 134 MB uploaded \((\d+)%\)/);
    expect(Number(/\((\d+)%\)/.exec(await unfinished.innerText())?.[1])).toBeGreaterThan(0);
    const offset = await tusOffset(tusUrl!);
    expect(offset).toBeGreaterThan(0);

    const creations: string[] = [];
    const patchOffsets: number[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/upload/tus')) creations.push(request.url());
      if (request.method() === 'PATCH') patchOffsets.push(Number(request.headers()['upload-offset']));
    });
    await throttleUpload(context, page, 200 * MiB);
    await ui.chooseFiles([file.path]);
    await expect(page.locator('[data-hook="staged-row"]', { hasText: 'Continues the upload started before' }).count()).resolves.toBe(1);
    await ui.startUpload();
    await ui.waitForState('reload.bin', 'Ready');
    expect(creations).toEqual([]);
    expect(patchOffsets[0]).toBe(offset);
    expect(await ui.row('reload.bin').innerText()).toContain('resumed');
  });

  it('tells a file the Media Manager refused from one not sent, and offers only what can change it', async () => {
    const fake = writeRandomFile(files, 'holiday.mp4', 256 * 1024);
    await ui.chooseFiles([fake.path]);
    await ui.startUpload();
    await ui.waitForState('holiday.mp4', 'Refused');
    const row = ui.row('holiday.mp4');
    await expect.poll(() => row.locator('[data-hook="failure-reason"]').innerText(), { timeout: 30_000 }).toMatch(/declared as video\/mp4/);
    expect(await row.innerText()).toContain('all bytes arrived');
    // Sending the same bytes again cannot help, and nothing is uploading to cancel.
    expect(await row.locator('[data-hook="retry-item"], [data-hook="cancel-item"]').count()).toBe(0);
    const summary = await page.locator('[data-hook="overall-bytes"]').innerText();
    expect(summary).toContain('1 file refused by the Media Manager');
    expect(summary).not.toContain('not sent');
    expect(await page.locator('[data-hook="queue-counts"]').innerText()).toMatch(/0 failed · 1 refused$/);
    expect(await page.getByRole('button', { name: 'Retry failed' }).getAttribute('aria-disabled')).toBe('true');
    await page.getByRole('button', { name: 'Clear finished' }).click();
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
  });

  it('refuses a file name over the limit before sending anything', async () => {
    const name = `${'n'.repeat(252)}.bin`;
    const longName = writeRandomFile(files, 'short.bin', 1024);
    await ui.chooseFiles([longName.path]);
    await page.getByRole('textbox', { name: 'Display name of short.bin' }).fill(`${name}x`);
    await expect.poll(() => page.locator('[data-hook="staged-problem"]').innerText()).toMatch(/at most 255 characters/);
    expect(await page.locator('[data-hook="start-upload"]').isDisabled()).toBe(true);
  });

  it('uploads a picked folder with its tree under the chosen subfolders', async () => {
    const root = path.join(tempDir('rmu-tree-'), 'Shoot');
    fs.mkdirSync(path.join(root, 'day 1'), { recursive: true });
    fs.writeFileSync(path.join(root, 'cover.png'), makePng(64, 48));
    fs.writeFileSync(path.join(root, 'day 1', 'frame.png'), makePng(48, 64));
    await page.getByRole('textbox', { name: 'New subfolders' }).fill('clients/2026');
    await page.setInputFiles('[data-hook="folder-input"]', root);
    await expect.poll(() => page.locator('[data-hook="staged-row"]').count()).toBe(2);
    const destinations = await page.locator('[data-hook="staged-row"]').allInnerTexts();
    expect(destinations.filter((text) => text.includes('clients/2026/Shoot/day 1'))).toHaveLength(1);
    expect(destinations.filter((text) => text.includes('clients/2026/Shoot') && !text.includes('day 1'))).toHaveLength(1);
    await ui.startUpload();
    await ui.waitForState('cover.png', 'Ready');
    await ui.waitForState('frame.png', 'Ready');

    const owner = await app.issueToken('USER');
    const childrenOf = async (parentFolderId: string) => {
      const response = await fetch(`${app.url}/site-media/v1/folders?parentFolderId=${parentFolderId}`, {
        headers: { Authorization: owner },
      });
      return ((await response.json()) as { folders: { id: string; displayName: string }[] }).folders;
    };
    let folder = 'media-root';
    for (const name of ['clients', '2026', 'Shoot', 'day 1']) {
      const next = (await childrenOf(folder)).find((child) => child.displayName === name);
      expect(next, `folder ${name}`).toBeDefined();
      folder = next!.id;
    }
    const listed = await fetch(`${app.url}/site-media/v1/files?parentFolderId=${folder}`, { headers: { Authorization: owner } });
    expect(((await listed.json()) as { files: { displayName: string }[] }).files.map((file) => file.displayName)).toEqual(['frame.png']);
  });

  it('finalizes through the backend when the browser cannot reach the upload host for the finalize PUT', async () => {
    const file = writeRandomFile(files, 'no-cors.bin', 512 * 1024);
    const refused: string[] = [];
    await page.route(
      (url) => url.pathname.startsWith('/upload/tus/'),
      async (route) => {
        if (route.request().method() !== 'PUT') return route.fallback();
        refused.push(route.request().url());
        await route.abort('failed');
      },
    );
    await ui.chooseFiles([file.path]);
    await ui.startUpload();
    await ui.waitForState('no-cors.bin', 'Ready');
    expect(refused).toHaveLength(1);
  });

  it('pauses while offline and resumes by itself when back online', async () => {
    const file = writeRandomFile(files, 'offline.bin', 48 * MiB);
    await throttleUpload(context, page, 8 * MiB);
    await ui.chooseFiles([file.path]);
    await ui.startUpload();
    await expect.poll(() => ui.progressPercent('offline.bin'), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
    await context.setOffline(true);
    await ui.waitForState('offline.bin', 'Paused');
    await ui.row('offline.bin').getByText('until back online').waitFor();
    await page.locator('[data-hook="offline-notice"]').waitFor();
    await context.setOffline(false);
    await throttleUpload(context, page, 200 * MiB);
    await ui.waitForState('offline.bin', 'Ready');
  });
});
