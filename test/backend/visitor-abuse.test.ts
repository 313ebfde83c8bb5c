import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/local-app.js';
import { deliverEvent, fileFailedEvent, waitForEventsHandled } from '../support/events.js';
import { makeDocx, makePdf } from '../support/files.js';
import { requestJson } from '../support/wix-http.js';
import { uploadSmallFile } from '../support/upload-session.js';
import { DETAILS, mp4, VisitorSite, type Answer, type Session, type Ticket } from '../support/visitor-site.js';
import type { InboxPage } from '../../src/shared/visitor-upload-methods.js';
import { MAX_SERVER_FINALIZES_PER_URL, MAX_UPLOAD_URLS_PER_FILE } from '../../src/policies/visitor-rules-policy.js';
import type { Router } from '../../local/emulator/platform/http.js';
import { VISITOR_CLAIMS } from '../../src/backend/data-collections.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

/** Every request that reaches the local Wix, by method and path (the app's backend calls Wix over HTTP as on a real site). */
function recordRequests(router: Router): { paths: string[]; stop(): void } {
  const original = router.dispatch;
  const dispatch = original.bind(router);
  const paths: string[] = [];
  router.dispatch = async (req, res, url) => {
    paths.push(`${req.method} ${url.pathname}`);
    return dispatch(req, res, url);
  };
  return { paths, stop: () => (router.dispatch = original) };
}

const video = (size: number, fileName = 'film.mp4') => ({ mimeType: 'video/mp4', fileName, sizeInBytes: String(size) });
const granted = (answers: Answer[]) => answers.filter((answer) => answer.ok === true);

/**
 * The attacks of a hostile visitor on the widget's server, each against the real local app: the
 * owner's limits hold under parallel bursts, and what the Media Manager, the inbox and the
 * counters say agrees afterwards.
 */
describe('a hostile visitor cannot walk around the owner’s rules', () => {
  let app: App;
  let site: VisitorSite;

  beforeEach(async () => {
    app = await startTestApp({ processingDelayMs: 30 });
    site = await VisitorSite.of(app);
    await site.setRules({ allowedTypes: ['video/*', 'application/pdf'], maxFileSizeBytes: 1_000_000, maxFilesPerSubmission: 3 });
  });
  afterEach(() => app?.close());

  it(`issues at most ${MAX_UPLOAD_URLS_PER_FILE} upload URLs for one file, under 20 parallel retries; only the first file to arrive is kept`, async () => {
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const bytes = mp4();
    const first = await site.session(token, ticket, video(bytes.length));
    expect(first.ok).toBe(true);
    const retries = await Promise.all(Array.from({ length: 20 }, () => site.session(token, ticket, video(bytes.length))));
    const sessions = [first, ...granted(retries)].map((answer) => answer.session as Session);
    expect(sessions).toHaveLength(MAX_UPLOAD_URLS_PER_FILE);
    expect(granted(retries).length + retries.filter((answer) => answer.code === 'NOT_ALLOWED').length).toBe(20);

    // Three of the URLs deliver a file each, none recorded by the visitor.
    const sent = await Promise.all(sessions.slice(0, 3).map((session) => site.send(session, bytes)));
    await waitForEventsHandled(app);
    const stored = await site.mediaFiles();
    expect(stored).toHaveLength(1);
    expect(sent).toContain(stored[0]?.id);
    const [submission] = await site.inbox();
    expect(submission?.files).toEqual([expect.objectContaining({ fileId: stored[0]?.id, status: 'READY' })]);
    expect(await site.countToday('files')).toBe(1);
  });

  it('delivers nothing through upload URLs issued before the owner turned uploads off', async () => {
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const bytes = mp4();
    const { session } = await site.session(token, ticket, video(bytes.length));
    await site.setRules({ enabled: false });
    await site.send(session as Session, bytes);
    await waitForEventsHandled(app);
    expect(await site.mediaFiles()).toEqual([]);
    const [submission] = await site.inbox();
    expect(submission?.files).toEqual([
      expect.objectContaining({ status: 'FAILED', reason: expect.stringContaining('stopped accepting files') }),
    ]);
  });

  it('leaves nothing of a deleted submission in visitor-uploads, recorded or not', async () => {
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const bytes = mp4();
    const a = (await site.session(token, ticket, video(bytes.length, 'a.mp4'))).session as Session;
    const again = (await site.session(token, ticket, video(bytes.length, 'a.mp4'))).session as Session;
    const b = (await site.session(token, ticket, video(bytes.length, 'b.mp4'))).session as Session;
    const recorded = await site.send(a, bytes, 'a.mp4');
    expect(await site.call(token, 'recordVisitorUpload', { ...ticket, upload: { fileId: recorded } })).toMatchObject({ ok: true });
    await site.send(again, bytes, 'a.mp4');
    await site.send(b, bytes, 'b.mp4');
    expect(await site.call(site.owner, 'deleteVisitorSubmission', ticket.submissionId)).toEqual({ ok: true });
    await waitForEventsHandled(app);
    expect(await site.mediaFiles()).toEqual([]);
    expect((await site.mediaFiles('TRASH_ROOT')).map((file) => file.id)).toContain(recorded);
    // Of its claims (upload URLs, the files kept) only the mark of its deletion stays.
    const claims = await site.dataItems(VISITOR_CLAIMS.id, { submissionId: ticket.submissionId });
    expect(claims.map((claim) => claim.scope)).toEqual(['deleted']);
  });

  it('checks what arrived, not what was declared: a deferred length bigger than announced is deleted without the visitor recording it', async () => {
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const { session } = await site.session(token, ticket, video(67));
    // The size is told only with the bytes (tus creation-defer-length), 3 MB against a 1 MB rule.
    await site.send(session as Session, mp4(3_000_000), 'film.mp4', { deferLength: true });
    await waitForEventsHandled(app);
    expect(await site.mediaFiles()).toEqual([]);
    const [submission] = await site.inbox();
    expect(submission?.files).toEqual([
      expect.objectContaining({ status: 'REJECTED', reason: expect.stringMatching(/larger than|not the size/) }),
    ]);
  });

  it('holds the files per submission under a burst: 20 parallel requests on a submission limited to 3 get 3', async () => {
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => site.session(token, ticket, video(100, `f${n}.mp4`))));
    expect(granted(answers)).toHaveLength(3);
    expect(await site.filePlaces()).toHaveLength(3);
    expect(await site.countToday('files')).toBe(3);
  });

  it("holds one visitor's files per day over 4 submissions: 20 parallel requests with 5 a day get 5", async () => {
    await site.setRules({ maxFilesPerSubmission: 10, maxFilesPerVisitorPerDay: 5, maxFilesPerDay: 1000 });
    const token = await site.visitor();
    const tickets = await Promise.all(Array.from({ length: 4 }, () => site.ticket(token)));
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) => site.session(token, tickets[n % 4] as Ticket, video(100, `f${n}.mp4`))),
    );
    expect(granted(answers)).toHaveLength(5);
    expect(answers.filter((answer) => answer.code === 'RATE_LIMITED')).toHaveLength(15);
    expect(await site.filePlaces()).toHaveLength(5);
    expect(await site.countToday('files')).toBe(5);
  });

  it("holds one visitor's files per day when they come with the submissions: 10 parallel starts of 2 files with 5 a day get 5", async () => {
    await site.setRules({
      maxFilesPerSubmission: 10,
      maxFilesPerVisitorPerDay: 5,
      maxFilesPerDay: 1000,
      maxSubmissionsPerVisitorPerDay: 10,
    });
    const token = await site.visitor();
    const starts = await Promise.all(
      Array.from({ length: 10 }, (_, n) => site.start(token, DETAILS, [video(100, `a${n}.mp4`), video(100, `b${n}.mp4`)])),
    );
    const sessions = starts.flatMap((started) => (started.sessions ?? []) as Answer[]);
    expect(sessions).toHaveLength(20);
    expect(granted(sessions)).toHaveLength(5);
    expect(sessions.filter((answer) => answer.code === 'RATE_LIMITED')).toHaveLength(15);
    expect(await site.filePlaces()).toHaveLength(5);
    expect(await site.countToday('files')).toBe(5);
  });

  it('gives one file asked twice with the submission one place, as when it is asked twice alone', async () => {
    const token = await site.visitor();
    const started = await site.start(token, DETAILS, [video(100, 'same.mp4'), video(100, 'same.mp4')]);
    expect(granted((started.sessions ?? []) as Answer[])).toHaveLength(2);
    expect(await site.filePlaces()).toHaveLength(1);
  });

  it('checks files asked with the submission as it checks them alone: a size that is not one is refused, a name like a path is only a name', async () => {
    const token = await site.visitor();
    const started = await site.start(token, DETAILS, [{ ...video(100), sizeInBytes: '-1' }, video(100, '../../etc/passwd.mp4')]);
    expect(started.ok).toBe(true);
    const [size, path] = (started.sessions ?? []) as Answer[];
    expect(size).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    // The server names the folder (visitor-uploads/<submission>); the visitor's name is the file's display name only.
    expect(path).toMatchObject({ ok: true });
    expect(await site.filePlaces()).toHaveLength(1);
  });

  it("holds the site's files per day: with 5 of 35 left, 25 visitors at once get 5", async () => {
    await site.setRules({ maxFilesPerSubmission: 10, maxFilesPerVisitorPerDay: 10, maxFilesPerDay: 35 });
    for (let v = 0; v < 3; v++) {
      const token = await site.visitor();
      const ticket = await site.ticket(token);
      for (let n = 0; n < 10; n++) expect((await site.session(token, ticket, video(100, `f${n}.mp4`))).ok).toBe(true);
    }
    const visitors = await Promise.all(Array.from({ length: 25 }, () => site.visitor()));
    const tickets = await Promise.all(visitors.map((token) => site.ticket(token)));
    const answers = await Promise.all(visitors.map((token, n) => site.session(token, tickets[n] as Ticket, video(100))));
    expect(granted(answers)).toHaveLength(5);
    expect(await site.countToday('files')).toBe(35);
    expect(await site.filePlaces()).toHaveLength(35);
  });

  it('limits submissions per visitor and per site per day, under bursts', async () => {
    await site.setRules({ maxSubmissionsPerVisitorPerDay: 5, maxSubmissionsPerDay: 12 });
    const token = await site.visitor();
    const mine = await Promise.all(Array.from({ length: 20 }, () => site.start(token)));
    expect(granted(mine)).toHaveLength(5);
    expect(mine.filter((answer) => answer.code === 'RATE_LIMITED')[0]?.reason).toMatch(
      /^You can start at most 5 submissions a day\. Try again in /,
    );
    const visitors = await Promise.all(Array.from({ length: 25 }, () => site.visitor()));
    const theirs = await Promise.all(visitors.map((visitor) => site.start(visitor)));
    expect(granted(theirs)).toHaveLength(7);
    expect(theirs.filter((answer) => !answer.ok)[0]?.reason).toMatch(/^This site has received all the submissions it accepts today\./);
    expect(await site.inbox()).toHaveLength(12);
    expect(await site.countToday('submissions')).toBe(12);
  });

  it('keeps a flood out of the inbox, and pages it, unhandled first, with a search', async () => {
    await site.setRules({ maxSubmissionsPerVisitorPerDay: 5, maxSubmissionsPerDay: 1000 });
    const flooder = await site.visitor();
    const message = 'x'.repeat(2000);
    let accepted = 0;
    for (let n = 0; n < 110; n++) if ((await site.start(flooder, { ...DETAILS, message })).ok) accepted += 1;
    expect(accepted).toBe(5);
    const client = await site.visitor();
    const real = await site.ticket(client);
    await site.start(client, { ...DETAILS, name: 'Real Client', email: 'client@example.com', message: 'Please call me' });
    const handled = await site.ticket(await site.visitor());
    await site.call(site.owner, 'setVisitorSubmissionHandled', handled.submissionId, true);

    const page = (request: Record<string, unknown>) => site.call<InboxPage>(site.owner, 'listVisitorSubmissionPage', request);
    const first = await page({ pageSize: 3 });
    expect(first).toMatchObject({ ok: true, total: 8, offset: 0, pageSize: 3 });
    const all = [];
    for (let offset = 0; offset < 8; offset += 3) {
      const next = await page({ pageSize: 3, offset });
      if (next.ok) all.push(...next.submissions);
    }
    expect(new Set(all.map((submission) => submission.id)).size).toBe(8);
    expect(all.at(-1)?.id).toBe(handled.submissionId);
    expect(all.slice(0, 7).every((submission) => !submission.handled)).toBe(true);
    const found = await page({ search: 'CLIENT@example' });
    expect(found.ok && found.submissions.map((submission) => submission.name)).toEqual(['Real Client']);
    expect(found.ok && found.total).toBe(1);
    expect(await page({ filter: 'HANDLED' })).toMatchObject({
      total: 1,
      submissions: [expect.objectContaining({ id: handled.submissionId })],
    });
    expect((await page({ filter: 'UNHANDLED' })).ok && (await page({ filter: 'UNHANDLED' }))).toMatchObject({ total: 7 });
    expect(real.submissionId).toBeTruthy();
    // The list the older inbox reads is still a list.
    expect(await site.inbox()).toHaveLength(8);
    for (const bad of [{ pageSize: 0 }, { pageSize: 101 }, { offset: -1 }, { filter: 'NEWEST' }, { search: 'x'.repeat(101) }]) {
      expect(await page(bad), JSON.stringify(bad)).toMatchObject({ ok: false });
    }
  });

  it('never lets a visitor-supplied id reach a request path: path-shaped ids are refused the same way, before any Wix call', async () => {
    const privateFile = await uploadSmallFile(app.url, site.owner, {
      name: 'owner-secret.pdf',
      mimeType: 'application/pdf',
      bytes: makePdf(),
      private: true,
    });
    await waitForEventsHandled(app);
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const payloads = [
      `../../../site-media/v1/files/get-file-by-id?fileId=${String(privateFile.id)}#`,
      '../../../site-media/v1/files/get-file-by-id?fileId=nothing~mv2.pdf#',
      '..%2F..%2F..%2Fsite-media%2Fv1%2Ffolders',
      `${ticket.submissionId}/../${ticket.submissionId}`,
      `${ticket.submissionId}#`,
    ];
    const requests = recordRequests(app.wix.router);
    const answers: unknown[] = [];
    for (const submissionId of payloads) {
      const ticketOf = { submissionId, secret: ticket.secret };
      answers.push(await site.call(token, 'createVisitorUploadSession', { ...ticketOf, request: video(10) }));
      answers.push(await site.call(token, 'recordVisitorUpload', { ...ticketOf, upload: { fileId: 'x~mv2.mp4' } }));
      answers.push(await site.call(token, 'getVisitorUploadStatus', { ...ticketOf, fileIds: [] }));
      answers.push(
        await site.call(token, 'finalizeVisitorUploadFromServer', {
          ...ticketOf,
          session: { uploadUrl: app.url, uploadToken: 't' },
          fileName: 'a',
        }),
      );
      answers.push(await site.call(site.owner, 'setVisitorSubmissionHandled', submissionId, true));
      answers.push(await site.call(site.owner, 'deleteVisitorSubmission', submissionId));
    }
    for (const fileId of [`../${String(privateFile.id)}`, `${String(privateFile.id)}?x`, `${String(privateFile.id)}#`, '%2e%2e']) {
      answers.push(await site.call(token, 'recordVisitorUpload', { ...ticket, upload: { fileId } }));
      answers.push(await site.call(token, 'getVisitorUploadStatus', { ...ticket, fileIds: [fileId] }));
    }
    requests.stop();
    expect(
      requests.paths.filter((path) => path.includes('/site-media/')),
      'Media Manager calls',
    ).toEqual([]);
    // Items are read by ids the server made (the rules, the ticket's own submission), never by a visitor's text.
    const itemReads = requests.paths.filter((path) => path.startsWith('GET /wix-data/v2/items/'));
    expect(
      itemReads.filter((path) => !/^GET \/wix-data\/v2\/items\/(rules|[0-9a-f-]{36}|sweep-mark)$/.test(path)),
      'item paths',
    ).toEqual([]);
    expect(itemReads.filter((path) => path.endsWith(ticket.submissionId)).length).toBeLessThanOrEqual(8);
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBeLessThanOrEqual(6);
    for (const answer of answers) expect(answer).toMatchObject({ ok: false });
  });

  it('checks the kind of what arrived as precisely as its first bytes show: with only PDF allowed, a DOCX and HTML declared as PDF are deleted', async () => {
    await site.setRules({ allowedTypes: ['application/pdf'] });
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const pdf = (name: string, bytes: Buffer) => ({ mimeType: 'application/pdf', fileName: name, sizeInBytes: String(bytes.length) });
    const files = {
      'brief.pdf': makePdf(),
      'letter.pdf': makeDocx(),
      'page.pdf': Buffer.from('<!doctype html><html><body><script>alert(document.domain)</script></body></html>'),
    };
    const ids: Record<string, string> = {};
    for (const [name, bytes] of Object.entries(files)) {
      const { session } = await site.session(token, ticket, pdf(name, bytes));
      ids[name] = await site.send(session as Session, bytes, name);
    }
    await waitForEventsHandled(app);
    expect((await site.mediaFiles()).map((file) => file.id)).toEqual([ids['brief.pdf']]);
    const [submission] = await site.inbox();
    const byName = Object.fromEntries((submission?.files ?? []).map((file) => [file.name, file]));
    expect(byName['brief.pdf']).toMatchObject({ status: 'READY' });
    expect(byName['letter.pdf']).toMatchObject({ status: 'REJECTED', reason: expect.stringContaining('wordprocessingml') });
    expect(byName['page.pdf']).toMatchObject({ status: 'REJECTED', reason: expect.stringContaining('not a recognised type') });
    expect(await site.call(token, 'recordVisitorUpload', { ...ticket, upload: { fileId: ids['page.pdf'] } })).toMatchObject({
      ok: false,
      code: 'NOT_ALLOWED',
    });
  });

  it('refuses direction controls and line separators in what a visitor types', async () => {
    const token = await site.visitor();
    expect(await site.start(token, { ...DETAILS, name: 'Bob\u202Efdp.exe' })).toMatchObject({
      ok: false,
      reason: 'The name must not contain control or text-direction characters (found U+202E).',
    });
    expect(await site.start(token, { ...DETAILS, email: 'bob\u0085@example.com' })).toMatchObject({ ok: false });
    expect(await site.start(token, { ...DETAILS, message: 'one\u2028two' })).toMatchObject({ ok: false });
    expect(await site.start(token, { ...DETAILS, message: 'one\ntwo' })).toMatchObject({ ok: true });
  });

  it('says why the Media Manager failed a file, when the visitor was last active, and lets the owner close what was abandoned', async () => {
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    // Declared a video, its bytes are not one: the Media Manager fails it, and the rules (video/*) refuse what it could not recognise.
    const { session } = await site.session(token, ticket, video(500, 'broken.mp4'));
    const brokenId = await site.send(session as Session, Buffer.alloc(500, 3), 'broken.mp4');
    await site.session(token, ticket, video(100, 'never.mp4'));
    await waitForEventsHandled(app);
    // A visitor's file is never an upload of the page's: its File Failed is taken at once, not refused to wait for a page record.
    await expect(
      deliverEvent(app, fileFailedEvent(brokenId, { code: 'UNRECOGNIZED_CONTENT', description: 'not a video' })),
    ).resolves.toBeUndefined();
    const page = await site.call<InboxPage>(site.owner, 'listVisitorSubmissionPage', {});
    const [submission] = page.ok ? page.submissions : [];
    expect(submission?.files).toEqual([
      expect.objectContaining({ name: 'broken.mp4', status: 'REJECTED', reason: expect.stringContaining('not a recognisable video') }),
      expect.objectContaining({ name: 'never.mp4', status: 'UPLOADING' }),
    ]);
    expect(Date.parse(String(submission?.lastActiveDate))).toBeGreaterThanOrEqual(Date.parse(String(submission?.createdDate)));

    expect(await site.call(site.owner, 'closeVisitorSubmission', ticket.submissionId)).toEqual({ ok: true });
    const [closed] = await site.inbox();
    expect(closed?.files[1]).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('closed the submission') });
    expect(await site.session(token, ticket, video(100, 'later.mp4'))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('closed'),
    });
  });
});

describe('the server finalizes a visitor’s upload only for a session it issued for that visitor', () => {
  let app: App;
  let site: VisitorSite;
  let trap: http.Server;
  let trapped = 0;

  beforeEach(async () => {
    app = await startTestApp({ processingDelayMs: 30 });
    site = await VisitorSite.of(app);
    await site.setRules({ allowedTypes: ['video/*'], maxFileSizeBytes: 1_000_000 });
    trapped = 0;
    trap = http.createServer((_req, res) => {
      trapped += 1;
      res.end('{}');
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    await new Promise((resolve) => trap.close(resolve));
    await app?.close();
  });

  /** The bytes of a file sent over tus, not finalized: what a browser whose finalize got no answer holds. */
  async function uploaded(token: string, ticket: Ticket, name = 'film.mp4'): Promise<Session> {
    const bytes = mp4();
    const { session } = await site.session(token, ticket, video(bytes.length, name));
    const { uploadUrl, uploadToken } = session as Session;
    const { createTusUpload } = await import('../support/upload-session.js');
    expect(
      (await createTusUpload(uploadUrl, bytes.length, { filename: name, contentType: 'video/mp4', token: uploadToken }, bytes)).status,
    ).toBe(201);
    return session as Session;
  }

  it('finalizes a session it issued, and the file arrives in its place', async () => {
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const session = await uploaded(token, ticket);
    const answer = await site.call<Answer & { status?: number; body?: string }>(token, 'finalizeVisitorUploadFromServer', {
      ...ticket,
      session,
      fileName: 'film.mp4',
    });
    expect(answer).toMatchObject({ ok: true, status: 200 });
    const fileId = (JSON.parse(String(answer.body)) as { file: { id: string } }).file.id;
    expect(await site.call(token, 'recordVisitorUpload', { ...ticket, upload: { fileId } })).toMatchObject({ ok: true });
  });

  it('refuses hostile finalizes and never sends a request anywhere else', async () => {
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const session = await uploaded(token, ticket);
    const other = await site.visitor();
    const theirs = await site.ticket(other);
    const elsewhere = `http://127.0.0.1:${(trap.address() as AddressInfo).port}/upload/tus`;
    const finalize = (who: string, args: Record<string, unknown>) => site.call(who, 'finalizeVisitorUploadFromServer', args);

    expect(await finalize(token, { ...ticket, session: { ...session, uploadUrl: elsewhere }, fileName: 'film.mp4' })).toMatchObject({
      ok: false,
    });
    expect(await finalize(token, { ...ticket, session: { uploadUrl: elsewhere, uploadToken: 'made-up' }, fileName: 'x' })).toMatchObject({
      ok: false,
      code: 'NOT_YOURS',
    });
    expect(await finalize(other, { ...theirs, session, fileName: 'film.mp4' })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(await finalize(other, { ...ticket, session, fileName: 'film.mp4' })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(
      await finalize(token, {
        ...ticket,
        session: { ...session, uploadUrl: `${session.uploadUrl}/../../_local/identities` },
        fileName: 'x',
      }),
    ).toMatchObject({ ok: false });
    for (const args of [null, [], { ...ticket }, { ...ticket, session: 'x' }, { ...ticket, session: { uploadToken: 'x'.repeat(5000) } }]) {
      expect(await site.call(token, 'finalizeVisitorUploadFromServer', args), JSON.stringify(args).slice(0, 60)).toMatchObject({
        ok: false,
      });
    }
    // A hostile file name changes nothing: the name announced for the file is the one finalized.
    const answer = await finalize(token, { ...ticket, session, fileName: '../../evil?x=1#' });
    expect(answer).toMatchObject({ ok: true, status: 200 });
    expect(JSON.parse(String(answer.body))).toMatchObject({ file: { displayName: 'film.mp4' } });
    // Each URL is finalized from the server a bounded number of times.
    for (let n = 1; n < MAX_SERVER_FINALIZES_PER_URL; n++)
      expect(await finalize(token, { ...ticket, session, fileName: 'film.mp4' })).toMatchObject({ ok: true, status: 409 });
    expect(await finalize(token, { ...ticket, session, fileName: 'film.mp4' })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(trapped).toBe(0);
  });

  it('sends the widget’s finalize through the server when the browser’s own gets no answer', async () => {
    const { visitorBackend } = await import('../../src/site/visitor/visitor-backend.js');
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const session = await uploaded(token, ticket);
    const call = (method: string) => (input: unknown) => site.call(token, method, input);
    const backend = visitorBackend(
      {
        createVisitorUploadSession: call('createVisitorUploadSession') as never,
        recordVisitorUpload: call('recordVisitorUpload') as never,
        getVisitorUploadStatus: call('getVisitorUploadStatus') as never,
        finalizeVisitorUploadFromServer: call('finalizeVisitorUploadFromServer') as never,
      },
      () => ticket,
    );
    expect(backend.finalizeUploadFromServer).toBeTypeOf('function');
    const answer = await backend.finalizeUploadFromServer?.(session, 'film.mp4');
    expect(answer).toMatchObject({ ok: true, status: 200 });
    const { status } = await requestJson(`${app.url}/site-media/v1/files/search`, {
      token: site.owner,
      body: { rootFolder: 'VISITOR_UPLOADS_ROOT' },
    });
    expect(status).toBe(200);
  });
});

describe('the sweep checks what arrived when no event comes', () => {
  let app: App;
  let site: VisitorSite;
  let swallow: http.Server;

  beforeEach(async () => {
    // Every File Ready / File Failed event goes to a server that answers 200 and does nothing: the events are lost.
    swallow = http.createServer((req, res) => req.resume().on('end', () => res.end()));
    await new Promise<void>((resolve) => swallow.listen(0, '127.0.0.1', resolve));
    app = await startTestApp({ processingDelayMs: 30, webhookUrl: `http://127.0.0.1:${(swallow.address() as AddressInfo).port}/` });
    site = await VisitorSite.of(app);
    await site.setRules({ allowedTypes: ['video/*'], maxFileSizeBytes: 1_000_000 });
  });
  afterEach(async () => {
    await app?.close();
    await new Promise((resolve) => swallow.close(resolve));
  });

  it("deletes, on the owner's next look at the inbox, the extra and oversized files nobody recorded", async () => {
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const bytes = mp4();
    const first = (await site.session(token, ticket, video(bytes.length))).session as Session;
    const second = (await site.session(token, ticket, video(bytes.length))).session as Session;
    const big = (await site.session(token, ticket, video(67, 'big.mp4'))).session as Session;
    const kept = await site.send(first, bytes);
    await site.send(second, bytes);
    await site.send(big, mp4(3_000_000), 'big.mp4', { deferLength: true });
    await waitForEventsHandled(app);
    expect(await site.mediaFiles()).toHaveLength(3);

    const [submission] = await site.inbox();
    expect((await site.mediaFiles()).map((file) => file.id)).toEqual([kept]);
    expect(submission?.files).toEqual([
      expect.objectContaining({ name: 'film.mp4', fileId: kept, status: 'READY' }),
      expect.objectContaining({ name: 'big.mp4', status: 'REJECTED' }),
    ]);
  });
  it("deletes them on a visitor's call once a new sweep period begins, without the owner", async () => {
    const token = await site.visitor();
    const ticket = await site.ticket(token);
    const bytes = mp4();
    const first = (await site.session(token, ticket, video(bytes.length))).session as Session;
    const second = (await site.session(token, ticket, video(bytes.length))).session as Session;
    await site.send(first, bytes);
    await site.send(second, bytes);
    await waitForEventsHandled(app);
    expect(await site.mediaFiles()).toHaveLength(2);
    // A new period: its turn is not taken yet (the owner removes the turns taken, as time would leave them behind).
    for (const turn of await site.dataItems(VISITOR_CLAIMS.id, { scope: 'sweep' })) {
      const removed = await requestJson(`${app.url}/wix-data/v2/items/remove`, {
        token: site.owner,
        body: { dataCollectionId: VISITOR_CLAIMS.id, dataItemId: turn._id },
      });
      expect(removed.status).toBe(200);
    }
    await site.start(await site.visitor());
    expect(await site.mediaFiles()).toHaveLength(1);
  });
});
