import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/local-app.js';
import { callWebMethod, requestJson } from '../support/wix-http.js';
import { uploadSmallFile } from '../support/upload-session.js';
import { PRODUCTION_ERROR_MESSAGE } from '../../local/app-runtime/web-methods.js';
import { EXISTING_FILES_LIMITS, type FindExistingFilesResult } from '../../src/shared/upload-methods.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

/** findExistingFiles against the local Wix: name and size in the destination folder, one listing per folder, paged. */
describe('findExistingFiles', () => {
  let app: App;
  let owner: string;
  /** The List Files requests the local Wix received: the folder and whether it was a later page. */
  const listings: Array<{ folder: string; later: boolean }> = [];
  const upload = (name: string, bytes: Buffer, filePath?: string) =>
    uploadSmallFile(app.url, owner, { name, mimeType: 'text/plain', bytes, filePath });
  const find = (...args: unknown[]) => callWebMethod<FindExistingFilesResult>(app.url, owner, 'findExistingFiles', ...args);

  beforeAll(async () => {
    app = await startTestApp();
    owner = await app.issueToken('USER');
    app.wix.router.guard('/site-media/v1/files', (req) => {
      const url = new URL(req.url ?? '/', 'http://local');
      if (req.method === 'GET' && url.pathname === '/site-media/v1/files') {
        listings.push({ folder: url.searchParams.get('parentFolderId') ?? '', later: url.searchParams.has('paging.cursor') });
      }
      return false;
    });
  });
  afterAll(() => app.close());

  it('names the files of that name and size in each destination, listing each folder once, with a folder not there yet holding none', async () => {
    const report = await upload('report.txt', Buffer.from('twelve bytes'), '/clients/2026');
    await upload('other.txt', Buffer.from('x'), '/clients/2026');
    await upload('report.txt', Buffer.from('at the top'));
    const foldersBefore = await requestJson<{ folders: unknown[] }>(`${app.url}/site-media/v1/folders?parentFolderId=media-root`, {
      token: owner,
      method: 'GET',
    });
    listings.length = 0;

    const { body } = await find([
      {
        filePath: '/clients/2026',
        files: [
          { displayName: 'report.txt', sizeInBytes: '12' },
          { displayName: 'report.txt', sizeInBytes: '13' },
          { displayName: 'new.txt', sizeInBytes: '12' },
        ],
      },
      { filePath: 'clients/2026/', files: [{ displayName: 'other.txt', sizeInBytes: '1' }] },
      { files: [{ displayName: 'report.txt', sizeInBytes: '12' }] },
      { filePath: '/clients/2027/raw', files: [{ displayName: 'report.txt', sizeInBytes: '12' }] },
      { parentFolderId: 'no-such-folder', files: [{ displayName: 'report.txt', sizeInBytes: '12' }] },
    ]);
    expect(body.result).toMatchObject({ ok: true });
    if (!body.result.ok) return;
    const [clients, same, top, notThere, unknownParent] = body.result.folders;
    expect(clients).toEqual({
      exists: true,
      listedAll: true,
      existing: [{ fileId: report.id, displayName: 'report.txt', sizeInBytes: '12', createdDate: report.createdDate }],
    });
    expect(same?.existing.map((file) => file.displayName)).toEqual(['other.txt']);
    expect(top).toEqual({ exists: true, listedAll: true, existing: [] });
    expect(notThere).toEqual({ exists: false, listedAll: true, existing: [] });
    expect(unknownParent).toEqual({ exists: false, listedAll: true, existing: [] });
    // One listing per destination folder: clients/2026 once though asked twice, the top level, the
    // unknown parent (not found); none for clients/2027/raw, whose walk stops at a missing folder.
    expect(
      listings.map((listing) => listing.folder).filter((folder) => folder !== 'media-root' && folder !== 'no-such-folder'),
    ).toHaveLength(1);
    expect(listings).toHaveLength(3);
    const foldersAfter = await requestJson<{ folders: unknown[] }>(`${app.url}/site-media/v1/folders?parentFolderId=media-root`, {
      token: owner,
      method: 'GET',
    });
    expect(foldersAfter.body.folders).toHaveLength(foldersBefore.body.folders.length);
  });

  it('pages through a folder of more than one page, and a file in the trash is not there', async () => {
    const names = Array.from({ length: 105 }, (_, index) => `frame-${String(index).padStart(3, '0')}.txt`);
    for (let start = 0; start < names.length; start += 15) {
      await Promise.all(names.slice(start, start + 15).map((name) => upload(name, Buffer.from(name), '/shoot')));
    }
    const trashed = await upload('trashed.txt', Buffer.from('gone'), '/shoot');
    const deleted = await requestJson(`${app.url}/site-media/v1/bulk/files/delete`, { token: owner, body: { fileIds: [trashed.id] } });
    expect(deleted.status).toBe(200);
    listings.length = 0;

    const { body } = await find([
      {
        filePath: '/shoot',
        files: [
          { displayName: 'frame-000.txt', sizeInBytes: String('frame-000.txt'.length) },
          { displayName: 'frame-104.txt', sizeInBytes: String('frame-104.txt'.length) },
          { displayName: 'trashed.txt', sizeInBytes: '4' },
        ],
      },
    ]);
    expect(body.result.ok && body.result.folders[0]?.existing.map((file) => file.displayName).sort()).toEqual([
      'frame-000.txt',
      'frame-104.txt',
    ]);
    // 105 files at 100 a page: two requests, one listing.
    expect(listings).toHaveLength(2);
    expect(listings.filter((listing) => listing.later)).toHaveLength(1);
  });

  it('answers for a folder as deep as the page makes them (40 levels, 350 characters): the tree rule of createFolderPath, not filePath’s 100 characters', async () => {
    const deep = Array.from({ length: 40 }, (_, level) => `level-${level + 1}`).join('/');
    expect(deep.length).toBeGreaterThan(100);
    const { body } = await find([{ filePath: deep, files: [{ displayName: 'a.txt', sizeInBytes: '1' }] }]);
    expect(body.result).toMatchObject({ ok: true, folders: [{ existing: [] }] });
  });

  it('refuses bad requests naming the field: paths that climb, long names, sizes, too many folders or files', async () => {
    const refusals = [
      [[{ filePath: '/clients/../secrets', files: [] }], 'folders[0].filePath'],
      [[{ files: [{ displayName: 'a'.repeat(300), sizeInBytes: '1' }] }], 'folders[0].files[0].displayName'],
      [[{ files: [{ displayName: 'a.txt', sizeInBytes: '-1' }] }], 'folders[0].files[0].sizeInBytes'],
      [[{ filePath: `/${'x'.repeat(1001)}`, files: [] }], 'folders[0].filePath'],
      [[{ filePath: Array.from({ length: 101 }, (_, level) => `l${level}`).join('/'), files: [] }], 'folders[0].filePath'],
      [[{ parentFolderId: 42, files: [] }], 'folders[0].parentFolderId'],
      [[{ files: 'all' }], 'folders[0].files'],
      ['not a list', 'folders'],
      [Array.from({ length: EXISTING_FILES_LIMITS.foldersPerCall + 1 }, () => ({ files: [] })), 'folders'],
      [
        [{ files: Array.from({ length: EXISTING_FILES_LIMITS.filesPerCall + 1 }, () => ({ displayName: 'a.txt', sizeInBytes: '1' })) }],
        'folders',
      ],
    ] as const;
    for (const [argument, field] of refusals) {
      const { status, body } = await find(argument);
      expect(status).toBe(200);
      expect(body.result).toMatchObject({ ok: false, code: 'INVALID_REQUEST', violations: [expect.objectContaining({ field })] });
    }
  });

  it('is the owner’s only: a visitor, a member or no session is refused, over the web method and the HTTP endpoint', async () => {
    for (const token of [await app.issueToken('VISITOR'), await app.issueToken('MEMBER'), undefined]) {
      const refused = await requestJson(`${app.url}/_webMethods/src/backend/uploads.web.ts/findExistingFiles.ajax`, {
        token,
        body: [[{ files: [{ displayName: 'report.txt', sizeInBytes: '12' }] }]],
      });
      expect(refused.body).toEqual({ exception: true, result: expect.objectContaining({ message: PRODUCTION_ERROR_MESSAGE }) });
    }
    const visitor = await requestJson(`${app.url}/_api/uploads/findExistingFiles`, {
      token: await app.issueToken('VISITOR'),
      body: [[{ files: [] }]],
    });
    expect(visitor.status).toBe(403);
  });
});
