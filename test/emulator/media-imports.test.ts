import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files, folders } from '@wix/media';
import { createClient } from '@wix/sdk';
import { startTestApp } from '../support/local-app.js';
import { fetchThroughLocalWix, localTokenAuth } from '../../local/local-client.js';
import { makePng } from '../support/files.js';
import { waitFor } from '../support/wix-http.js';
import { startLinkServer } from '../support/link-server.js';
import { isLoopbackAddress } from '../../local/emulator/media/media-imports.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

const png = makePng(30, 20);

/** Import File and Bulk Import File(s) through the official SDK: the shapes @wix/media expects, fetched from 127.0.0.1 only. */
describe('importing files from a link on the local Wix', () => {
  let app: App;
  let links: Awaited<ReturnType<typeof startLinkServer>>;
  let wix: ReturnType<typeof createWix>;
  const createWix = (origin: string, token: string) =>
    createClient({ auth: localTokenAuth(token), fetch: fetchThroughLocalWix(origin), modules: { files, folders } });

  beforeAll(async () => {
    app = await startTestApp();
    wix = createWix(app.url, await app.issueToken('APP'));
    links = await startLinkServer({
      '/photos/beach.png': { body: png, contentType: 'image/png' },
      '/no-extension': { body: png, contentType: 'image/png' },
      '/moved': { redirect: '/photos/beach.png' },
      '/to-the-network': { redirect: 'http://10.0.0.1/secret.png' },
      '/lying.png': { body: Buffer.from('<html>not a png</html>'), contentType: 'text/html' },
      '/gone.png': { status: 404 },
    });
  });
  afterAll(async () => {
    await links.close();
    await app.close();
  });

  /** The file once processed, and the event the Media Manager queued for it. */
  async function settled(fileId: string) {
    const file = await waitFor(async () => {
      const found = await wix.files.getFileDescriptor(fileId);
      return found.operationStatus === 'PENDING' ? undefined : found;
    }, `${fileId} processed`);
    const rows = app.wix.db.prepare('SELECT event_type AS type, payload FROM outbox').all() as { type: string; payload: string }[];
    const event = rows
      .map((row) => ({ type: row.type, payload: JSON.parse(row.payload) as Record<string, unknown> }))
      .find((row) => row.payload.entityId === fileId);
    return { file, event };
  }

  it('answers a PENDING file at once, then fetches, processes and sends File Ready', async () => {
    const { file } = await wix.files.importFile(links.url('/photos/beach.png'), { filePath: '/imports/2026', labels: ['linked'] });
    expect(file).toMatchObject({ displayName: 'beach.png', operationStatus: 'PENDING', labels: ['linked'] });
    const { file: ready, event } = await settled(file!._id!);
    expect(ready).toMatchObject({ operationStatus: 'READY', mediaType: 'IMAGE', sizeInBytes: String(png.length) });
    expect(ready.hash).toBe(createHash('md5').update(png).digest('hex'));
    expect(event?.type).toBe('wix.media.site_media.v1.file_descriptor_file_ready');
    const folder = await wix.folders.getFolder(ready.parentFolderId!);
    expect(folder.displayName).toBe('2026');
  });

  it('takes the type from the request, the name or the link server, and follows a redirect on this machine', async () => {
    const named = await wix.files.importFile(links.url('/no-extension'), { displayName: 'given.png' });
    expect(named.file?.displayName).toBe('given.png');
    const answered = await wix.files.importFile(links.url('/no-extension'));
    const moved = await wix.files.importFile(links.url('/moved'), { mimeType: 'image/png' });
    for (const id of [named.file!._id!, answered.file!._id!, moved.file!._id!]) {
      expect((await settled(id)).file).toMatchObject({ operationStatus: 'READY', mediaType: 'IMAGE' });
    }
  });

  it('fails a file whose link breaks, lies about its type, or leads off this machine, with the reason in File Failed', async () => {
    const before = links.hits('/to-the-network');
    const results = await wix.files.bulkImportFile([
      { url: links.url('/gone.png') },
      { url: links.url('/lying.png') },
      { url: links.url('/to-the-network') },
      { url: 'http://192.168.1.1/router.png' },
    ]);
    expect(results.results!.map((result) => result.itemMetadata?.originalIndex)).toEqual([0, 1, 2, 3]);
    const reasons = [];
    for (const result of results.results!) {
      const { file, event } = await settled(result.item!._id!);
      expect(file.operationStatus).toBe('FAILED');
      expect(event?.type).toBe('wix.media.site_media.v1.file_descriptor_file_failed');
      reasons.push(JSON.stringify(event?.payload));
    }
    expect(reasons[0]).toContain('404');
    expect(reasons[1]).toContain('UNRECOGNIZED_CONTENT');
    expect(reasons[2]).toContain('IMPORT_NOT_FETCHED');
    expect(reasons[3]).toContain('IMPORT_NOT_FETCHED');
    expect(links.hits('/to-the-network')).toBe(before + 1);
  });

  it('refuses what Wix refuses: no URL, not a web URL, more than 100 at once, an unknown folder, no identity to write', async () => {
    await expect(wix.files.importFile('')).rejects.toMatchObject({ details: { validationError: expect.anything() } });
    await expect(wix.files.importFile('file:///etc/passwd.png')).rejects.toMatchObject({
      details: { validationError: { fieldViolations: [expect.objectContaining({ field: 'url' })] } },
    });
    await expect(wix.files.importFile('ftp://127.0.0.1/a.png')).rejects.toThrow();
    const many = Array.from({ length: 101 }, (_, index) => ({ url: links.url(`/photos/${index}.png`) }));
    await expect(wix.files.bulkImportFile(many)).rejects.toThrow();
    const before = (await wix.files.listFiles({ parentFolderId: 'media-root', paging: { limit: 100 } })).files?.length;
    await expect(
      wix.files.bulkImportFile([
        { url: links.url('/photos/beach.png') },
        { url: links.url('/photos/beach.png'), parentFolderId: 'no-such-folder' },
      ]),
    ).rejects.toThrow();
    expect((await wix.files.listFiles({ parentFolderId: 'media-root', paging: { limit: 100 } })).files?.length).toBe(before);
    const visitor = createWix(app.url, await app.issueToken('VISITOR'));
    await expect(visitor.files.importFile(links.url('/photos/beach.png'))).rejects.toThrow();
  });

  it('keeps the deprecated Bulk Import Files: the files in the order asked', async () => {
    const { files: imported } = await wix.files.bulkImportFiles([
      { url: links.url('/photos/beach.png'), displayName: 'one.png' },
      { url: links.url('/photos/beach.png'), displayName: 'two.png' },
    ]);
    expect(imported?.map((file) => file.displayName)).toEqual(['one.png', 'two.png']);
  });

  it('knows a loopback address in every spelling, and nothing else', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address)).toBe(true);
    for (const address of ['10.0.0.1', '0.0.0.0', '169.254.169.254', '::', '::ffff:10.0.0.1', 'fe80::1'])
      expect(isLoopbackAddress(address)).toBe(false);
  });
});
