import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CRASH_POINTS, type CrashPoint } from '../../local/emulator/platform/crash-points.js';
import { startChildApp, type ChildApp } from '../support/child-app.js';
import { startTestApp, tempDir } from '../support/local-app.js';
import { writeRandomFile } from '../support/files.js';
import { requestJson, waitFor } from '../support/wix-http.js';
import {
  createTusUpload,
  finalizeUpload,
  generateUploadUrl,
  patchTus,
  uploadSmallFile,
  uploadWithTusClient,
} from '../support/upload-session.js';

async function identity(url: string, subjectType: string): Promise<string> {
  const { body } = await requestJson<{ accessToken: string }>(`${url}/_local/identities`, { body: { subjectType } });
  return body.accessToken;
}

const filesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

/** What the local Wix keeps must match what it records: every media file has a record and every record its bytes. */
async function expectConsistent(url: string, token: string, dataDir: string): Promise<string[]> {
  const { body } = await requestJson<{ files: { id: string }[] }>(`${url}/site-media/v1/files/search`, {
    token,
    body: { paging: { limit: 100 } },
  });
  const recorded = body.files.map((file) => file.id).sort();
  expect(filesIn(path.join(dataDir, 'media'))).toEqual(recorded);
  return recorded;
}

describe('a kill at each step of a finalize', () => {
  const running: ChildApp[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.kill()));
  });

  it.each(CRASH_POINTS)(
    'after a kill at %s the restarted server keeps exactly one file per upload, its bytes intact, nothing left behind',
    async (point: CrashPoint) => {
      const dataDir = tempDir();
      const source = writeRandomFile(tempDir(), 'cut.bin', 300_000);
      const first = await startChildApp({ PORT: '0', DATA_DIR: dataDir, PROCESSING_DELAY_MS: '20', LOCAL_WIX_CRASH_AT: point });
      running.push(first);
      const owner = await identity(first.url, 'USER');
      const generated = await generateUploadUrl(first.url, owner, { mimeType: 'application/octet-stream', fileName: 'cut.bin' });
      const tusUrl = await uploadWithTusClient(source.path, generated, { filename: 'cut.bin', contentType: 'application/octet-stream' });
      await expect(finalizeUpload(generated.uploadUrl, generated.uploadToken, 'cut.bin')).rejects.toThrow();
      await first.kill();

      const second = await startChildApp({ PORT: String(first.port), MEDIA_PORT: String(first.mediaPort), DATA_DIR: dataDir });
      running.push(second);
      const again = await identity(second.url, 'USER');
      const retried = await finalizeUpload(generated.uploadUrl, generated.uploadToken, 'cut.bin');
      const committed = point === 'finalize:committed' || point === 'finalize:cleaned';
      const fileId = String(committed ? retried.body.details?.applicationError?.data?.fileId : retried.body.file?.id);
      expect(retried.status).toBe(committed ? 409 : 200);

      expect(await expectConsistent(second.url, again, dataDir)).toEqual([fileId]);
      expect(filesIn(path.join(dataDir, 'uploads'))).toEqual([]);
      expect((await fetch(tusUrl, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } })).status).toBe(404);
      const descriptor = await waitFor(
        async () => {
          const { body } = await requestJson<{ file: { operationStatus: string; url: string; hash: string } }>(
            `${second.url}/site-media/v1/files/get-file-by-id?fileId=${encodeURIComponent(fileId)}`,
            { token: again },
          );
          return body.file.operationStatus === 'READY' ? body.file : undefined;
        },
        'READY after the restart',
        30_000,
      );
      expect(descriptor.hash).toBe(source.md5);
      const bytes = Buffer.from(await (await fetch(descriptor.url)).arrayBuffer());
      expect(crypto.createHash('md5').update(bytes).digest('hex')).toBe(source.md5);
    },
  );
});

describe('what the local Wix keeps on disk', () => {
  it('removes on restart what no record points to (a tus record without bytes, bytes without a record, an unrecorded media file), and keeps the rest', async () => {
    const dataDir = tempDir();
    const first = await startTestApp({ dataDir });
    const owner = await first.issueToken('USER');
    const kept = await uploadSmallFile(first.url, owner, { name: 'kept.txt', mimeType: 'text/plain', bytes: Buffer.from('kept') });
    const unfinished = await generateUploadUrl(first.url, owner, { mimeType: 'text/plain', fileName: 'half.txt' });
    const created = await createTusUpload(unfinished.uploadUrl, 10, { filename: 'half.txt', token: unfinished.uploadToken });
    expect((await patchTus(created.location!, 0, Buffer.from('half'))).status).toBe(204);
    await first.close();
    fs.writeFileSync(path.join(dataDir, 'uploads', 'abandoned.json'), '{"id":"abandoned","size":10}');
    fs.writeFileSync(path.join(dataDir, 'uploads', 'stray'), 'bytes');
    fs.writeFileSync(path.join(dataDir, 'media', 'orphan~mv2.bin'), 'orphan');

    const second = await startTestApp({ dataDir });
    const tusId = path.basename(new URL(created.location!).pathname);
    expect(filesIn(path.join(dataDir, 'uploads'))).toEqual([tusId, `${tusId}.json`].sort());
    expect(filesIn(path.join(dataDir, 'media'))).toEqual([String(kept.id)]);
    expect((await fetch(`${second.url}/upload/tus/abandoned`, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } })).status).toBe(404);
    // the unfinished upload continues from its offset
    expect((await patchTus(`${second.url}/upload/tus/${tusId}`, 4, Buffer.from('-rest!'))).status).toBe(204);
    expect((await finalizeUpload(`${second.url}/upload/tus`, unfinished.uploadToken, 'half.txt')).status).toBe(200);
    await second.close();
  });

  it('removes on restart an unfinished upload a kill left half-created (bytes without their record, or the record without bytes)', async () => {
    const dataDir = tempDir();
    const first = await startTestApp({ dataDir });
    const owner = await first.issueToken('USER');
    const tusIds: string[] = [];
    for (const name of ['no-record.txt', 'no-bytes.txt']) {
      const generated = await generateUploadUrl(first.url, owner, { mimeType: 'text/plain', fileName: name });
      const created = await createTusUpload(generated.uploadUrl, 10, { filename: name, token: generated.uploadToken }, Buffer.from('half'));
      expect(created.status).toBe(201);
      tusIds.push(path.basename(new URL(created.location!).pathname));
    }
    await first.close();
    const [noRecord, noBytes] = tusIds as [string, string];
    fs.rmSync(path.join(dataDir, 'uploads', `${noRecord}.json`));
    fs.rmSync(path.join(dataDir, 'uploads', noBytes));

    const second = await startTestApp({ dataDir });
    expect(filesIn(path.join(dataDir, 'uploads'))).toEqual([]);
    for (const id of tusIds) {
      expect((await fetch(`${second.url}/upload/tus/${id}`, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } })).status).toBe(404);
    }
    await second.close();
  });

  it('refuses an upload whose token expired, with the reason, and sweeps its bytes', async () => {
    const app = await startTestApp({ uploadTokenTtlSeconds: 1 });
    const owner = await app.issueToken('USER');
    const generated = await generateUploadUrl(app.url, owner, { mimeType: 'text/plain', fileName: 'late.txt' });
    const created = await createTusUpload(
      generated.uploadUrl,
      10,
      { filename: 'late.txt', token: generated.uploadToken },
      Buffer.from('early'),
    );
    expect(created.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const patch = await patchTus(created.location!, 5, Buffer.from('late!'));
    expect(patch.status).toBe(410);
    expect(await patch.text()).toContain('UPLOAD_EXPIRED');
    const finalize = await finalizeUpload(generated.uploadUrl, generated.uploadToken, 'late.txt');
    expect(finalize.status).toBe(410);
    expect(finalize.body.details?.applicationError?.code).toBe('UPLOAD_EXPIRED');

    expect(await app.wix.sweepExpiredUploads()).toBe(1);
    expect(filesIn(path.join(app.dataDir, 'uploads'))).toEqual([]);
    expect((await finalizeUpload(generated.uploadUrl, generated.uploadToken, 'late.txt')).status).toBe(410);
    await app.close();
  });
});
