import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/local-app.js';
import { callWebModule, requestJson } from '../support/wix-http.js';
import { createTusUpload } from '../support/upload-session.js';
import { waitForEventsHandled } from '../support/events.js';
import { DEFAULT_VISITOR_UPLOAD_RULES, type VisitorUploadRules } from '../../src/policies/visitor-rules-policy.js';
import { VISITOR_SUBMISSIONS } from '../../src/backend/data-collections.js';

const MODULE = 'src/backend/visitor-uploads.web.ts';
type App = Awaited<ReturnType<typeof startTestApp>>;
type Result = Record<string, unknown> & { ok?: boolean; reason?: string; code?: string };

const RULES: VisitorUploadRules = {
  ...DEFAULT_VISITOR_UPLOAD_RULES,
  enabled: true,
  allowedTypes: ['video/*', 'application/pdf'],
  maxFileSizeBytes: 4096,
  maxFilesPerSubmission: 3,
  maxFilesPerVisitorPerDay: 4,
  maxFilesPerDay: 6,
};

const DETAILS = { name: 'Ana', email: 'ana@example.com', message: 'Our wedding film' };

/** A minimal MP4 header: enough for the Media Manager's content check to call it a video. */
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(12)]);

describe('visitor uploads: every rule checked on the server', () => {
  let app: App;
  let owner: string;
  const call = async (token: string, method: string, ...args: unknown[]) => {
    const { status, body } = await callWebModule<Result>(app.url, token, MODULE, method, ...args);
    expect(status).toBeLessThan(500);
    return body;
  };
  const visitor = () => app.issueToken('VISITOR');
  const setRules = async (rules: Partial<VisitorUploadRules>) => {
    const saved = await call(owner, 'saveVisitorUploadRules', { ...RULES, ...rules });
    expect(saved.result.ok).toBe(true);
  };
  const start = async (token: string) => (await call(token, 'startVisitorSubmission', DETAILS)).result;
  const session = async (token: string, ticket: Result, request: Record<string, unknown>) =>
    (await call(token, 'createVisitorUploadSession', { submissionId: ticket.submissionId, secret: ticket.secret, request })).result;
  const video = (size = 1000, fileName = 'film.mp4') => ({ mimeType: 'video/mp4', fileName, sizeInBytes: String(size) });

  /** Sends bytes for a session and finalizes it; returns the file id. */
  async function upload(sessionResult: Result, bytes: Buffer, fileName = 'film.mp4'): Promise<string> {
    const { uploadUrl, uploadToken } = sessionResult.session as { uploadUrl: string; uploadToken: string };
    const created = await createTusUpload(
      uploadUrl,
      bytes.length,
      { filename: fileName, contentType: 'video/mp4', token: uploadToken },
      bytes,
    );
    expect(created.status).toBe(201);
    const finalized = await requestJson<{ file: { id: string } }>(`${uploadUrl}/${uploadToken}?filename=${encodeURIComponent(fileName)}`, {
      method: 'PUT',
    });
    expect(finalized.status).toBe(200);
    return finalized.body.file.id;
  }

  // A site of its own for each test: the day's counts are the test's own.
  beforeEach(async () => {
    app = await startTestApp({ processingDelayMs: 50 });
    owner = await app.issueToken('USER');
    await setRules({});
  });
  afterEach(() => app?.close());

  it('refuses everything while uploads are off, which they are until the owner turns them on', async () => {
    await setRules({ enabled: false });
    expect(await start(await visitor())).toMatchObject({ ok: false, code: 'DISABLED' });
    expect((await call(await visitor(), 'getVisitorUploadTerms')).result).toMatchObject({ enabled: false });
  });

  it('lets only the owner read and change the rules, and names what is wrong in them', async () => {
    const bad = await call(owner, 'saveVisitorUploadRules', { ...RULES, maxFileSizeBytes: -1, allowedTypes: ['not a type'] });
    expect(bad.result).toMatchObject({ ok: false });
    expect((bad.result.violations as Array<{ field: string }>).map((v) => v.field)).toEqual(['allowedTypes[0]', 'maxFileSizeBytes']);
    // An Admin web method called by a visitor throws, answered as Wix answers a thrown error.
    const asVisitor = await callWebModule(app.url, await visitor(), MODULE, 'saveVisitorUploadRules', { ...RULES, maxFilesPerDay: 99_999 });
    expect(asVisitor.body.exception).toBe(true);
    expect((await callWebModule(app.url, await visitor(), MODULE, 'listVisitorSubmissions')).body.exception).toBe(true);
    expect((await call(owner, 'getVisitorUploadRules')).result).toMatchObject({ maxFilesPerDay: RULES.maxFilesPerDay });
    // Nor through Wix Data directly: the collection is privileged-only.
    const direct = await requestJson(`${app.url}/wix-data/v2/items/query`, {
      token: await visitor(),
      body: { dataCollectionId: VISITOR_SUBMISSIONS.id, query: {} },
    });
    expect(direct.status).toBe(403);
  });

  it('checks the details: a missing e-mail is named', async () => {
    const refused = (await call(await visitor(), 'startVisitorSubmission', { ...DETAILS, email: 'not-an-email' })).result;
    expect(refused).toMatchObject({ ok: false, reason: 'The email must be an e-mail address.' });
  });

  it('admits only members when the owner says so', async () => {
    await setRules({ audience: 'MEMBERS' });
    expect(await start(await visitor())).toMatchObject({ ok: false, code: 'MEMBERS_ONLY' });
    expect(await start(await app.issueToken('MEMBER'))).toMatchObject({ ok: true });
  });

  it('tells a visitor, with the terms, that members only may send before any form is filled; not a member', async () => {
    await setRules({ audience: 'MEMBERS' });
    expect((await call(await visitor(), 'getVisitorUploadTerms')).result).toMatchObject({ audience: 'MEMBERS', loginNeeded: true });
    expect((await call(await app.issueToken('MEMBER'), 'getVisitorUploadTerms')).result).toMatchObject({ loginNeeded: false });
    await setRules({ audience: 'ANYONE' });
    expect((await call(await visitor(), 'getVisitorUploadTerms')).result).toMatchObject({ loginNeeded: false });
  });

  it('checks type and size at and over their bounds before issuing a URL', async () => {
    const token = await visitor();
    const ticket = await start(token);
    expect(await session(token, ticket, video(4096))).toMatchObject({ ok: true });
    expect(await session(token, ticket, video(4097, 'big.mp4'))).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(await session(token, ticket, { mimeType: 'application/zip', fileName: 'a.zip', sizeInBytes: '10' })).toMatchObject({
      ok: false,
      code: 'NOT_ALLOWED',
      reason: expect.stringContaining('application/zip'),
    });
    expect(await session(token, ticket, { mimeType: 'application/pdf', fileName: 'brief.pdf', sizeInBytes: '10' })).toMatchObject({
      ok: true,
    });
  });

  it("issues the first files' upload URLs with the submission, each under the same rules as one asked alone", async () => {
    const token = await visitor();
    const bytes = Buffer.concat([MP4, Buffer.alloc(600, 1)]);
    const started = await call(token, 'startVisitorSubmission', DETAILS, [video(bytes.length, 'a.mp4'), video(5000, 'big.mp4')]);
    expect(started.result).toMatchObject({ ok: true, submissionId: expect.any(String), secret: expect.any(String) });
    const [first, second] = started.result.sessions as [Result, Result];
    expect(first).toMatchObject({ ok: true, session: { uploadUrl: expect.any(String), uploadToken: expect.any(String) } });
    expect(second).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    // The URL is the submission's: the same file asked again keeps its place, and the file arrives in the submission.
    expect(await session(token, started.result, video(bytes.length, 'a.mp4'))).toMatchObject({ ok: true });
    const fileId = await upload(first, bytes, 'a.mp4');
    const recorded = await call(token, 'recordVisitorUpload', {
      submissionId: started.result.submissionId,
      secret: started.result.secret,
      upload: { fileId },
    });
    expect(recorded.result).toMatchObject({ ok: true });
  });

  it('starts no submission when the files asked with it are not a list of at most two', async () => {
    const token = await visitor();
    for (const firstFiles of ['film.mp4', { fileName: 'film.mp4' }, [video(), video(), video()]]) {
      const refused = await call(token, 'startVisitorSubmission', DETAILS, firstFiles);
      expect(refused.result, JSON.stringify(firstFiles)).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    }
    const owners = await call(owner, 'listVisitorSubmissions');
    expect(owners.result).toEqual([]);
  });

  it('allows at most the files per submission; the same file asked again keeps its place', async () => {
    const token = await visitor();
    const ticket = await start(token);
    for (const name of ['a.mp4', 'b.mp4', 'c.mp4']) expect(await session(token, ticket, video(10, name))).toMatchObject({ ok: true });
    expect(await session(token, ticket, video(10, 'a.mp4'))).toMatchObject({ ok: true });
    expect(await session(token, ticket, video(10, 'd.mp4'))).toMatchObject({ ok: false, reason: 'At most 3 files can be sent at once.' });
  });

  it('limits each visitor per day, and everyone together, with when to try again', async () => {
    const first = await visitor();
    const ticket = await start(first);
    const second = await start(first);
    for (const name of ['a.mp4', 'b.mp4', 'c.mp4']) expect(await session(first, ticket, video(10, name))).toMatchObject({ ok: true });
    expect(await session(first, second, video(10, 'd.mp4'))).toMatchObject({ ok: true });
    const limited = await session(first, second, video(10, 'e.mp4'));
    expect(limited).toMatchObject({
      ok: false,
      code: 'RATE_LIMITED',
      reason: expect.stringMatching(/^You can send at most 4 files a day\. Try again in /),
    });
    // A day is a UTC day: the counts start again at midnight UTC.
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    expect(limited.retryAfterSeconds).toBeGreaterThanOrEqual(Math.floor((midnight.getTime() - Date.now()) / 1000) - 5);
    expect(limited.retryAfterSeconds).toBeLessThanOrEqual(Math.ceil((midnight.getTime() - Date.now()) / 1000) + 5);
    expect(await start(first)).toMatchObject({ ok: false, code: 'RATE_LIMITED' });

    const other = await visitor();
    const theirs = await start(other);
    expect(await session(other, theirs, video(10, 'f.mp4'))).toMatchObject({ ok: true });
    expect(await session(other, theirs, video(10, 'g.mp4'))).toMatchObject({ ok: true });
    expect(await session(other, theirs, video(10, 'h.mp4'))).toMatchObject({
      ok: false,
      code: 'RATE_LIMITED',
      reason: expect.stringMatching(/^This site has received all the files it accepts today\./),
    });
  });

  it('lets nobody else continue or read a submission: another visitor, or a wrong secret', async () => {
    const owner1 = await visitor();
    const ticket = await start(owner1);
    const intruder = await visitor();
    expect(await session(intruder, ticket, video())).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(await session(owner1, { ...ticket, secret: 'guess' }, video())).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    const status = await call(intruder, 'getVisitorUploadStatus', {
      submissionId: ticket.submissionId,
      secret: ticket.secret,
      fileIds: ['x'],
    });
    expect(status.result).toMatchObject({ ok: false, code: 'NOT_YOURS' });
  });

  it('takes a file to READY, private, in visitor-uploads/<submission>, and the owner sees it with the message', async () => {
    const token = await visitor();
    const ticket = await start(token);
    const bytes = Buffer.concat([MP4, Buffer.alloc(1000 - MP4.length, 1)]);
    const fileId = await upload(await session(token, ticket, video(bytes.length)), bytes);
    const recorded = await call(token, 'recordVisitorUpload', { ...ticket, upload: { fileId } });
    expect(recorded.result).toMatchObject({ ok: true, report: { fileId, private: true } });

    const descriptor = await requestJson<{ file: { parentFolderId: string; private: boolean } }>(
      `${app.url}/site-media/v1/files/get-file-by-id?fileId=${encodeURIComponent(fileId)}`,
      { token: owner },
    );
    expect(descriptor.body.file.private).toBe(true);
    const folder = await requestJson<{ folder: { displayName: string; parentFolderId: string } }>(
      `${app.url}/site-media/v1/folders/${descriptor.body.file.parentFolderId}`,
      { token: owner },
    );
    expect(folder.body.folder).toMatchObject({ displayName: ticket.submissionId, parentFolderId: 'visitor-uploads' });

    await expect
      .poll(async () => {
        const status = await call(token, 'getVisitorUploadStatus', { ...ticket, fileIds: [fileId] });
        return (status.result.reports as Array<{ status: string }>)[0]?.status;
      })
      .toBe('READY');
    const inbox = (await call(owner, 'listVisitorSubmissions')).result as unknown as Array<Record<string, unknown>>;
    expect(inbox[0]).toMatchObject({
      ...DETAILS,
      id: ticket.submissionId,
      handled: false,
      files: [expect.objectContaining({ fileId, status: 'READY' })],
    });
  });

  it('keeps every file of a submission when they are announced and recorded at the same time', async () => {
    const token = await visitor();
    const ticket = await start(token);
    const bytes = Buffer.concat([MP4, Buffer.alloc(600, 1)]);
    const names = ['a.mp4', 'b.mp4', 'c.mp4'];
    const sessions = await Promise.all(names.map((name) => session(token, ticket, video(bytes.length, name))));
    const fileIds = await Promise.all(sessions.map((granted, index) => upload(granted, bytes, names[index])));
    const recorded = await Promise.all(fileIds.map((fileId) => call(token, 'recordVisitorUpload', { ...ticket, upload: { fileId } })));
    expect(recorded.map((answer) => answer.result.ok)).toEqual([true, true, true]);
    const inbox = (await call(owner, 'listVisitorSubmissions')).result as unknown as Array<{
      files: Array<{ name: string; fileId: string }>;
    }>;
    expect(inbox[0]?.files.map((file) => file.name).sort()).toEqual(names);
    expect(inbox[0]?.files.map((file) => file.fileId).sort()).toEqual([...fileIds].sort());
  });

  it('removes a file bigger than announced when it is recorded: Wix does not hold an upload to the size given, the app checks what arrived', async () => {
    const token = await visitor();
    const ticket = await start(token);
    const fileId = await upload(await session(token, ticket, video(1000)), Buffer.concat([MP4, Buffer.alloc(2000)]));
    const recorded = await call(token, 'recordVisitorUpload', { ...ticket, upload: { fileId } });
    expect(recorded.result).toMatchObject({
      ok: false,
      code: 'NOT_ALLOWED',
      reason: expect.stringContaining('is not the size announced (1000 bytes)'),
    });
    const gone = await requestJson(`${app.url}/site-media/v1/files/get-file-by-id?fileId=${encodeURIComponent(fileId)}`, { token: owner });
    expect(gone.status).toBe(404);
  });

  it('removes from the Media Manager a file whose content is not an accepted kind, and says why', async () => {
    await setRules({ allowedTypes: ['video/*'] });
    const token = await visitor();
    const ticket = await start(token);
    // Declared a video, the bytes are a PNG image.
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108020000009077533de', 'hex');
    const fileId = await upload(await session(token, ticket, video(png.length)), png);
    // The kind is checked once the Media Manager has processed the file (here its File Failed event).
    await waitForEventsHandled(app);
    const recorded = await call(token, 'recordVisitorUpload', { ...ticket, upload: { fileId } });
    expect(recorded.result).toMatchObject({
      ok: false,
      code: 'NOT_ALLOWED',
      reason: "The file's content (image) is not a type accepted here.",
    });
    const gone = await requestJson(`${app.url}/site-media/v1/files/get-file-by-id?fileId=${encodeURIComponent(fileId)}`, { token: owner });
    expect(gone.status).toBe(404);
    const inbox = (await call(owner, 'listVisitorSubmissions')).result as unknown as Array<{ files: Array<{ status: string }> }>;
    expect(inbox[0]?.files[0]).toMatchObject({ status: 'REJECTED' });
  });

  it('checks the real size again after the upload: rules tightened meanwhile remove the file', async () => {
    const token = await visitor();
    const ticket = await start(token);
    const bytes = Buffer.concat([MP4, Buffer.alloc(3000 - MP4.length, 1)]);
    const granted = await session(token, ticket, video(bytes.length));
    await setRules({ maxFileSizeBytes: 2048 });
    const fileId = await upload(granted, bytes);
    const recorded = await call(token, 'recordVisitorUpload', { ...ticket, upload: { fileId } });
    expect(recorded.result).toMatchObject({ ok: false, code: 'NOT_ALLOWED', reason: expect.stringContaining('larger than') });
    const gone = await requestJson(`${app.url}/site-media/v1/files/get-file-by-id?fileId=${encodeURIComponent(fileId)}`, { token: owner });
    expect(gone.status).toBe(404);
  });

  it("refuses to record another visitor's file as one's own", async () => {
    const alice = await visitor();
    const aliceTicket = await start(alice);
    const bytes = Buffer.concat([MP4, Buffer.alloc(500, 1)]);
    const fileId = await upload(await session(alice, aliceTicket, video(bytes.length)), bytes);
    const bob = await visitor();
    const bobTicket = await start(bob);
    await session(bob, bobTicket, video(bytes.length));
    const claimed = await call(bob, 'recordVisitorUpload', { ...bobTicket, upload: { fileId } });
    expect(claimed.result).toMatchObject({ ok: false, code: 'NOT_YOURS' });
  });

  it('answers hostile arguments with refusals, never a 5xx', async () => {
    const token = await visitor();
    for (const args of [[], [null], ['x'], [{ submissionId: 5 }], [{ submissionId: 'a'.repeat(10_000), secret: 'b' }]]) {
      for (const method of ['startVisitorSubmission', 'createVisitorUploadSession', 'recordVisitorUpload', 'getVisitorUploadStatus']) {
        const { status, body } = await callWebModule<Result>(app.url, token, MODULE, method, ...args);
        expect(status, `${method} ${JSON.stringify(args).slice(0, 40)}`).toBe(200);
        expect(body.result.ok).toBe(false);
      }
    }
  });
});
