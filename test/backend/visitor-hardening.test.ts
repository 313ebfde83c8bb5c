import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/local-app.js';
import { waitForEventsHandled } from '../support/events.js';
import { createTusUpload, finalizeUpload } from '../support/upload-session.js';
import { mp4, VisitorSite, type Session, type Ticket } from '../support/visitor-site.js';
import { VISITOR_CLAIMS, VISITOR_FILES } from '../../src/backend/data-collections.js';
import { callWebMethod, requestJson } from '../support/wix-http.js';
import { uploadSmallFile } from '../support/upload-session.js';
import { makePdf, makePng } from '../support/files.js';
import type { FileDownloadLink } from '../../src/shared/upload-methods.js';

type App = Awaited<ReturnType<typeof startTestApp>>;
// Each describe allows 3 minutes a test: the bursts take seconds on a quiet machine, much longer on a busy one.

const file = (size: number, fileName: string, mimeType: string) => ({ mimeType, fileName, sizeInBytes: String(size) });

/** Sends the bytes over tus and finalizes with the visitor's own PUT (its `?filename=` is the visitor's choice). */
async function sendRaw(session: Session, bytes: Buffer, metadata: { filename: string; contentType: string }, finalizeName?: string) {
  const created = await createTusUpload(session.uploadUrl, bytes.length, { ...metadata, token: session.uploadToken }, bytes);
  if (created.status !== 201) throw new Error(`tus creation answered ${created.status}: ${created.text}`);
  const finalized = await finalizeUpload(session.uploadUrl, session.uploadToken, finalizeName ?? metadata.filename);
  if (finalized.status !== 200) throw new Error(`finalize answered ${finalized.status}`);
  return String(finalized.body.file.id);
}

/** The media host answers 503 to every download while `failing` is set (the check's read of a file's first bytes). */
function failDownloads(app: App): { set(on: boolean): void } {
  const router = app.wix.mediaRouter;
  const dispatch = router.dispatch.bind(router);
  let failing = false;
  router.dispatch = async (req, res, url) => {
    if (failing) {
      res.writeHead(503).end();
      return true;
    }
    return dispatch(req, res, url);
  };
  return { set: (on) => (failing = on) };
}

/**
 * Files the server cannot check, races with the owner's actions, and names and kinds the rules
 * do not allow: each decided on its own, never taking the inbox or the sweep down.
 */
describe('a file that cannot be checked is decided on its own', { timeout: 180_000 }, () => {
  let app: App;
  let site: VisitorSite;
  let swallow: http.Server | undefined;

  afterEach(async () => {
    await app?.close();
    if (swallow) await new Promise((resolve) => swallow?.close(resolve));
    swallow = undefined;
  });

  it('an empty file of an allowed type is refused, and the inbox and the visitor’s status still answer', async () => {
    app = await startTestApp({ processingDelayMs: 300 });
    site = await VisitorSite.of(app);
    await site.setRules({ allowedTypes: ['application/pdf', 'video/*'] });
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const other = await site.ticket(await site.visitor());
    const { session } = await site.session(token, ticket, file(0, 'empty.pdf', 'application/pdf'));
    const fileId = await sendRaw(session as Session, Buffer.alloc(0), { filename: 'empty.pdf', contentType: 'application/pdf' });
    // Recorded while the Media Manager still processes it: the check runs again when the inbox loads.
    await site.call(token, 'recordVisitorUpload', { ...ticket, upload: { fileId } });
    await waitForEventsHandled(app);

    const inbox = await site.inbox();
    expect(inbox.map((submission) => submission.id).sort()).toEqual([ticket.submissionId, other.submissionId].sort());
    expect(inbox.find((submission) => submission.id === ticket.submissionId)?.files).toEqual([
      // The rule behind the reason, for the inbox to say it in the owner's language.
      expect.objectContaining({ name: 'empty.pdf', status: 'REJECTED', broken: { rule: 'CONTENT_NOT_ACCEPTED' } }),
    ]);
    expect(await site.call(site.owner, 'listVisitorSubmissionPage', {})).toMatchObject({ ok: true, total: 2 });
    expect(await site.call(token, 'getVisitorUploadStatus', { ...ticket, fileIds: [fileId] })).toMatchObject({
      ok: true,
      reports: [
        expect.objectContaining({ status: 'FAILED', failureCode: 'REJECTED_BY_SITE_RULES', broken: { rule: 'CONTENT_NOT_ACCEPTED' } }),
      ],
    });
    expect(await site.mediaFiles()).toEqual([]);
  });

  it('a file whose bytes cannot be read is left pending a bounded number of times, then refused; the sweep goes on past it', async () => {
    swallow = http.createServer((req, res) => req.resume().on('end', () => res.end()));
    await new Promise<void>((resolve) => swallow?.listen(0, '127.0.0.1', resolve));
    app = await startTestApp({ processingDelayMs: 30, webhookUrl: `http://127.0.0.1:${(swallow.address() as AddressInfo).port}/` });
    site = await VisitorSite.of(app);
    await site.setRules({ allowedTypes: ['application/pdf', 'video/*'] });
    const downloads = failDownloads(app);
    const mark = async () => (await site.dataItems(VISITOR_CLAIMS.id, { scope: 'sweep-mark' }))[0]?.at as number | undefined;
    await site.inbox();
    const before = await mark();

    const token = await site.visitor();
    const ticket: Ticket = await site.ticket(token);
    const bytes = mp4();
    const { session } = await site.session(token, ticket, file(bytes.length, 'film.mp4', 'video/mp4'));
    await sendRaw(session as Session, bytes, { filename: 'film.mp4', contentType: 'video/mp4' });
    await waitForEventsHandled(app);
    downloads.set(true);
    const looks = [];
    for (let n = 0; n < 4; n++) looks.push((await site.inbox())[0]?.files[0]?.status);
    // Each look tried it again (the sweep, then the inbox's own refresh); then it was refused instead of kept unchecked for ever.
    expect(looks[0]).toBe('PENDING');
    expect(looks.at(-1)).toBe('REJECTED');
    expect((await site.inbox())[0]?.files[0]).toMatchObject({
      reason: expect.stringContaining('could not be read'),
      broken: { rule: 'UNREADABLE' },
    });
    expect(await site.mediaFiles()).toEqual([]);
    expect(await mark()).toBeGreaterThan(before ?? 0);
  });
});

const RACE_RULES = {
  allowedTypes: ['video/*'],
  maxFilesPerSubmission: 10,
  maxFilesPerVisitorPerDay: 1000,
  maxFilesPerDay: 10_000,
  maxSubmissionsPerDay: 1000,
  maxSubmissionsPerVisitorPerDay: 100,
};

describe('closing a submission or turning uploads off holds against requests already on their way', { timeout: 180_000 }, () => {
  let app: App;
  let site: VisitorSite;

  beforeEach(async () => {
    app = await startTestApp({ processingDelayMs: 30 });
    site = await VisitorSite.of(app);
    await site.setRules(RACE_RULES);
  });
  afterEach(() => app?.close());

  const placesOf = async (submissionId: string) => (await site.filePlaces()).filter((place) => place.submissionId === submissionId);
  /** Writes a place back as it was read before the owner's action, as a request on its way could. */
  const writeBack = async (place: Record<string, unknown>) => {
    const { status } = await requestJson(`${app.url}/wix-data/v2/items/update`, {
      token: site.owner,
      body: { dataCollectionId: VISITOR_FILES.id, dataItem: { data: place } },
    });
    expect(status).toBe(200);
  };

  it('refuses a file arriving for a closed submission even when its place still says it is waiting (a stale write)', async () => {
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const bytes = mp4();
    const { session } = await site.session(token, ticket, file(bytes.length, 'a.mp4', 'video/mp4'));
    const [open] = await placesOf(ticket.submissionId);
    expect(await site.call(site.owner, 'closeVisitorSubmission', ticket.submissionId)).toEqual({ ok: true });
    await writeBack(open as Record<string, unknown>);
    await sendRaw(session as Session, bytes, { filename: 'a.mp4', contentType: 'video/mp4' });
    await waitForEventsHandled(app);
    expect(await site.mediaFiles()).toEqual([]);
    expect((await placesOf(ticket.submissionId))[0]).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('closed') });
  });

  it('refuses a file arriving while uploads are off even when its place still says it is waiting', async () => {
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const bytes = mp4();
    const { session } = await site.session(token, ticket, file(bytes.length, 'a.mp4', 'video/mp4'));
    const [open] = await placesOf(ticket.submissionId);
    await site.setRules({ ...RACE_RULES, enabled: false });
    await writeBack(open as Record<string, unknown>);
    await sendRaw(session as Session, bytes, { filename: 'a.mp4', contentType: 'video/mp4' });
    await waitForEventsHandled(app);
    expect(await site.mediaFiles()).toEqual([]);
  });

  it('tells a visitor recording a file sent after the close that the submission was closed', async () => {
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const bytes = mp4();
    const { session } = await site.session(token, ticket, file(bytes.length, 'a.mp4', 'video/mp4'));
    await site.call(site.owner, 'closeVisitorSubmission', ticket.submissionId);
    const fileId = await sendRaw(session as Session, bytes, { filename: 'a.mp4', contentType: 'video/mp4' });
    await waitForEventsHandled(app);
    expect(await site.call(token, 'recordVisitorUpload', { ...ticket, upload: { fileId } })).toMatchObject({
      ok: false,
      code: 'NOT_ALLOWED',
      reason: expect.stringContaining('closed'),
    });
  });

  it('keeps a file that arrived before the owner closed the submission', async () => {
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const bytes = mp4();
    const { session } = await site.session(token, ticket, file(bytes.length, 'a.mp4', 'video/mp4'));
    const fileId = await sendRaw(session as Session, bytes, { filename: 'a.mp4', contentType: 'video/mp4' });
    await waitForEventsHandled(app);
    await site.call(site.owner, 'closeVisitorSubmission', ticket.submissionId);
    expect((await site.mediaFiles()).map((stored) => stored.id)).toEqual([fileId]);
    expect((await site.inbox())[0]?.files[0]).toMatchObject({ fileId, status: 'READY' });
  });

  it('leaves no place open and keeps no file after a close raced by repeated and new file requests (12 trials)', async () => {
    const bytes = mp4();
    for (let trial = 0; trial < 12; trial++) {
      const token = await site.visitor();
      const ticket = await site.ticket(token);
      const first = await site.session(token, ticket, file(bytes.length, 'a.mp4', 'video/mp4'));
      const [, ...answers] = await Promise.all([
        new Promise((resolve) => setTimeout(resolve, trial % 6)).then(() =>
          site.call(site.owner, 'closeVisitorSubmission', ticket.submissionId),
        ),
        ...Array.from({ length: 4 }, () => site.session(token, ticket, file(bytes.length, 'a.mp4', 'video/mp4'))),
        ...Array.from({ length: 2 }, (_, n) => site.session(token, ticket, file(bytes.length, `new${n}.mp4`, 'video/mp4'))),
      ]);
      const places = await placesOf(ticket.submissionId);
      expect(
        places.filter((place) => place.status === 'UPLOADING'),
        `trial ${trial}`,
      ).toEqual([]);
      const sessions = [first, ...answers].filter((answer) => answer.ok).map((answer) => answer.session as Session);
      for (const session of sessions) await sendRaw(session, bytes, { filename: 'a.mp4', contentType: 'video/mp4' }).catch(() => undefined);
    }
    await waitForEventsHandled(app);
    expect(await site.mediaFiles()).toEqual([]);
  });

  it('leaves no place open and keeps no file after uploads are turned off during repeated requests', async () => {
    const bytes = mp4();
    const visitors = [];
    for (let n = 0; n < 8; n++) {
      const token = await site.visitor();
      const ticket = await site.ticket(token);
      const first = await site.session(token, ticket, file(bytes.length, 'b.mp4', 'video/mp4'));
      visitors.push({ token, ticket, first: first.session as Session });
    }
    const repeats = visitors.flatMap(({ token, ticket }) =>
      Array.from({ length: 4 }, () => site.session(token, ticket, file(bytes.length, 'b.mp4', 'video/mp4'))),
    );
    await new Promise((resolve) => setTimeout(resolve, 3));
    await site.setRules({ ...RACE_RULES, enabled: false });
    await Promise.all(repeats);
    for (const { first } of visitors) await sendRaw(first, bytes, { filename: 'b.mp4', contentType: 'video/mp4' });
    await waitForEventsHandled(app);
    expect(await site.mediaFiles()).toEqual([]);
  });
});

describe('file names and kinds the rules do not allow', { timeout: 180_000 }, () => {
  let app: App;
  let site: VisitorSite;

  beforeEach(async () => {
    app = await startTestApp({ processingDelayMs: 30 });
    site = await VisitorSite.of(app);
    await site.setRules({ allowedTypes: ['application/pdf', 'video/*', 'image/png'] });
  });
  afterEach(() => app?.close());

  it('refuses a name whose extension is not one of the accepted types, whatever type is declared', async () => {
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const refused = [
      file(100, 'invoice.html', 'application/pdf'),
      file(100, 'contract.hta', 'application/pdf'),
      file(100, 'photos.zip', 'video/mp4'),
      file(100, 'pic.svg', 'image/png'),
      file(100, 'setup.bat', 'video/mp4'),
      file(100, 'no-extension', 'application/pdf'),
    ];
    for (const request of refused) {
      expect(await site.session(token, ticket, request), request.fileName).toMatchObject({
        ok: false,
        code: 'NOT_ALLOWED',
        reason: expect.stringContaining('must end in an extension of the types accepted here'),
        // The rule, so the widget tells the visitor in their language.
        broken: { rule: 'EXTENSION_NOT_ACCEPTED', extensions: expect.arrayContaining(['pdf']) },
      });
    }
    for (const request of [
      file(100, 'contract.pdf', 'application/pdf'),
      file(100, 'FILM.MP4', 'video/mp4'),
      file(100, 'pic.png', 'image/png'),
    ]) {
      expect(await site.session(token, ticket, request), request.fileName).toMatchObject({ ok: true });
    }
  });

  it('refuses a file the Media Manager could not process under a family rule (HTML declared as a video)', async () => {
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const html = Buffer.from('<html><script>alert(1)</script></html>'.padEnd(600, ' '));
    const { session } = await site.session(token, ticket, file(html.length, 'film.mp4', 'video/mp4'));
    await sendRaw(session as Session, html, { filename: 'film.mp4', contentType: 'video/mp4' });
    await waitForEventsHandled(app);
    expect(await site.mediaFiles()).toEqual([]);
    expect((await site.inbox())[0]?.files[0]).toMatchObject({ status: 'REJECTED' });
  });

  it("opens only passive files in the owner's browser: an SVG's link saves it, a PNG's opens it", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const owned = [
      { name: 'drawing.svg', mimeType: 'image/svg+xml', bytes: svg, expected: /^attachment/ },
      { name: 'page.pdf', mimeType: 'application/pdf', bytes: makePdf(), expected: /^attachment/ },
      { name: 'photo.png', mimeType: 'image/png', bytes: makePng(4, 4), expected: /^inline/ },
    ];
    for (const one of owned) {
      const stored = await uploadSmallFile(app.url, site.owner, { ...one, private: true });
      await waitForEventsHandled(app);
      const { body } = await callWebMethod<FileDownloadLink>(app.url, site.owner, 'getFileDownloadUrl', stored.id);
      if (!body.result.ok) throw new Error(body.result.reason);
      const response = await fetch(body.result.url);
      await response.arrayBuffer();
      expect(response.headers.get('content-disposition'), one.name).toMatch(one.expected);
    }
  });
});

describe("the visitor's own finalize cannot rename the file", { timeout: 180_000 }, () => {
  let app: App;
  let site: VisitorSite;

  beforeEach(async () => {
    app = await startTestApp({ processingDelayMs: 30 });
    site = await VisitorSite.of(app);
    await site.setRules({ allowedTypes: ['video/*'] });
  });
  afterEach(() => app?.close());

  it('deletes a file stored under another name than the one announced (`?filename=`), recorded or not', async () => {
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const bytes = mp4();
    for (const name of ['payload.html', 'invoice\u202Egpj.exe', 'x'.repeat(1200)]) {
      const fileName = `film-${name.length}.mp4`;
      const { session } = await site.session(token, ticket, file(bytes.length, fileName, 'video/mp4'));
      await sendRaw(session as Session, bytes, { filename: fileName, contentType: 'video/mp4' }, name);
    }
    await waitForEventsHandled(app);
    expect(await site.mediaFiles()).toEqual([]);
    expect((await site.inbox())[0]?.files.map((one) => one.status)).toEqual(['REJECTED', 'REJECTED', 'REJECTED']);
  });
});

describe('deleting a submission', { timeout: 180_000 }, () => {
  let app: App;
  let site: VisitorSite;

  beforeEach(async () => {
    app = await startTestApp({ processingDelayMs: 30 });
    site = await VisitorSite.of(app);
    await site.setRules({ ...RACE_RULES, maxFileSizeBytes: 1_000_000 });
  });
  afterEach(() => app?.close());

  it('lets nothing sent through URLs kept after the deletion into the owner’s trash unchecked', async () => {
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const sessions = [];
    for (const name of ['a.mp4', 'b.mp4', 'c.mp4']) {
      for (let n = 0; n < 2; n++) sessions.push((await site.session(token, ticket, file(600, name, 'video/mp4'))).session as Session);
    }
    expect(await site.call(site.owner, 'deleteVisitorSubmission', ticket.submissionId)).toEqual({ ok: true });
    const html = Buffer.from('<html><script>alert(1)</script></html>'.padEnd(600, ' '));
    for (const session of sessions) await sendRaw(session, html, { filename: 'a.mp4', contentType: 'video/mp4' }).catch(() => undefined);
    await waitForEventsHandled(app);
    expect(await site.mediaFiles()).toEqual([]);
    expect(await site.mediaFiles('TRASH_ROOT')).toEqual([]);
  });

  it('leaves no place or claim of a submission deleted while file requests were on their way (8 trials)', async () => {
    for (let trial = 0; trial < 8; trial++) {
      const token = await site.visitor();
      const ticket = await site.ticket(token);
      await site.session(token, ticket, file(600, 'a.mp4', 'video/mp4'));
      await Promise.all([
        new Promise((resolve) => setTimeout(resolve, trial % 4)).then(() =>
          site.call(site.owner, 'deleteVisitorSubmission', ticket.submissionId),
        ),
        ...Array.from({ length: 3 }, () => site.session(token, ticket, file(600, 'a.mp4', 'video/mp4'))),
        ...Array.from({ length: 4 }, (_, n) => site.session(token, ticket, file(600, `new${n}.mp4`, 'video/mp4'))),
      ]);
      expect(await site.dataItems(VISITOR_FILES.id, { submissionId: ticket.submissionId }), `trial ${trial}: places`).toEqual([]);
      const claims = await site.dataItems(VISITOR_CLAIMS.id, { submissionId: ticket.submissionId });
      expect(
        claims.map((claim) => claim.scope),
        `trial ${trial}: claims`,
      ).toEqual(['deleted']);
    }
  });
});

describe('turning uploads off with many places open', { timeout: 180_000 }, () => {
  let app: App;
  let site: VisitorSite;

  beforeEach(async () => {
    app = await startTestApp({ processingDelayMs: 30 });
    site = await VisitorSite.of(app);
    await site.setRules(RACE_RULES);
  });
  afterEach(() => app?.close());

  it('does a bounded number of Data calls however many places wait, and closes the rest page by page', async () => {
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    // 600 places waiting for their file, written straight into the local Wix's database (requests would take minutes).
    const now = new Date().toISOString();
    const insert = app.wix.db.prepare('INSERT INTO data_items (collection_id, id, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    app.wix.db.transaction(() => {
      for (let n = 1; n <= 600; n++) {
        const id = `${ticket.submissionId}:${n}`;
        const data = {
          _id: id,
          submissionId: ticket.submissionId,
          slot: n,
          visitorId: 'v',
          name: `f${n}.mp4`,
          sizeInBytes: '600',
          mimeType: 'video/mp4',
          status: 'UPLOADING',
          _createdDate: { $date: now },
          _updatedDate: { $date: now },
          _owner: 'app',
        };
        insert.run(VISITOR_FILES.id, id, JSON.stringify(data), now, now);
      }
    })();
    const dispatch = app.wix.router.dispatch.bind(app.wix.router);
    let dataCalls = 0;
    app.wix.router.dispatch = async (req, res, url) => {
      if (url.pathname.startsWith('/wix-data/')) dataCalls += 1;
      return dispatch(req, res, url);
    };
    await site.setRules({ ...RACE_RULES, enabled: false });
    expect(dataCalls).toBeLessThan(300);
    const waiting = async () => (await site.dataItems(VISITOR_FILES.id, { status: 'UPLOADING' })).length;
    expect(await waiting()).toBeGreaterThan(0);
    for (let look = 0; look < 8 && (await waiting()) > 0; look++) await site.inbox();
    expect(await waiting()).toBe(0);
  });
});

describe("the site's files of the day against URLs asked for and never used", { timeout: 180_000 }, () => {
  let app: App;
  let site: VisitorSite;

  beforeEach(async () => {
    app = await startTestApp({ processingDelayMs: 30 });
    site = await VisitorSite.of(app);
    await site.setRules({ ...RACE_RULES, maxFilesPerDay: 6 });
  });
  afterEach(() => app?.close());

  /** Moves the time every site place of the day may wait for its file into the past, as the clock would. */
  const timePasses = () => {
    const rows = app.wix.db.prepare('SELECT id, data FROM data_items WHERE collection_id = ?').all(VISITOR_CLAIMS.id) as Array<{
      id: string;
      data: string;
    }>;
    for (const row of rows) {
      const item = JSON.parse(row.data) as Record<string, unknown>;
      if (typeof item.expiresAt !== 'number') continue;
      item.expiresAt = Date.now() - 1000;
      app.wix.db
        .prepare('UPDATE data_items SET data = ? WHERE collection_id = ? AND id = ?')
        .run(JSON.stringify(item), VISITOR_CLAIMS.id, row.id);
    }
  };

  it('gives back the places that received no file in their time, so a flood of URL requests cannot close the site for the day; limits still hold under a burst', async () => {
    const bytes = mp4();
    // A flood: fresh visitors ask for every place of the day and send nothing, but one sends its file.
    const flood = await Promise.all(
      Array.from({ length: 9 }, async (_, n) => {
        const token = await site.visitor();
        const ticket = await site.ticket(token);
        return { name: `f${n}.mp4`, answer: await site.session(token, ticket, file(bytes.length, `f${n}.mp4`, 'video/mp4')) };
      }),
    );
    const granted = flood.filter(({ answer }) => answer.ok);
    expect(granted).toHaveLength(6);
    const sent = granted[0]!;
    const keptId = await sendRaw(sent.answer.session as Session, bytes, { filename: sent.name, contentType: 'video/mp4' });
    await waitForEventsHandled(app);
    const late = await site.ticket(await site.visitor()).catch(() => undefined);
    expect(late).toBeUndefined();

    timePasses();
    // Nine real visitors at once: the five places given back are taken by five of them, no more.
    const visitors = await Promise.all(
      Array.from({ length: 9 }, async () => {
        const token = await site.visitor();
        return { token, ticket: await site.ticket(token).catch(() => undefined) };
      }),
    );
    const answers = await Promise.all(
      visitors.map(({ token, ticket }) =>
        ticket ? site.session(token, ticket, file(bytes.length, 'real.mp4', 'video/mp4')) : Promise.resolve({ ok: false }),
      ),
    );
    expect(answers.filter((answer) => answer.ok)).toHaveLength(5);
    // The unused URLs deliver nothing any more; the file that arrived stays.
    await sendRaw(granted[1]!.answer.session as Session, bytes, { filename: granted[1]!.name, contentType: 'video/mp4' });
    await waitForEventsHandled(app);
    expect((await site.mediaFiles()).map((stored) => stored.id)).toEqual([keptId]);
  });
});
