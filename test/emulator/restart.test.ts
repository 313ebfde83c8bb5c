import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { startChildApp, type ChildApp } from '../support/child-app.js';
import { tempDir } from '../support/local-app.js';
import { writeRandomFile } from '../support/files.js';
import { callWebMethod, requestJson, waitFor } from '../support/wix-http.js';
import { finalizeUpload, generateUploadUrl, createTusUpload, tusOffset, uploadWithTusClient } from '../support/upload-session.js';
import type { RecordUploadResult, UploadStatusReport } from '../../src/shared/upload-methods.js';
import { UPLOAD_LOG } from '../../src/backend/data-collections.js';

async function identity(url: string, subjectType: string): Promise<string> {
  const { body } = await requestJson<{ accessToken: string }>(`${url}/_local/identities`, { body: { subjectType } });
  return body.accessToken;
}

/** Sends `bytes` as the body of a PATCH and keeps the request open, like a connection cut mid-transfer. */
function startStalledPatch(location: string, bytes: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const request = http.request(location, {
      method: 'PATCH',
      headers: {
        'Tus-Resumable': '1.0.0',
        'Upload-Offset': '0',
        'Content-Type': 'application/offset+octet-stream',
        'Content-Length': String(bytes.length * 4),
      },
    });
    request.on('error', () => undefined);
    request.write(bytes, () => setTimeout(resolve, 300));
  });
}

describe('a server that is killed and restarted', () => {
  const running: ChildApp[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.kill()));
  });
  async function start(env: Record<string, string>): Promise<ChildApp> {
    const app = await startChildApp(env);
    running.push(app);
    return app;
  }

  it('resumes an upload interrupted by a kill from its offset, and the md5 is that of the file', async () => {
    const dataDir = tempDir();
    const source = writeRandomFile(tempDir(), 'big.bin', 12 * 1024 * 1024 + 3);
    const first = await start({ PORT: '0', DATA_DIR: dataDir });
    const owner = await identity(first.url, 'USER');
    const generated = await generateUploadUrl(first.url, owner, { mimeType: 'application/octet-stream', fileName: 'big.bin' });
    const created = await createTusUpload(generated.uploadUrl, fs.statSync(source.path).size, { token: generated.uploadToken });
    await startStalledPatch(created.location!, fs.readFileSync(source.path).subarray(0, 3 * 1024 * 1024));
    // Kill only once some bytes reached the disk (a loaded machine can take a while to write them).
    const bytesOnDisk = path.join(dataDir, 'uploads', path.basename(new URL(created.location!).pathname));
    await waitFor(async () => (fs.existsSync(bytesOnDisk) && fs.statSync(bytesOnDisk).size > 0 ? true : undefined), 'bytes on disk');
    await first.kill();

    const second = await start({ PORT: String(first.port), DATA_DIR: dataDir });
    const offset = await tusOffset(created.location!);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(3 * 1024 * 1024);

    await uploadWithTusClient(source.path, generated, {
      filename: 'big.bin',
      contentType: 'application/octet-stream',
      tusUrl: created.location!,
    });
    const finalized = await finalizeUpload(generated.uploadUrl, generated.uploadToken, 'big.bin');
    expect(finalized.status).toBe(200);
    expect(finalized.body.file.hash).toBe(source.md5);
    const served = await fetch(String(finalized.body.file.url));
    expect(Number(served.headers.get('content-length'))).toBe(12 * 1024 * 1024 + 3);
    void second;
  });

  it('keeps finalized files, processes PENDING files and delivers events that were not delivered before the kill', async () => {
    const dataDir = tempDir();
    const source = writeRandomFile(tempDir(), 'kept.bin', 200_000);
    // The app's webhook is unreachable: events stay in the outbox.
    const first = await start({ PORT: '0', DATA_DIR: dataDir, PROCESSING_DELAY_MS: '500', WEBHOOK_URL: 'http://127.0.0.1:9/webhooks' });
    const owner = await identity(first.url, 'USER');
    const generated = await generateUploadUrl(first.url, owner, { mimeType: 'application/octet-stream', fileName: 'kept.bin' });
    await uploadWithTusClient(source.path, generated, { filename: 'kept.bin', contentType: 'application/octet-stream' });
    const finalized = await finalizeUpload(generated.uploadUrl, generated.uploadToken, 'kept.bin');
    const fileId = String(finalized.body.file.id);
    // The page's record, while the file is still being processed.
    const recorded = await callWebMethod<RecordUploadResult>(first.url, owner, 'recordUpload', {
      fileId,
      displayName: 'kept.bin',
      sizeInBytes: '200000',
      mimeType: 'application/octet-stream',
    });
    expect(recorded.body.result).toMatchObject({ ok: true, report: { status: 'PENDING' } });
    const fileUrl = `${first.url}/site-media/v1/files/get-file-by-id?fileId=${encodeURIComponent(fileId)}`;
    await waitFor(async () => {
      const { body } = await requestJson<{ file: { operationStatus: string } }>(fileUrl, { token: owner });
      return body.file.operationStatus === 'READY' ? true : undefined;
    }, 'READY in the Media Manager');
    await first.kill();

    const second = await start({ PORT: String(first.port), MEDIA_PORT: String(first.mediaPort), DATA_DIR: dataDir });
    // The log's entry as stored: only the File Ready event (not a read of the Media Manager) makes it READY.
    const appToken = await identity(second.url, 'APP');
    const stored = `${second.url}/wix-data/v2/items/${encodeURIComponent(fileId)}?dataCollectionId=${encodeURIComponent(UPLOAD_LOG.id)}`;
    const logged = await waitFor(async () => {
      const { body } = await requestJson<{ dataItem: { data: { status: string; displayName: string } } }>(stored, { token: appToken });
      return body.dataItem.data.status === 'READY' ? body.dataItem.data : undefined;
    }, 'the File Ready event after the restart');
    expect(logged.displayName).toBe('kept.bin');
    const bytes = Buffer.from(await (await fetch(String(finalized.body.file.url))).arrayBuffer());
    expect(bytes.equals(fs.readFileSync(source.path))).toBe(true);
  });

  it('processes a file that was still PENDING when the server was killed', async () => {
    const dataDir = tempDir();
    const first = await start({ PORT: '0', DATA_DIR: dataDir, PROCESSING_DELAY_MS: '600000' });
    const owner = await identity(first.url, 'USER');
    const generated = await generateUploadUrl(first.url, owner, { mimeType: 'text/plain', fileName: 'pending.txt' });
    const text = Buffer.from('still processing\n');
    await createTusUpload(generated.uploadUrl, text.length, { token: generated.uploadToken }, text);
    const finalized = await finalizeUpload(generated.uploadUrl, generated.uploadToken);
    expect(finalized.body.file.operationStatus).toBe('PENDING');
    await callWebMethod(first.url, owner, 'recordUpload', {
      fileId: finalized.body.file.id,
      displayName: 'pending.txt',
      sizeInBytes: String(text.length),
      mimeType: 'text/plain',
    });
    await first.kill();

    const second = await start({ PORT: String(first.port), DATA_DIR: dataDir, PROCESSING_DELAY_MS: '10' });
    const token = await identity(second.url, 'USER');
    const fileId = String(finalized.body.file.id);
    await waitFor(async () => {
      const { body } = await callWebMethod<UploadStatusReport[]>(second.url, token, 'listRecentUploads', 10);
      return body.result.find((entry) => entry.fileId === fileId && entry.status === 'READY');
    }, 'READY after the restart');
  });
});
