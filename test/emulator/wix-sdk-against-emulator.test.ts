import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files, folders } from '@wix/media';
import { items } from '@wix/data';
import { createClient } from '@wix/sdk';
import { startTestApp } from '../support/local-app.js';
import { fetchThroughLocalWix, localTokenAuth } from '../../local/local-client.js';
import { createTusUpload, finalizeUpload } from '../support/upload-session.js';
import { makePng } from '../support/files.js';
import { waitFor } from '../support/wix-http.js';
import { PROJECT_DIR } from '../../local/server.js';
import { DATA_COLLECTIONS } from '../../src/backend/data-collections.js';
import type { DataCollectionDeclaration } from '../../src/shared/data-collection.js';

const NOTES: DataCollectionDeclaration = {
  id: '@sdk-test/app/notes',
  idSuffix: 'notes',
  displayName: 'Notes',
  fields: [{ key: 'title', displayName: 'Title', type: 'TEXT' }],
  permissions: { itemRead: 'ANYONE', itemInsert: 'PRIVILEGED', itemUpdate: 'PRIVILEGED', itemRemove: 'PRIVILEGED' },
};

type App = Awaited<ReturnType<typeof startTestApp>>;

/** The official SDK, pointed at the emulator only by its fetch: the shapes must be what it expects. */
describe('the Wix SDK against the local Wix', () => {
  let app: App;
  let wix: ReturnType<typeof createWix>;
  const createWix = (origin: string, token: string) =>
    createClient({ auth: localTokenAuth(token), fetch: fetchThroughLocalWix(origin), modules: { files, folders, items } });

  beforeAll(async () => {
    app = await startTestApp({}, { dir: PROJECT_DIR, collections: [...DATA_COLLECTIONS, NOTES] });
    wix = createWix(app.url, await app.issueToken('APP'));
  });
  afterAll(() => app.close());

  async function uploadPng(name: string, parentFolderId?: string): Promise<string> {
    const { uploadUrl, uploadToken } = await wix.files.generateFileResumableUploadUrl('image/png', {
      fileName: name,
      parentFolderId,
      uploadProtocol: 'TUS',
    });
    const png = makePng(40, 30);
    await createTusUpload(uploadUrl!, png.length, { filename: name, contentType: 'image/png', token: uploadToken! }, png);
    const { body } = await finalizeUpload(uploadUrl!, uploadToken!, name);
    return String(body.file.id);
  }

  it('generates an upload URL, then reads the file back with getFileDescriptor, listFiles and searchFiles', async () => {
    const folder = await wix.folders.createFolder('Shirts');
    const fileId = await uploadPng('t-shirt.png', folder.folder!._id!);
    const ready = await waitFor(async () => {
      const file = await wix.files.getFileDescriptor(fileId);
      return file.operationStatus === 'READY' ? file : undefined;
    }, 'READY');
    expect(ready).toMatchObject({ _id: fileId, displayName: 't-shirt.png', mediaType: 'IMAGE', parentFolderId: folder.folder!._id });
    expect(ready._createdDate).toBeInstanceOf(Date);
    expect(ready.media?.image?.image).toMatch(/^wix:image:\/\/v1\//);

    const listed = await wix.files.listFiles({ parentFolderId: folder.folder!._id!, paging: { limit: 10 } });
    expect(listed.files?.map((file) => file._id)).toEqual([fileId]);
    const found = await wix.files.searchFiles({ search: 't-shirt' });
    expect(found.files?.map((file) => file._id)).toContain(fileId);
    const many = await wix.files.getFileDescriptors([fileId]);
    expect(many.files?.[0]?._id).toBe(fileId);
  });

  it('pages listFiles with cursors', async () => {
    const folder = await wix.folders.createFolder('Paged');
    const ids = [];
    for (const name of ['a.png', 'b.png', 'c.png']) ids.push(await uploadPng(name, folder.folder!._id!));
    const first = await wix.files.listFiles({ parentFolderId: folder.folder!._id!, paging: { limit: 2 } });
    expect(first.files).toHaveLength(2);
    const next = first.nextCursor?.cursors?.next;
    expect(next).toBeTruthy();
    const second = await wix.files.listFiles({ parentFolderId: folder.folder!._id!, paging: { limit: 2, cursor: next } });
    expect(second.files).toHaveLength(1);
    expect(second.nextCursor?.cursors?.next ?? undefined).toBeUndefined();
    expect(new Set([...first.files!, ...second.files!].map((file) => file._id))).toEqual(new Set(ids));
  });

  it('throws the SDK error with the validation details for bad input', async () => {
    await expect(wix.files.generateFileResumableUploadUrl('image/png', { fileName: 'x'.repeat(1001) })).rejects.toMatchObject({
      details: {
        validationError: { fieldViolations: [expect.objectContaining({ field: 'options.fileName', violatedRule: 'MAX_LENGTH' })] },
      },
    });
    await expect(wix.files.getFileDescriptor('missing~mv2.png')).rejects.toThrow();
  });

  it('stores, reads and queries Wix Data items', async () => {
    const saved = await wix.items.save(NOTES.id, { _id: 'n1', title: 'first', tags: ['a'], when: new Date('2024-01-02T00:00:00Z') });
    expect(saved._createdDate).toBeInstanceOf(Date);
    await wix.items.insert(NOTES.id, { _id: 'n2', title: 'second', tags: ['b'] });
    await expect(wix.items.insert(NOTES.id, { _id: 'n2', title: 'dup' })).rejects.toThrow();
    expect(await wix.items.get(NOTES.id, 'nope')).toBeNull();
    expect((await wix.items.get(NOTES.id, 'n1'))?.when).toEqual(new Date('2024-01-02T00:00:00Z'));
    const some = await wix.items.query(NOTES.id).hasSome('tags', ['b', 'c']).find();
    expect(some.items.map((item) => item._id)).toEqual(['n2']);
    const page = await wix.items.query(NOTES.id).ascending('title').limit(1).find();
    expect(page.items.map((item) => item.title)).toEqual(['first']);
    expect(page.hasNext()).toBe(true);
    expect((await page.next()).items.map((item) => item.title)).toEqual(['second']);
    expect(await wix.items.query(NOTES.id).eq('title', 'second').count()).toBe(1);
  });

  it('refuses an insert whose _id exists with 409 WDE0074, so of many inserts of one _id at once exactly one wins', async () => {
    // Wix: "The Promise is rejected if ... the specified item includes an _id property whose value
    // matches an existing ID in the collection" (data items insert()); the code is WDE0074, "Item already exists".
    const answers = await Promise.allSettled(
      Array.from({ length: 12 }, (_, n) => wix.items.insert(NOTES.id, { _id: 'once', title: `try ${n}` })),
    );
    expect(answers.filter((answer) => answer.status === 'fulfilled')).toHaveLength(1);
    for (const answer of answers.filter((one) => one.status === 'rejected')) {
      expect(answer.reason).toMatchObject({ details: { applicationError: { code: 'WDE0074' } } });
    }
    const raw = await fetch(`${app.url}/wix-data/v2/items`, {
      method: 'POST',
      headers: { Authorization: await app.issueToken('APP'), 'Content-Type': 'application/json' },
      body: JSON.stringify({ dataCollectionId: NOTES.id, dataItem: { id: 'once', data: { title: 'again' } } }),
    });
    expect(raw.status).toBe(409);
    expect((await wix.items.get(NOTES.id, 'once'))?.title).toMatch(/^try \d+$/);
  });

  it('searches files in the root folder asked for (the site files by default), newest change first', async () => {
    const { uploadUrl, uploadToken } = await wix.files.generateFileResumableUploadUrl('image/png', {
      fileName: 'from-a-visitor.png',
      parentFolderId: 'visitor-uploads',
      private: true,
      uploadProtocol: 'TUS',
    });
    const png = makePng(4, 4);
    await createTusUpload(uploadUrl!, png.length, { filename: 'from-a-visitor.png', contentType: 'image/png', token: uploadToken! }, png);
    const visitorFile = String((await finalizeUpload(uploadUrl!, uploadToken!, 'from-a-visitor.png')).body.file.id);
    const siteFile = await uploadPng('on-the-site.png');
    const ids = async (rootFolder?: 'MEDIA_ROOT' | 'VISITOR_UPLOADS_ROOT' | 'TRASH_ROOT') =>
      ((await wix.files.searchFiles({ rootFolder, paging: { limit: 100 } })).files ?? []).map((file) => file._id);
    expect(await ids()).toContain(siteFile);
    expect(await ids()).not.toContain(visitorFile);
    expect(await ids('VISITOR_UPLOADS_ROOT')).toEqual([visitorFile]);
    await wix.files.bulkDeleteFiles([siteFile]);
    expect(await ids('TRASH_ROOT')).toContain(siteFile);
    expect(await ids('MEDIA_ROOT')).not.toContain(siteFile);

    const newest = await wix.files.searchFiles({ rootFolder: 'VISITOR_UPLOADS_ROOT', paging: { limit: 1 } });
    expect(newest.files?.[0]?._updatedDate).toBeInstanceOf(Date);
  });

  it('throws the SDK error for a collection that does not exist', async () => {
    await expect(wix.items.get('Notes', 'n1')).rejects.toMatchObject({ details: { applicationError: { code: 'WDE0025' } } });
  });
});
