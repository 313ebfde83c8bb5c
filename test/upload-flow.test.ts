import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { Upload } from 'tus-js-client';
import { startTestApp, tempDir } from './support/local-app.js';
import { callWebMethod, requestJson, waitFor } from './support/wix-http.js';
import { makePng, writeRandomFile } from './support/files.js';
import type {
  CreateUploadSessionResult,
  RecordUploadResult,
  UploadStatusReport,
  UploadStatusResult,
} from '../src/shared/upload-methods.js';

/** The parts of the finalize answer's REST file descriptor these tests read. */
interface RestFileDescriptor {
  id: string;
  mediaType: string;
  operationStatus: string;
  url: string;
  thumbnailUrl: string;
  media: { image: { image: Record<string, unknown> } };
}

type App = Awaited<ReturnType<typeof startTestApp>>;

function tusUpload(filePath: string, uploadUrl: string, metadata: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const upload = new Upload(fs.createReadStream(filePath), {
      endpoint: uploadUrl,
      chunkSize: 4 * 1024 * 1024,
      retryDelays: [],
      metadata,
      onError: reject,
      onSuccess: () => resolve(upload.url!),
    });
    upload.start();
  });
}

describe('the upload flow, end to end on the local Wix', () => {
  let app: App;
  let owner: string;
  const dir = tempDir();

  beforeAll(async () => {
    app = await startTestApp();
    owner = await app.issueToken('USER');
  });
  afterAll(() => app.close());

  it('creates a session through the web method, uploads over tus, finalizes and ends READY in the upload log', async () => {
    const source = writeRandomFile(dir, 'clip.bin', 9 * 1024 * 1024 + 17);
    const created = await callWebMethod<CreateUploadSessionResult>(app.url, owner, 'createUploadSession', {
      mimeType: 'application/octet-stream',
      fileName: 'clip.bin',
      filePath: '/videos/2024/december',
      labels: ['raw'],
    });
    expect(created.status).toBe(200);
    const result = created.body.result;
    if (!result.ok) throw new Error(JSON.stringify(result));
    const { uploadUrl, uploadToken } = result.session;
    expect(uploadUrl).toBe(`${app.url}/upload/tus`);

    await tusUpload(source.path, uploadUrl, { filename: 'clip.bin', contentType: 'application/octet-stream', token: uploadToken });
    const finalized = await requestJson<{ file: Record<string, unknown> }>(
      `${uploadUrl}/${uploadToken}?filename=${encodeURIComponent('clip.bin')}`,
      { method: 'PUT' },
    );
    expect(finalized.status).toBe(200);
    const file = finalized.body.file;
    expect(file.id).toMatch(new RegExp(`^${app.wix.site.mediaPrefix}_[0-9a-f]{32}~mv2\\.bin$`));
    expect(file).toMatchObject({
      displayName: 'clip.bin',
      hash: source.md5,
      sizeInBytes: String(9 * 1024 * 1024 + 17),
      private: false,
      mediaType: 'OTHER',
      operationStatus: 'PENDING',
      labels: ['raw'],
    });

    const recorded = await callWebMethod<RecordUploadResult>(app.url, owner, 'recordUpload', {
      fileId: file.id,
      displayName: 'clip.bin',
      sizeInBytes: file.sizeInBytes,
      mimeType: 'application/octet-stream',
    });
    expect(recorded.body.result).toMatchObject({ ok: true, report: { fileId: file.id } });

    const ready = await waitFor(async () => {
      const { body } = await callWebMethod<UploadStatusResult>(app.url, owner, 'getUploadStatus', [file.id]);
      const report = body.result.ok ? body.result.reports[0] : undefined;
      return report?.status === 'READY' ? report : undefined;
    }, 'READY');
    expect(ready).toMatchObject({ fileId: file.id, displayName: 'clip.bin', url: file.url });

    const bytes = await fetch(String(file.url));
    expect(bytes.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await bytes.arrayBuffer()).equals(fs.readFileSync(source.path))).toBe(true);

    // the folders of filePath were created under media-root
    const videos = await requestJson<{ folders: { id: string; displayName: string }[] }>(`${app.url}/site-media/v1/folders`, {
      token: owner,
    });
    expect(videos.body.folders.map((f) => f.displayName)).toContain('videos');
  });

  /** The page's record of a finalized upload: the upload log holds only what the app records. */
  async function record(fileId: string, displayName: string, mimeType: string, size: number): Promise<void> {
    const { body } = await callWebMethod<RecordUploadResult>(app.url, owner, 'recordUpload', {
      fileId,
      displayName,
      sizeInBytes: String(size),
      mimeType,
    });
    expect(body.result.ok).toBe(true);
  }

  it('reports an image with its dimensions, serves it with Range, and the upload log says READY', async () => {
    const png = makePng(370, 226);
    const pngPath = `${dir}/shirt.png`;
    fs.writeFileSync(pngPath, png);
    const created = await callWebMethod<CreateUploadSessionResult>(app.url, owner, 'createUploadSession', {
      mimeType: 'image/png',
      fileName: 'shirt.png',
    });
    if (!created.body.result.ok) throw new Error('refused');
    const { uploadUrl, uploadToken } = created.body.result.session;
    await tusUpload(pngPath, uploadUrl, { filename: 'shirt.png', contentType: 'image/png', token: uploadToken });
    const { body } = await requestJson<{ file: RestFileDescriptor }>(`${uploadUrl}/${uploadToken}?filename=shirt.png`, { method: 'PUT' });
    expect(body.file.mediaType).toBe('IMAGE');
    expect(body.file.media.image.image).toMatchObject({ width: 370, height: 226, filename: 'shirt.png', sizeInBytes: String(png.length) });
    expect(body.file.thumbnailUrl).toBe(body.file.url);

    const ranged = await fetch(body.file.url, { headers: { Range: 'bytes=0-7' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await ranged.arrayBuffer()).equals(png.subarray(0, 8))).toBe(true);

    await record(body.file.id, 'shirt.png', 'image/png', png.length);
    const logged = await waitFor(async () => {
      const { body: recent } = await callWebMethod<UploadStatusReport[]>(app.url, owner, 'listRecentUploads', 10);
      return recent.result.find((entry) => entry.fileId === body.file.id && entry.status === 'READY');
    }, 'READY in the log');
    expect(logged.thumbnailUrl).toBe(body.file.url);
  });

  it('fails a file whose bytes are not what the declared type says, with a reason, through File Failed', async () => {
    const fake = writeRandomFile(dir, 'not-a-video.mp4', 64 * 1024);
    const created = await callWebMethod<CreateUploadSessionResult>(app.url, owner, 'createUploadSession', {
      mimeType: 'video/mp4',
      fileName: 'not-a-video.mp4',
    });
    if (!created.body.result.ok) throw new Error('refused');
    const { uploadUrl, uploadToken } = created.body.result.session;
    await tusUpload(fake.path, uploadUrl, { filename: 'not-a-video.mp4', contentType: 'video/mp4', token: uploadToken });
    const { body } = await requestJson<{ file: RestFileDescriptor }>(`${uploadUrl}/${uploadToken}`, { method: 'PUT' });
    expect(body.file.operationStatus).toBe('PENDING');
    await record(body.file.id, 'not-a-video.mp4', 'video/mp4', 64 * 1024);
    const failed = await waitFor(async () => {
      const { body: recent } = await callWebMethod<UploadStatusReport[]>(app.url, owner, 'listRecentUploads', 10);
      return recent.result.find((entry) => entry.fileId === body.file.id && entry.status === 'FAILED' && entry.failureCode);
    }, 'FAILED in the log, with the reason');
    expect(failed.failureCode).toBe('UNRECOGNIZED_CONTENT');
    expect(failed.failureDescription).toMatch(/video\/mp4/);
    const described = await requestJson<{ file: Record<string, unknown> }>(
      `${app.url}/site-media/v1/files/get-file-by-id?fileId=${encodeURIComponent(body.file.id)}`,
      { token: owner },
    );
    expect(described.body.file.operationStatus).toBe('FAILED');
  });
});
