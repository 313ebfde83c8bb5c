import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp } from '../support/local-app.js';
import { callWebMethod, requestJson } from '../support/wix-http.js';
import { PRODUCTION_ERROR_MESSAGE } from '../../local/app-runtime/web-methods.js';
import crypto from 'node:crypto';
import type {
  CreateUploadSessionResult,
  DiscardCopyResult,
  FindUploadResult,
  FileDownloadLink,
  ListFoldersResult,
  ServerFinalizeAnswer,
  UploadStatusResult,
} from '../../src/shared/upload-methods.js';
import { generateUploadUrl, uploadSmallFile } from '../support/upload-session.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

describe('web methods in the local Wix runtime', () => {
  let app: App;
  let owner: string;
  beforeAll(async () => {
    app = await startTestApp();
    owner = await app.issueToken('USER');
  });
  afterAll(() => app.close());

  it('refuses a visitor, a member and a caller without a session, as an exception whose reason is withheld', async () => {
    const tokens = [await app.issueToken('VISITOR'), await app.issueToken('MEMBER'), undefined];
    for (const token of tokens) {
      const refused = await requestJson(`${app.url}/_webMethods/src/backend/uploads.web.ts/createUploadSession.ajax`, {
        token,
        body: [{ mimeType: 'image/png' }],
      });
      expect(refused.status).toBe(200);
      expect(refused.body).toEqual({ exception: true, result: expect.objectContaining({ message: PRODUCTION_ERROR_MESSAGE }) });
    }
  });

  it('answers an unknown file or method as an exception, and a body that is not an argument list with 400', async () => {
    const unknownFile = await requestJson(`${app.url}/_webMethods/src/backend/nope.web.ts/x.ajax`, { token: owner, body: [] });
    expect(unknownFile.body).toMatchObject({ exception: true });
    expect((await callWebMethod(app.url, owner, 'notAMethod')).body).toMatchObject({ exception: true });
    const notAList = await fetch(`${app.url}/_webMethods/src/backend/uploads.web.ts/listFolders.ajax`, {
      method: 'POST',
      headers: { Authorization: owner, 'Content-Type': 'application/json' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(notAList.status).toBe(400);
    expect(await notAList.text()).toBe('invalid request');
  });

  it('returns the reasons a request is refused before calling Wix', async () => {
    const { status, body } = await callWebMethod<CreateUploadSessionResult>(app.url, owner, 'createUploadSession', {
      mimeType: 'image/png',
      fileName: 'x'.repeat(256),
      labels: ['ok', 'y'.repeat(201)],
    });
    expect(status).toBe(200);
    expect(body.result).toEqual({
      ok: false,
      code: 'INVALID_REQUEST',
      reason: 'The file name must be at most 255 characters long (got 256). Label 2 must be at most 200 characters long (got 201).',
      violations: [
        expect.objectContaining({ field: 'fileName', violatedRule: 'MAX_LENGTH' }),
        expect.objectContaining({ field: 'labels[1]', violatedRule: 'MAX_LENGTH' }),
      ],
    });
  });

  it("keeps the app's own rules on names, which Wix does not document (the local Wix accepts these): control and text-direction characters, '..' folders", async () => {
    const { body } = await callWebMethod<CreateUploadSessionResult>(app.url, owner, 'createUploadSession', {
      mimeType: 'video/mp4',
      fileName: 'invoice\u202efdp.exe',
      filePath: '/clients/../secrets',
      labels: ['a\u0000b'],
    });
    expect(body.result).toEqual({
      ok: false,
      code: 'INVALID_REQUEST',
      reason: expect.stringContaining('The file name must not contain control or text-direction characters (found U+202E).'),
      violations: [
        expect.objectContaining({ field: 'fileName', violatedRule: 'FORMAT' }),
        expect.objectContaining({ field: 'filePath', violatedRule: 'FORMAT' }),
        expect.objectContaining({ field: 'labels[0]', violatedRule: 'FORMAT' }),
      ],
    });
  });

  it('turns Wix refusing an unknown folder into a reason', async () => {
    const { body } = await callWebMethod<CreateUploadSessionResult>(app.url, owner, 'createUploadSession', {
      mimeType: 'image/png',
      parentFolderId: 'no-such-folder',
    });
    expect(body.result).toEqual({
      ok: false,
      code: 'INVALID_REQUEST',
      reason: 'The destination folder id does not exist in the Media Manager.',
      violations: [expect.objectContaining({ field: 'parentFolderId' })],
    });
  });

  it('lists the Media Manager folders for the picker', async () => {
    for (const displayName of ['Videos', 'Print files']) {
      await requestJson(`${app.url}/site-media/v1/folders`, { token: owner, body: { displayName } });
    }
    const { body } = await callWebMethod<ListFoldersResult>(app.url, owner, 'listFolders');
    if (!body.result.ok) throw new Error(body.result.reason);
    expect(body.result.folders.map((folder) => folder.displayName)).toEqual(['Print files', 'Videos']);
    expect(body.result.folders[0]).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{32}$/), parentFolderId: 'media-root' });
  });

  it('hands out a temporary link to a private file, and says why there is none for an unknown file', async () => {
    const bytes = Buffer.from('for the owner only');
    const file = await uploadSmallFile(app.url, owner, { name: 'secret.txt', mimeType: 'text/plain', bytes, private: true });
    expect((await fetch(String(file.url))).status).toBe(403);
    const { body } = await callWebMethod<FileDownloadLink>(app.url, owner, 'getFileDownloadUrl', file.id);
    if (!body.result.ok) throw new Error(body.result.reason);
    expect(Date.parse(body.result.expiresAt)).toBeGreaterThan(Date.now());
    expect(Buffer.from(await (await fetch(body.result.url)).arrayBuffer()).equals(bytes)).toBe(true);

    const unknown = await callWebMethod<FileDownloadLink>(app.url, owner, 'getFileDownloadUrl', 'nope~mv2.txt');
    expect(unknown.body.result).toEqual({ ok: false, code: 'NOT_FOUND', reason: 'The file is no longer in the Media Manager' });
    const malformed = await callWebMethod<FileDownloadLink>(app.url, owner, 'getFileDownloadUrl', { not: 'an id' });
    expect(malformed.body.result).toEqual({ ok: false, code: 'INVALID_REQUEST', reason: 'The file id is not valid' });
  });

  it('removes a copy that arrived unlike the chosen file only when it sees it differ too, for good', async () => {
    const bytes = Buffer.from('twelve bytes');
    const md5 = crypto.createHash('md5').update(bytes).digest('hex');
    const upload = (name: string) => uploadSmallFile(app.url, owner, { name, mimeType: 'text/plain', bytes });
    const exists = async (fileId: unknown) =>
      (await requestJson(`${app.url}/site-media/v1/files/get-file-by-id?fileId=${encodeURIComponent(String(fileId))}`, { token: owner }))
        .status === 200;
    const discard = async (fileId: unknown, expected: unknown) =>
      (await callWebMethod<DiscardCopyResult>(app.url, owner, 'discardArrivedCopy', fileId, expected)).body.result;

    const same = await upload('same.txt');
    expect(await discard(same.id, { sizeInBytes: '12', md5 })).toEqual({
      ok: false,
      code: 'NOT_ALLOWED',
      reason: 'The file in the Media Manager is the one expected: it was kept',
    });
    expect(await exists(same.id)).toBe(true);
    const shorter = await upload('other-size.txt');
    expect(await discard(shorter.id, { sizeInBytes: '13' })).toEqual({ ok: true });
    expect(await exists(shorter.id)).toBe(false);
    const otherMd5 = await upload('other-md5.txt');
    expect(await discard(otherMd5.id, { sizeInBytes: '12', md5: '0'.repeat(32) })).toEqual({ ok: true });
    expect(await exists(otherMd5.id)).toBe(false);
    expect(await discard('gone~mv2.txt', { sizeInBytes: '1' })).toEqual({ ok: true });
    expect(await discard(same.id, { sizeInBytes: 'twelve' })).toMatchObject({ ok: false });
    expect(await discard(same.id, { sizeInBytes: '1', md5: '../etc' })).toMatchObject({ ok: false });
    const visitor = await callWebMethod(app.url, await app.issueToken('VISITOR'), 'discardArrivedCopy', same.id, { sizeInBytes: '1' });
    expect(visitor.body).toMatchObject({ exception: true });
    expect(await exists(same.id)).toBe(true);
  });

  it('finds the one unrecorded file of a name and size made since a session, for a finalize whose answer was lost', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const find = async (lost: unknown) => (await callWebMethod<FindUploadResult>(app.url, owner, 'findUploadedFile', lost)).body.result;
    const lost = (name: string) => ({ displayName: name, sizeInBytes: '4', since, private: false });
    const made = await uploadSmallFile(app.url, owner, { name: 'lost-answer.txt', mimeType: 'text/plain', bytes: Buffer.from('lost') });
    expect(await find(lost('lost-answer.txt'))).toEqual({ ok: true, fileId: made.id, candidates: 1 });
    // Made before the session began, or of another size: not it.
    expect(await find({ ...lost('lost-answer.txt'), since: new Date(Date.now() + 60_000).toISOString() })).toEqual({
      ok: true,
      candidates: 0,
    });
    expect(await find({ ...lost('lost-answer.txt'), sizeInBytes: '5' })).toEqual({ ok: true, candidates: 0 });
    // A file the log holds is another upload's.
    await callWebMethod(app.url, owner, 'recordUpload', {
      fileId: made.id,
      displayName: 'lost-answer.txt',
      sizeInBytes: '4',
      mimeType: 'text/plain',
    });
    expect(await find(lost('lost-answer.txt'))).toEqual({ ok: true, candidates: 0 });
    // Two that fit: none is named.
    await uploadSmallFile(app.url, owner, { name: 'twice.txt', mimeType: 'text/plain', bytes: Buffer.from('one!') });
    await uploadSmallFile(app.url, owner, { name: 'twice.txt', mimeType: 'text/plain', bytes: Buffer.from('two!') });
    expect(await find(lost('twice.txt'))).toEqual({ ok: true, candidates: 2 });
    expect(await find({ displayName: 'x', sizeInBytes: 'many', since })).toMatchObject({ ok: false });
  });

  it('sends a finalize from the server only to the Wix upload host, never to an address a caller names', async () => {
    for (const uploadUrl of [
      'https://attacker.example/upload/tus',
      'http://127.0.0.1:9/upload/tus',
      `${app.url}/site-media/v1/files`,
      'not a url',
    ]) {
      const { body } = await callWebMethod<ServerFinalizeAnswer>(
        app.url,
        owner,
        'finalizeUploadFromServer',
        { uploadUrl, uploadToken: 't' },
        'a.bin',
      );
      expect(body.result, uploadUrl).toEqual({ ok: false, code: 'INVALID_REQUEST', reason: 'The upload URL is not a Wix upload URL' });
    }
    const generated = await generateUploadUrl(app.url, owner, { mimeType: 'text/plain', fileName: 'early.txt' });
    const { body } = await callWebMethod<ServerFinalizeAnswer>(app.url, owner, 'finalizeUploadFromServer', generated, 'early.txt');
    expect(body.result).toMatchObject({ ok: true, status: 409 });
  });

  it('checks the name of a finalize sent from the server, and of a lost upload looked for, by the whole name rule (not its length only)', async () => {
    const generated = await generateUploadUrl(app.url, owner, { mimeType: 'text/plain', fileName: 'plain.txt' });
    for (const [fileName, violatedRule] of [
      ['invoice\u202efdp.exe', 'FORMAT'],
      ['   ', 'REQUIRED_FIELD'],
      ['n'.repeat(256), 'MAX_LENGTH'],
    ] as const) {
      const { body } = await callWebMethod<ServerFinalizeAnswer>(app.url, owner, 'finalizeUploadFromServer', generated, fileName);
      expect(body.result, fileName).toMatchObject({
        ok: false,
        code: 'INVALID_REQUEST',
        violations: [{ field: 'fileName', violatedRule }],
      });
    }
    const lost = { displayName: 'a\u0000b.txt', sizeInBytes: '1', since: new Date().toISOString() };
    const { body } = await callWebMethod<FindUploadResult>(app.url, owner, 'findUploadedFile', lost);
    expect(body.result).toMatchObject({
      ok: false,
      code: 'INVALID_REQUEST',
      violations: [{ field: 'displayName', violatedRule: 'FORMAT' }],
    });
  });

  it('answers bad arguments and unknown ids as refusals naming what is wrong, never as errors', async () => {
    const errors = vi.spyOn(console, 'error');
    const refusals: Array<[string, unknown[], string | RegExp]> = [
      ['recordUpload', [{}], 'fileId must be the id the finalize returned'],
      ['recordUpload', ['not an object'], 'recordUpload needs the finalized upload'],
      ['recordUpload', [{ fileId: 'nope~mv2.bin' }], 'The file is not in the Media Manager'],
      ['recordUpload', [{ fileId: 'x~mv2.bin', mimeType: 'm'.repeat(101) }], /mimeType must be text/],
      ['getUploadStatus', ['not a list'], 'fileIds must be a list of file ids'],
      ['getUploadStatus', [[42]], 'fileIds[0] is not a file id'],
      ['getUploadStatus', [Array.from({ length: 10_000 }, (_, index) => `f${index}`)], 'fileIds may hold at most 100 file ids (got 10000)'],
      ['listFolders', ['no-such-folder'], 'The folder does not exist in the Media Manager'],
      ['listFolders', [{ id: 1 }], 'parentFolderId is not a folder id'],
      ['createFolderPath', ['no-such-folder', '/a'], 'The folder does not exist in the Media Manager'],
      ['createFolderPath', [{ id: 1 }, '/a'], 'parentFolderId is not a folder id'],
      ['createFolderPath', [undefined, '/a/../b'], /must not contain "\." or "\.\." segments/],
      ['createFolderPath', [undefined, ['a']], /must be text/],
      ['createFolderPath', [undefined, '/'], 'filePath names no folder'],
      ['createFolderPath', [undefined, `/${'a/'.repeat(101)}`], /at most 100 folders \(got 101\)/],
      ['createFolderPath', [undefined, `/${'x'.repeat(1001)}`], /folder names of at most 1000 characters/],
    ];
    for (const [method, args, reason] of refusals) {
      const { status, body } = await callWebMethod<{ ok: boolean; reason: string }>(app.url, owner, method, ...args);
      expect(status, method).toBe(200);
      expect(body.exception, `${method} ${JSON.stringify(args).slice(0, 60)}`).toBeUndefined();
      expect(body.result.ok).toBe(false);
      expect(body.result.reason).toMatch(reason);
    }
    const unknown = await callWebMethod<UploadStatusResult>(app.url, owner, 'getUploadStatus', ['nope~mv2.bin']);
    expect(unknown.body.result).toEqual({ ok: true, reports: [], unknownFileIds: ['nope~mv2.bin'] });
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});
