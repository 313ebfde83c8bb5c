import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, tempDir } from '../test/support/local-app.js';
import { writeRandomFile } from '../test/support/files.js';
import { tusOffset } from '../test/support/upload-session.js';
import { UploadTraffic } from '../test/support/upload-traffic.js';
import { callWebModule } from '../test/support/wix-http.js';
import { CHROMIUM_FLAGS, chromiumPath, throttleUpload } from './support/browser.js';
import { UploadPageDriver } from './support/dashboard.js';
import { screenshotPath } from './support/screenshots.js';

type App = Awaited<ReturnType<typeof startTestApp>>;
const MiB = 1024 * 1024;
const FILE_SIZE = 16 * MiB;
const KEPT = ['keep.bin', 'edit.bin'];

/**
 * The browser's file picker is a dialog no headless browser shows: this one answers with every
 * file of the origin private file system, as real FileSystemFileHandles (the page's own picking,
 * keeping and reopening of them run unchanged).
 */
const PICKER_FROM_OPFS = `
  window.showOpenFilePicker = async () => {
    const root = await navigator.storage.getDirectory();
    const handles = [];
    for await (const handle of root.values()) if (handle.kind === 'file') handles.push(handle);
    return handles.sort((a, b) => a.name.localeCompare(b.name));
  };
`;

/** Writes files of random bytes into the origin private file system, in the page. */
function writeOpfsFiles(page: Page, names: string[], size: number): Promise<void> {
  return page.evaluate(
    async ({ names, size }) => {
      const root = await navigator.storage.getDirectory();
      const piece = new Uint8Array(1024 * 1024);
      for (const name of names) {
        const writable = await (await root.getFileHandle(name, { create: true })).createWritable();
        for (let written = 0; written < size; written += piece.length) {
          for (let at = 0; at < piece.length; at += 65536) crypto.getRandomValues(piece.subarray(at, at + 65536));
          await writable.write(piece.subarray(0, Math.min(piece.length, size - written)));
        }
        await writable.close();
      }
    },
    { names, size },
  );
}

/** The page's resume records (localStorage), by file name. */
async function resumeRecords(page: Page): Promise<Map<string, { tusUrl?: string; bytesOnServer?: number }>> {
  const records = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith('resumable-media-uploader/resume/'))
      .map((key) => JSON.parse(localStorage.getItem(key) ?? '{}') as { name: string; tusUrl?: string }),
  );
  return new Map(records.map((record) => [record.name, record]));
}

describe('continuing after a browser restart without choosing the files again (Chromium, real file handles)', () => {
  let app: App;
  let traffic: UploadTraffic;
  const profile = tempDir('rmu-profile-');
  const files = tempDir('rmu-e2e-handles-');

  beforeAll(async () => {
    app = await startTestApp({ processingDelayMs: 300, dashboard: true });
    traffic = new UploadTraffic(app.wix.router);
  }, 180_000);
  afterAll(async () => {
    traffic?.stop();
    await app?.close();
  });

  /** The browser on the same profile each time: closing it and launching it again is a restart. */
  async function launch(at = ''): Promise<{ context: BrowserContext; page: Page; ui: UploadPageDriver }> {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: await chromiumPath(),
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 800 },
    });
    await context.addInitScript(PICKER_FROM_OPFS);
    const page = context.pages()[0] ?? (await context.newPage());
    const ui = new UploadPageDriver(page);
    if (at) await page.goto(`${app.url}${at}`);
    else await ui.open(app.url);
    return { context, page, ui };
  }

  it('lists the unfinished uploads, continues the kept files from the server offset, and refuses a changed one with why', async () => {
    // Before the restart: two files picked with handles, one through the plain file input (no handle).
    const first = await launch();
    await writeOpfsFiles(first.page, KEPT, FILE_SIZE);
    await first.page.locator('[data-hook="choose-files"]').click();
    await first.page.locator('[data-hook="staged-row"]').nth(1).waitFor();
    const plain = writeRandomFile(files, 'plain.bin', FILE_SIZE);
    await first.page.setInputFiles('[data-hook="file-input"]', [plain.path]);
    await first.page.locator('[data-hook="staged-row"]').nth(2).waitFor();
    await throttleUpload(first.context, first.page, 3 * MiB);
    await first.ui.startUpload();
    for (const name of [...KEPT, 'plain.bin']) {
      await expect.poll(() => first.ui.progressPercent(name), { timeout: 60_000 }).toBeGreaterThanOrEqual(20);
    }
    const records = await resumeRecords(first.page);
    await first.context.close();

    const offsets = new Map<string, number>();
    for (const name of [...KEPT, 'plain.bin']) {
      const tusUrl = records.get(name)?.tusUrl;
      expect(tusUrl, name).toBeTruthy();
      offsets.set(name, await tusOffset(tusUrl!));
    }
    // Cut partway: the server holds part of each file.
    for (const offset of offsets.values()) expect(offset).toBeGreaterThan(0);
    for (const offset of offsets.values()) expect(offset).toBeLessThan(FILE_SIZE);

    // After the restart: edit.bin has grown since.
    const second = await launch();
    await second.page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const writable = await (await root.getFileHandle('edit.bin')).createWritable({ keepExistingData: true });
      const { size } = await (await root.getFileHandle('edit.bin')).getFile();
      await writable.write({ type: 'write', position: size, data: new Uint8Array(1024) });
      await writable.close();
    });
    await second.page.reload();
    const list = second.page.locator('[data-hook="unfinished-uploads"]');
    await list.getByText('3 uploads can be continued').waitFor();
    const continueButton = second.page.getByRole('button', { name: 'Continue 2 uploads without choosing the files again' });
    await continueButton.waitFor();
    expect(await list.locator('[data-hook="unfinished-upload"]', { hasText: 'plain.bin' }).innerText()).toContain(
      'Select or drop this file again to continue it',
    );
    await list.scrollIntoViewIfNeeded();
    for (const width of [1280, 800, 375]) {
      await second.page.setViewportSize({ width, height: 800 });
      await list.screenshot({ path: screenshotPath(`continue-unfinished-${width}.png`) });
    }
    await second.page.setViewportSize({ width: 1280, height: 800 });

    traffic.reset();
    const fileChooser: string[] = [];
    second.page.on('filechooser', () => fileChooser.push('opened'));
    await continueButton.click();
    await second.ui.waitForState('keep.bin', 'Ready');
    // Only what the server did not hold was sent, to the upload begun before the restart.
    expect(traffic.creations).toBe(0);
    expect(traffic.patchBytes).toBe(FILE_SIZE - offsets.get('keep.bin')!);
    expect(fileChooser).toEqual([]);
    expect(await second.ui.row('keep.bin').innerText()).toContain('resumed');

    const edited = list.locator('[data-hook="unfinished-upload"]', { hasText: 'edit.bin' });
    expect(await edited.locator('[data-hook="unfinished-refusal"]').innerText()).toBe(
      'Not continued: the file changed since the upload began (now 16,778,240 B, it was 16,777,216 B). Upload it as a new file, or forget this upload.',
    );
    expect(await list.locator('[data-hook="unfinished-upload"]').count()).toBe(2);
    // Continue again could not change a changed file: it is not offered.
    expect(await list.getByRole('button', { name: /^Continue/ }).count()).toBe(0);
    await second.ui.row('keep.bin').scrollIntoViewIfNeeded();
    for (const width of [1280, 800, 375]) {
      await second.page.setViewportSize({ width, height: 800 });
      await list.scrollIntoViewIfNeeded();
      await second.page.screenshot({ path: screenshotPath(`continue-refused-${width}.png`) });
    }
    await second.context.close();
  }, 240_000);

  it("the site widget: a visitor's kept files continue after a restart with one click; a changed one says why it was not", async () => {
    const owner = await app.issueToken('USER');
    const rules = {
      enabled: true,
      audience: 'ANYONE',
      allowedTypes: [],
      maxFileSizeBytes: 1_000_000_000,
      maxFilesPerSubmission: 5,
      maxFilesPerVisitorPerDay: 20,
      maxFilesPerDay: 200,
    };
    const { body } = await callWebModule<{ ok: boolean }>(
      app.url,
      owner,
      'src/backend/visitor-uploads.web.ts',
      'saveVisitorUploadRules',
      rules,
    );
    expect(body.result.ok).toBe(true);

    const first = await launch('/site');
    await first.page.locator('[data-hook="visitor-terms"]').waitFor({ timeout: 30_000 });
    await first.page.evaluate(async () => {
      // Only the visitor's file in the private file system: the picker offers every file there.
      const root = await navigator.storage.getDirectory();
      const names = (root as unknown as { keys(): AsyncIterable<string> }).keys();
      for await (const name of names) await root.removeEntry(name);
    });
    await writeOpfsFiles(first.page, ['visit.bin', 'visit-edit.bin'], FILE_SIZE);
    await first.page.getByLabel('Your name').fill('Ana Sousa');
    await first.page.getByLabel('Your e-mail').fill('ana@example.com');
    await first.page.locator('[data-hook="visitor-dropzone"]').click();
    await first.page.locator('[data-hook="visitor-chosen"]', { hasText: 'visit-edit.bin' }).waitFor();
    await throttleUpload(first.context, first.page, 2 * MiB);
    await first.page.locator('[data-hook="visitor-send"]').click();
    const progress = first.page.getByRole('progressbar', { name: 'Progress of visit.bin' });
    await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 60_000 }).toBeGreaterThanOrEqual(20);
    const tusUrl = await first.page.evaluate(
      () =>
        Object.keys(localStorage)
          .filter((key) => key.startsWith('resumable-media-uploader/visitor-resume/'))
          .map((key) => JSON.parse(localStorage.getItem(key) ?? '{}') as { name?: string; tusUrl?: string })
          .find((record) => record.name === 'visit.bin')?.tusUrl,
    );
    await first.context.close();
    expect(tusUrl).toBeTruthy();
    const offset = await tusOffset(tusUrl!);
    expect(offset).toBeGreaterThan(0);

    const second = await launch('/site');
    // The visitor edits one of the files while the browser is closed.
    await second.page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const writable = await (await root.getFileHandle('visit-edit.bin')).createWritable({ keepExistingData: true });
      const { size } = await (await root.getFileHandle('visit-edit.bin')).getFile();
      await writable.write({ type: 'write', position: size, data: new Uint8Array(1024) });
      await writable.close();
    });
    const kept = second.page.locator('[data-hook="visitor-kept"]');
    await kept.waitFor({ timeout: 30_000 });
    expect(await kept.innerText()).toMatch(/visit\.bin.*visit-edit\.bin|visit-edit\.bin.*visit\.bin/);
    expect(await second.page.locator('[data-hook="visitor-unfinished"]').count()).toBe(0);
    for (const width of [1280, 375]) {
      await second.page.setViewportSize({ width, height: 800 });
      await second.page.screenshot({ path: screenshotPath(`visitor-continue-${width}.png`) });
    }
    traffic.reset();
    await second.page.locator('[data-hook="visitor-continue"]').click();
    const notContinued = second.page.locator('[data-hook="visitor-not-continued"]');
    await notContinued.waitFor({ timeout: 30_000 });
    expect(await notContinued.innerText()).toBe(
      'visit-edit.bin changed since it was chosen, so it was not continued: choose it again to send it anew.',
    );
    await second.page.locator('[data-hook="visitor-thanks"]').waitFor({ timeout: 120_000 });
    for (const width of [1280, 375]) {
      await second.page.setViewportSize({ width, height: 800 });
      await second.page.screenshot({ path: screenshotPath(`visitor-continued-one-${width}.png`) });
    }
    // Only the unchanged file was sent, and only what the server did not have.
    expect(traffic.creations).toBe(0);
    expect(traffic.patchBytes).toBe(FILE_SIZE - offset);
    await second.context.close();
  }, 240_000);
});
