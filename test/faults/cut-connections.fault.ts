import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { Upload } from 'tus-js-client';
import { startTestApp, tempDir } from '../support/local-app.js';
import { writeRandomFile } from '../support/files.js';
import { finalizeUpload, generateUploadUrl } from '../support/upload-session.js';
import { startCuttingProxy, type CuttingProxy } from './support/cutting-proxy.js';
import { expectDiskMatchesRecords } from './support/invariants.js';

const MIB = 1024 * 1024;

/** tus-js-client through a link that drops every connection after 2-8 MiB: every file arrives whole, once. */
describe('uploads through a connection cut every few MiB', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let proxy: CuttingProxy;
  beforeAll(async () => {
    app = await startTestApp({ processingDelayMs: 20 });
    proxy = await startCuttingProxy(new URL(app.url), 2 * MIB, 8 * MIB);
  });
  afterAll(async () => {
    await proxy?.close();
    await app?.close();
  });

  it('completes 8 files of 16 MiB, byte for byte, with no 5xx', async () => {
    const owner = await app.issueToken('USER');
    const dir = tempDir('rmu-cuts-');
    const serverErrors: number[] = [];
    const sources = Array.from({ length: 8 }, (_, index) => writeRandomFile(dir, `cut-${index}.bin`, 16 * MIB));
    const fileIds = await Promise.all(
      sources.map(async (source, index) => {
        const generated = await generateUploadUrl(app.url, owner, { mimeType: 'application/octet-stream', fileName: `cut-${index}.bin` });
        const viaProxy = `${proxy.url}/upload/tus`;
        await new Promise<void>((resolve, reject) => {
          const upload = new Upload(fs.createReadStream(source.path), {
            endpoint: viaProxy,
            chunkSize: 4 * MIB,
            retryDelays: [0, 100, 200, 400, 800, 800, 800, 800, 800, 800, 800, 800, 800, 800, 800, 800],
            metadata: { filename: `cut-${index}.bin`, contentType: 'application/octet-stream', token: generated.uploadToken },
            onAfterResponse: (_request, response) => {
              if (response.getStatus() >= 500) serverErrors.push(response.getStatus());
            },
            onError: reject,
            onSuccess: () => resolve(),
          });
          upload.start();
        });
        const finalized = await finalizeUpload(generated.uploadUrl, generated.uploadToken, `cut-${index}.bin`);
        expect(finalized.status).toBe(200);
        return { id: String(finalized.body.file.id), md5: source.md5 };
      }),
    );
    expect(proxy.cuts).toBeGreaterThan(8);
    expect(serverErrors).toEqual([]);
    const stored = await expectDiskMatchesRecords(app.url, owner, app.dataDir);
    for (const { id, md5 } of fileIds) expect(stored.find((file) => file.id === id)?.hash).toBe(md5);
  });
});
