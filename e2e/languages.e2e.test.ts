import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, tempDir } from '../test/support/local-app.js';
import { makePng, writeRandomFile } from '../test/support/files.js';
import { mp4, VisitorSite } from '../test/support/visitor-site.js';
import { waitForEventsHandled } from '../test/support/events.js';
import { LANGUAGES, type Language } from '../src/i18n/languages.js';
import { translatorFor } from '../src/i18n/translator.js';
import { launchChromium } from './support/browser.js';
import { screenshotPath } from './support/screenshots.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

/**
 * Controls and labels whose words are cut or spill out of their box: a button, a tab, a badge or
 * a heading whose text is wider than it (names in cells are cut on purpose, with an ellipsis, and
 * are not looked at), and anything drawn past the window's edges.
 */
async function cutOrOverflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    // A read-only input is a dropdown's chosen value: words cut there are as lost as on a button.
    const selectors = 'button, [role="tab"], [data-hook="item-state"], h1, h2, h3, label, [role="button"], input[readonly]';
    for (const node of Array.from(document.querySelectorAll<HTMLElement>(selectors))) {
      const box = node.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || node.closest('[hidden], [aria-hidden="true"], .host-bar, .site-bar')) continue;
      const words = (node.innerText || (node as HTMLInputElement).value || node.getAttribute('aria-label') || '').trim().slice(0, 60);
      if (node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX !== 'visible') found.push(`cut: ${words}`);
      if (box.left < -1 || box.right > window.innerWidth + 1) found.push(`outside the window: ${words}`);
    }
    const scroller = document.querySelector('[data-hook="page-scrollable-content"]');
    const sideways = Math.max(
      document.documentElement.scrollWidth - window.innerWidth,
      scroller ? scroller.scrollWidth - scroller.clientWidth : 0,
    );
    if (sideways > 0) found.push(`the page scrolls sideways by ${sideways} px`);
    return found;
  });
}

/** Words of the English catalog shown on a page in another language (file names and typed words aside). */
async function englishShown(page: Page, language: Language, phrases: string[]): Promise<string[]> {
  if (language === 'en') return [];
  const text = await page.evaluate(() => document.body.innerText);
  // As words: French "Progression" is not the English "Progress".
  const asWords = (phrase: string) => new RegExp(`(^|[^\\p{L}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u');
  return phrases.filter((phrase) => asWords(phrase).test(text));
}

const en = translatorFor('en');
/** The languages photographed for the README (`npm run screenshots`): the long one and the right-to-left one. */
const PHOTOGRAPHED: readonly Language[] = ['de', 'he'];
const SIZES = [
  [1280, 800],
  [800, 800],
  [375, 740],
] as const;
/** A page redraws for a new width after it is resized (its layout hooks measure first): what is cut is read once it has. */
const LAYOUT_SETTLES_MS = 10_000;
/** The widths photographed for the README. */
const PHOTOGRAPHED_WIDTHS: readonly number[] = [1280, 375];

describe('every language on the Upload page, the Visitor uploads tab and the widget, in Chromium', () => {
  let app: App;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const files = tempDir('rmu-languages-');
  const paths: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({ processingDelayMs: 100, dashboard: true });
    const site = await VisitorSite.of(app);
    await site.setRules({ allowedTypes: ['video/*'], maxFileSizeGb: '0.5', maxFilesPerSubmission: 5 });
    for (const name of ['Ana Sousa', 'נועה כהן']) {
      const token = await site.visitor();
      const started = await site.start(token, { name, email: 'ana@example.com', message: 'Camera A and B, raw files.' });
      const ticket = { submissionId: String(started.submissionId), secret: String(started.secret) };
      for (const [fileName, bytes] of [
        ['ceremony-camera-a-final-cut-2026.mp4', mp4(2400)],
        ['first-dance.mov', Buffer.alloc(900, 1)],
      ] as const) {
        const { session } = await site.session(token, ticket, { mimeType: 'video/mp4', fileName, sizeInBytes: String(bytes.length) });
        await site.send(session as Parameters<typeof site.send>[0], bytes, fileName);
      }
    }
    await waitForEventsHandled(app);
    const broken = path.join(files, 'broken.png');
    fs.writeFileSync(broken, Buffer.alloc(4096, 7)); // the Media Manager refuses it
    paths.push(broken, path.join(files, 'poster.png'));
    fs.writeFileSync(paths[1]!, makePng(160, 100));
    paths.push(path.join(files, 'צילומי-חתונה-מצלמה-ב.bin'));
    fs.writeFileSync(paths[2]!, Buffer.alloc(3000, 3));
    for (let i = 0; i < 6; i++) paths.push(writeRandomFile(files, `footage-${String(i).padStart(2, '0')}.bin`, 2048 + i).path);
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  afterEach(async () => {
    await context?.close();
  });

  async function open(url: string, width: number, height: number): Promise<void> {
    context = await browser.newContext({ viewport: { width, height } });
    page = await context.newPage();
    await page.goto(url);
  }

  for (const language of LANGUAGES) {
    const t = translatorFor(language);
    const photograph = (name: string, width: number, fullPage = false) =>
      PHOTOGRAPHED.includes(language) && PHOTOGRAPHED_WIDTHS.includes(width)
        ? page.screenshot({ path: screenshotPath(name), fullPage })
        : undefined;
    it(`${language}: the Upload page with many files and failures, the Visitor uploads tab and the widget, at 1280, 800 and 375 px`, {
      timeout: 240_000,
    }, async () => {
      const [[wide, wideHeight]] = SIZES;
      await open(`${app.url}/dashboard?lang=${language}`, wide, wideHeight);
      await page.getByText(t('dropzone.heading')).waitFor();
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
        language,
        language === 'he' ? 'rtl' : 'ltr',
      ]);
      // A folder of each language's own: the same files where an earlier language uploaded them would be flagged as already there.
      await page.locator('[data-hook="new-path"] input').fill(`lang-${language}`);
      await page.setInputFiles('[data-hook="file-input"]', paths);
      if (language === 'he') {
        // A Latin file name in a name field of the right-to-left page reads from its start, in its own direction.
        const nameFields = page.locator('input[type="text"], input:not([type])');
        await nameFields.first().waitFor();
        expect(await nameFields.evaluateAll((fields) => fields.map((field) => getComputedStyle(field).unicodeBidi))).not.toContain(
          'normal',
        );
      }
      await page.locator('[data-hook="start-upload"]').click();
      // Only the rows in view are drawn: the counts say when the batch is over (8 ready, 1 refused).
      const over = `${t('summary.counts', { ready: '8', uploading: '0', queued: '0', paused: '0', processing: '0', failed: '0' })} · ${t('summary.countsRefused', { refused: '1' })}`;
      await expect.poll(() => page.locator('[data-hook="queue-counts"]').innerText(), { timeout: 60_000 }).toBe(over);
      await page.getByTestId('host-toast').waitFor({ state: 'detached', timeout: 15_000 });
      const englishPhrases = [
        en('summary.pauseAll'),
        en('settings.title'),
        en('recent.title'),
        en('queue.columnProgress'),
        en('failure.PROCESSING_FAILED'),
      ];
      for (const [width, height] of SIZES) {
        await page.setViewportSize({ width, height });
        await page
          .locator('[data-hook="queue-row"]')
          .first()
          .evaluate((row) => row.scrollIntoView({ block: 'center' }));
        await expect
          .poll(() => cutOrOverflowing(page), { message: `the Upload page at ${width} px`, timeout: LAYOUT_SETTLES_MS })
          .toEqual([]);
        expect(await englishShown(page, language, englishPhrases)).toEqual([]);
        await photograph(`upload-page-${language}-${width}.png`, width);
      }

      await page.getByRole('tab', { name: t('page.tabVisitors') }).click();
      await page.locator('[data-hook="inbox-submission"]').first().waitFor();
      for (const [width, height] of [...SIZES].reverse()) {
        await page.setViewportSize({ width, height });
        await expect
          .poll(() => cutOrOverflowing(page), { message: `the Visitor uploads tab at ${width} px`, timeout: LAYOUT_SETTLES_MS })
          .toEqual([]);
        // A file the server rejected is told by its rule, not in the server's English sentence.
        const rejectedInEnglish = 'is not a type accepted here';
        expect(
          await englishShown(page, language, [en('rules.title'), en('inbox.filterALL'), en('inbox.REJECTED'), rejectedInEnglish]),
        ).toEqual([]);
        await photograph(`visitor-inbox-${language}-${width}.png`, width);
      }

      await page.goto(`${app.url}/site?lang=${language}`);
      const widget = page.locator('[data-hook="visitor-upload"]');
      await widget.waitFor();
      expect(await widget.getAttribute('dir')).toBe(language === 'he' ? 'rtl' : 'ltr');
      await page.setInputFiles('[data-hook="visitor-file-input"]', [paths[1]!]);
      await page.locator('[data-hook="visitor-file-problem"]').waitFor();
      for (const [width, height] of [...SIZES].reverse()) {
        await page.setViewportSize({ width, height });
        await expect.poll(() => cutOrOverflowing(page), { message: `the widget at ${width} px`, timeout: LAYOUT_SETTLES_MS }).toEqual([]);
        expect(await englishShown(page, language, [en('widget.heading'), en('widget.yourName'), en('widget.remove')])).toEqual([]);
        await photograph(`widget-${language}-${width}.png`, width, true);
      }
    });
  }
});
