import fs from 'node:fs';
import { ApiKeyStrategy } from '@wix/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectToSite, createMediaClient, directMediaBackend, type MediaClient } from '../../cli/targets/site-backend.js';
import { ConnectError } from '../../cli/exit-codes.js';
import { fetchThroughLocalWix, localTokenAuth } from '../../local/local-client.js';
import type { UploadBackend } from '../../src/upload-engine/upload-backend.js';
import { sourceFromPath } from '../../src/upload-engine/node/node-source.js';
import { UploadQueue } from '../../src/upload-engine/queue/upload-queue.js';
import { withMeta } from '../../src/upload-engine/upload-source.js';
import { startTestApp, tempDir } from '../support/local-app.js';
import { writeRandomFile } from '../support/files.js';
import { waitFor } from '../support/wix-http.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

interface SentRequest {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

/** A fetch that records what the SDK sends and answers as told, without any network. */
function answering(status: number, body: unknown, sent: SentRequest[] = []): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const text = await request.text();
    sent.push({ url: request.url, method: request.method, headers: request.headers, body: text ? JSON.parse(text) : undefined });
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
}

describe('the direct Media Manager backend (a real site with an API key)', () => {
  it('asks Wix for a resumable upload URL with the API key and the site id, as the app backend would', async () => {
    const sent: SentRequest[] = [];
    const uploadUrl = 'https://upload.wixmp.com/upload/tus';
    const client = createMediaClient(
      ApiKeyStrategy({ siteId: 'site-1', apiKey: 'key-1' }),
      answering(200, { uploadProtocol: 'TUS', uploadUrl, uploadToken: 'token-1' }, sent),
    );
    const answer = await directMediaBackend(client).createUploadSession({
      mimeType: 'video/mp4',
      fileName: 'clip.mp4',
      sizeInBytes: '1000',
      filePath: '/clients/2026',
      labels: ['summer'],
    });
    expect(answer).toEqual({ ok: true, session: { uploadUrl, uploadToken: 'token-1' } });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ url: 'https://www.wixapis.com/site-media/v1/files/generate-resumable-upload-url', method: 'POST' });
    expect(sent[0]!.headers.get('authorization')).toBe('key-1');
    expect(sent[0]!.headers.get('wix-site-id')).toBe('site-1');
    expect(sent[0]!.body).toEqual({
      mimeType: 'video/mp4',
      fileName: 'clip.mp4',
      sizeInBytes: '1000',
      parentFolderId: 'media-root',
      filePath: '/clients/2026',
      private: false,
      labels: ['summer'],
      uploadProtocol: 'TUS',
    });
  });

  it("imports links through Bulk Import File with the web method's checks, and reads each result", async () => {
    const sent: SentRequest[] = [];
    const client = createMediaClient(
      ApiKeyStrategy({ siteId: 'site-1', apiKey: 'key-1' }),
      answering(
        200,
        {
          results: [
            {
              itemMetadata: { id: 'f1', originalIndex: 0, success: true },
              item: { id: 'f1', displayName: 'clip.mp4', operationStatus: 'PENDING' },
            },
            { itemMetadata: { originalIndex: 1, success: false, error: { code: 'BAD_URL', description: 'Wix says no' } } },
          ],
          bulkActionMetadata: { totalSuccesses: 1, totalFailures: 1 },
        },
        sent,
      ),
    );
    const backend = directMediaBackend(client);
    expect(await backend.importFromLinks!([{ url: 'file:///etc/passwd' }])).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    expect(sent).toHaveLength(0);
    const answer = await backend.importFromLinks!([
      { url: 'https://cloud.example.com/a/clip.mp4', filePath: '/linked' },
      { url: 'https://cloud.example.com/b.mov' },
    ]);
    expect(answer).toMatchObject({
      ok: true,
      imports: [
        { ok: true, report: { fileId: 'f1', status: 'PENDING' } },
        { ok: false, code: 'BAD_URL', reason: 'Wix says no' },
      ],
    });
    expect(sent[0]).toMatchObject({ url: 'https://www.wixapis.com/site-media/v1/bulk/files/import-v2', method: 'POST' });
    expect(sent[0]!.body).toMatchObject({
      importFileRequests: [
        {
          url: 'https://cloud.example.com/a/clip.mp4',
          displayName: 'clip.mp4',
          parentFolderId: 'media-root',
          filePath: '/linked',
          private: false,
        },
        { url: 'https://cloud.example.com/b.mov', displayName: 'b.mov' },
      ],
      returnEntity: true,
    });
  });

  it('says why it cannot start: a refused key, an unreachable Wix', async () => {
    const refused = createMediaClient(ApiKeyStrategy({ siteId: 'site-1', apiKey: 'bad' }), answering(403, { message: 'Forbidden' }));
    await expect(connectToSite(refused, 'site-1')).rejects.toBeInstanceOf(ConnectError);
    await expect(connectToSite(refused, 'site-1')).rejects.toThrow(/Wix refused the API key for site site-1 \(HTTP 403\)/);
    const offline = createMediaClient(ApiKeyStrategy({ siteId: 'site-1', apiKey: 'key' }), async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } });
    });
    await expect(connectToSite(offline, 'site-1')).rejects.toThrow('Wix could not be reached (ENOTFOUND)');
  });

  it('refuses a request Wix would refuse, before asking, and a refused upload as a reason, not an error to retry', async () => {
    const sent: SentRequest[] = [];
    const backend = directMediaBackend(
      createMediaClient(ApiKeyStrategy({ siteId: 'site-1', apiKey: 'key' }), answering(400, { message: 'nope' }, sent)),
    );
    expect(await backend.createUploadSession({ mimeType: 'video', fileName: 'a' })).toMatchObject({
      ok: false,
      violations: [{ field: 'mimeType', violatedRule: 'FORMAT' }],
    });
    expect(sent).toHaveLength(0);
    expect(await backend.createUploadSession({ mimeType: 'video/mp4', fileName: 'a' })).toEqual({
      ok: false,
      code: 'NOT_ALLOWED',
      reason: expect.stringMatching(/^Wix refused the upload \(HTTP 400\)/),
    });
  });
});

describe('the direct Media Manager backend on the local Wix', () => {
  let app: App;
  let backend: UploadBackend;
  let client: MediaClient;
  const dir = tempDir('rmu-direct-');

  beforeAll(async () => {
    app = await startTestApp();
    client = createMediaClient(localTokenAuth(await app.issueToken('APP')), fetchThroughLocalWix(app.url));
    backend = await connectToSite(client, 'local');
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(app.dataDir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes a file to READY with the engine, its md5 checked, into its folder', async () => {
    const file = writeRandomFile(dir, 'clip.bin', 3 * 1024 * 1024 + 1);
    const queue = new UploadQueue({ backend, statusPollIntervalMs: 50, progressIntervalMs: 50 });
    try {
      const [item] = queue.add(withMeta([sourceFromPath(file.path)], { filePath: '/direct', labels: ['cli'], private: true }));
      const ready = await waitFor(async () => {
        const now = queue.getItem(item!.id);
        return now?.state === 'ready' || now?.state === 'failed' ? now : undefined;
      }, 'the file to settle');
      expect(ready.error).toBeUndefined();
      expect(ready).toMatchObject({ state: 'ready', verified: true });
      const status = await backend.getUploadStatus([ready.fileId!, 'nobody_123~mv2.bin']);
      expect(status).toMatchObject({
        ok: true,
        reports: [{ fileId: ready.fileId, status: 'READY', private: true, labels: ['cli'] }],
        unknownFileIds: ['nobody_123~mv2.bin'],
      });
      const [report] = status.ok ? status.reports : [];
      expect((await client.folders.getFolder(report!.parentFolderId!)).displayName).toBe('direct');
    } finally {
      await queue.dispose();
    }
  });

  it('names the files already in a destination folder through the SDK, as the web method does, and checks the request first', async () => {
    const file = writeRandomFile(dir, 'twice.bin', 5000);
    const queue = new UploadQueue({ backend, statusPollIntervalMs: 50, progressIntervalMs: 50 });
    try {
      const [item] = queue.add(withMeta([sourceFromPath(file.path)], { filePath: '/direct/twice' }));
      await waitFor(async () => (queue.getItem(item!.id)?.fileId ? true : undefined), 'the file to arrive');
      const asked = [
        {
          filePath: '/direct/twice',
          files: [
            { displayName: 'twice.bin', sizeInBytes: '5000' },
            { displayName: 'twice.bin', sizeInBytes: '1' },
          ],
        },
        { filePath: '/direct/not-yet', files: [{ displayName: 'twice.bin', sizeInBytes: '5000' }] },
      ];
      const answer = await backend.findExistingFiles!(asked);
      expect(answer).toMatchObject({
        ok: true,
        folders: [
          {
            exists: true,
            listedAll: true,
            existing: [{ fileId: queue.getItem(item!.id)!.fileId, displayName: 'twice.bin', sizeInBytes: '5000' }],
          },
          { exists: false, listedAll: true, existing: [] },
        ],
      });
      expect(answer.ok && answer.folders[0]!.existing[0]!.createdDate).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(await backend.findExistingFiles!([{ filePath: '/a/../b', files: [] }])).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    } finally {
      await queue.dispose();
    }
  });

  it('refuses to record a file the Media Manager does not have', async () => {
    expect(
      await backend.recordUpload({ fileId: 'nobody_123~mv2.bin', displayName: 'x', sizeInBytes: '1', mimeType: 'text/plain' }),
    ).toEqual({
      ok: false,
      code: 'NOT_FOUND',
      reason: 'The file is not in the Media Manager',
    });
  });
});
