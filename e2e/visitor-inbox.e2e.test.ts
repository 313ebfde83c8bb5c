import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp } from '../test/support/local-app.js';
import { waitForEventsHandled } from '../test/support/events.js';
import { makePng } from '../test/support/files.js';
import { mp4, VisitorSite, type Session } from '../test/support/visitor-site.js';
import { VISITOR_SUBMISSIONS, VISITOR_FILES } from '../src/backend/data-collections.js';
import { launchChromium } from './support/browser.js';
import { screenshotPath } from './support/screenshots.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

/** A file name of the longest length, with nothing to break it at. */
const LONG_NAME = `${'x'.repeat(251)}.mp4`;
const NAMES = ['Ana Sousa', 'Bo Chen', 'Chiara Romano', 'Dmitri Volkov', 'Emeka Obi', 'Fatima Zahra', 'Gustavo Lima', 'Hana Kobayashi'];

/** The owner's inbox, full of submissions and failures, in Chromium at a desktop, a tablet and a phone width. */
describe("the owner's visitor inbox in Chromium", () => {
  let app: App;
  let site: VisitorSite;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp({ processingDelayMs: 30, dashboard: true });
    site = await VisitorSite.of(app);
    await site.setRules({ allowedTypes: ['video/*'], maxFileSizeGb: '0.1', maxFilesPerSubmission: 5 });
    for (let n = 0; n < 26; n++) {
      const token = await site.visitor();
      const name = `${NAMES[n % NAMES.length]}${n >= NAMES.length ? ` ${Math.floor(n / NAMES.length) + 1}` : ''}`;
      const started = await site.start(token, {
        name,
        email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`,
        message: n % 3 === 0 ? 'The ceremony and the first dance, camera A and B. Please keep the raw files until the edit is done.' : '',
      });
      const ticket = { submissionId: String(started.submissionId), secret: String(started.secret) };
      const send = async (fileName: string, bytes: Buffer) => {
        const { session } = await site.session(token, ticket, { mimeType: 'video/mp4', fileName, sizeInBytes: String(bytes.length) });
        return site.send(session as Session, bytes, fileName);
      };
      if (n % 4 === 0) {
        await send('ceremony-camera-a-final-cut-2026.mp4', mp4(2400));
        await send('photo-booth.mp4', makePng(8, 8)); // an image declared a video: refused
      } else if (n % 4 === 1) {
        await send('first-dance.mov', Buffer.alloc(900, 1)); // not a video at all: the Media Manager fails it
      } else if (n % 4 === 2) {
        await site.session(token, ticket, { mimeType: 'video/mp4', fileName: 'speeches-raw.mp4', sizeInBytes: '80000000' });
      } else {
        await send(n === 3 ? LONG_NAME : 'toast.mp4', mp4(1200));
        await send('cake.mp4', mp4(1800));
      }
      if (n % 5 === 4) await site.call(site.owner, 'setVisitorSubmissionHandled', ticket.submissionId, true);
    }
    await waitForEventsHandled(app);
    // One submission still sending went quiet two days ago (the local Wix's data is set back, as time would).
    const quiet = (await site.inbox()).find((submission) => submission.files.some((file) => file.status === 'UPLOADING'));
    const twoDaysAgo = { $date: new Date(Date.now() - 2 * 24 * 3600 * 1000).toISOString() };
    for (const [collection, id] of [
      [VISITOR_SUBMISSIONS.id, quiet?.id],
      [VISITOR_FILES.id, `${quiet?.id}:1`],
    ]) {
      const row = app.wix.db.prepare('SELECT data FROM data_items WHERE collection_id = ? AND id = ?').get(collection, id) as {
        data: string;
      };
      const item = { ...(JSON.parse(row.data) as Record<string, unknown>), _createdDate: twoDaysAgo, _updatedDate: twoDaysAgo };
      app.wix.db.prepare('UPDATE data_items SET data = ? WHERE collection_id = ? AND id = ?').run(JSON.stringify(item), collection, id);
    }
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const [width, height] of [
    [1280, 800],
    [800, 900],
    [375, 740],
  ] as const) {
    it(`fits ${width} px: every submission, its failures and the pages, nothing cut or wider than the screen`, async () => {
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      await page.goto(`${app.url}/dashboard`);
      await page.getByRole('tab', { name: 'Visitor uploads' }).click();
      const cards = page.locator('[data-hook="inbox-submission"]');
      await cards.first().waitFor({ timeout: 30_000 });
      expect(await cards.count()).toBe(20);
      await page.getByText('1–20 of 26').waitFor();
      await page
        .getByText(/^Still sending · last active /)
        .first()
        .waitFor();
      expect(await page.locator('[data-hook="inbox-file-reason"]').count()).toBeGreaterThan(5);

      const inbox = (await page.locator('[data-hook="visitor-inbox"]').boundingBox())!;
      expect(inbox.x + inbox.width, `${width}px: the inbox`).toBeLessThanOrEqual(width);
      for (const locator of [
        cards.first(),
        cards.last(),
        page.getByRole('searchbox', { name: 'Search submissions' }),
        page.getByRole('combobox', { name: 'Show' }),
        page.getByRole('button', { name: 'Next page' }),
      ]) {
        const box = await locator.boundingBox();
        expect(box, `${width}px`).not.toBeNull();
        expect(box!.x, `${width}px`).toBeGreaterThanOrEqual(inbox.x);
        expect(box!.x + box!.width, `${width}px: out of the inbox`).toBeLessThanOrEqual(inbox.x + inbox.width);
      }
      for (const reason of await page.locator('[data-hook="inbox-file-reason"]').all()) {
        const box = await reason.boundingBox();
        expect(box!.x + box!.width, `${width}px: a reason spills out`).toBeLessThanOrEqual(inbox.x + inbox.width);
      }
      // A 255-character name with nothing to break it at wraps inside its row, all of it there to read.
      const long = page.getByText(LONG_NAME, { exact: true });
      const longBox = (await long.boundingBox())!;
      expect(longBox.x + longBox.width, `${width}px: a long name spills out`).toBeLessThanOrEqual(inbox.x + inbox.width);
      expect(await long.evaluate((element) => element.scrollWidth <= element.clientWidth + 1), `${width}px: a long name is cut`).toBe(true);
      await long.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`visitor-inbox-${width}-long-name.png`) });
      // The page scrolls inside the dashboard's frame, not the document: pictures at the top, a failure, and the pages.
      await page.screenshot({ path: screenshotPath(`visitor-inbox-${width}.png`) });
      await cards.nth(4).scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`visitor-inbox-${width}-failures.png`) });
      await page.getByRole('button', { name: 'Next page' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`visitor-inbox-${width}-pages.png`) });
      // The rules below it: the largest file as the owner typed it.
      await page.getByLabel('Submissions per day, all visitors').scrollIntoViewIfNeeded();
      expect(await page.getByLabel('Largest file (GB)').inputValue()).toBe('0.1');
      await page.screenshot({ path: screenshotPath(`visitor-rules-${width}.png`) });

      // The second page: the last unhandled one, quiet for two days, then the handled ones; then only the handled ones.
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.getByText('21–26 of 26').waitFor();
      await page.getByText(/^No activity since /).waitFor();
      await page
        .getByRole('button', { name: /^Close the submission of / })
        .first()
        .waitFor();
      await page.getByText(/^No activity since /).scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`visitor-inbox-${width}-page-2.png`) });
      await page.getByRole('combobox', { name: 'Show' }).click();
      await page.getByRole('option', { name: 'Handled', exact: true }).click();
      await page.getByText('Visitor uploads (5)').waitFor();
      await context.close();
    });
  }
});
