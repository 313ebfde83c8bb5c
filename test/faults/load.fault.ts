import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { Upload } from 'tus-js-client';
import { startTestApp, tempDir } from '../support/local-app.js';
import { writeRandomFile } from '../support/files.js';
import { finalizeUpload, generateUploadUrl } from '../support/upload-session.js';
import { expectDiskMatchesRecords } from './support/invariants.js';

const MIB = 1024 * 1024;

/** Many uploads at once, small and large: no 5xx, every file whole. */
describe('32 small and 2 large uploads at once', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp({ processingDelayMs: 20 });
  });
  afterAll(() => app?.close());

  it('finalizes every one, byte for byte, with no 5xx', async () => {
    const owner = await app.issueToken('USER');
    const dir = tempDir('rmu-load-');
    const sizes = [...Array.from({ length: 32 }, () => 1 * MIB), 96 * MIB, 96 * MIB];
    const serverErrors: string[] = [];
    const done = await Promise.all(
      sizes.map(async (size, index) => {
        const source = writeRandomFile(dir, `load-${index}.bin`, size);
        const generated = await generateUploadUrl(app.url, owner, { mimeType: 'application/octet-stream', fileName: `load-${index}.bin` });
        await new Promise<void>((resolve, reject) => {
          new Upload(fs.createReadStream(source.path), {
            endpoint: generated.uploadUrl,
            chunkSize: 8 * MIB,
            retryDelays: [0, 250, 500, 1000],
            metadata: { filename: `load-${index}.bin`, contentType: 'application/octet-stream', token: generated.uploadToken },
            onAfterResponse: (request, response) => {
              if (response.getStatus() >= 500) serverErrors.push(`${request.getMethod()} ${response.getStatus()}`);
            },
            onError: reject,
            onSuccess: () => resolve(),
          }).start();
        });
        const finalized = await finalizeUpload(generated.uploadUrl, generated.uploadToken, `load-${index}.bin`);
        if (finalized.status >= 500) serverErrors.push(`PUT ${finalized.status}`);
        expect(finalized.status).toBe(200);
        return { id: String(finalized.body.file.id), md5: source.md5 };
      }),
    );
    expect(serverErrors).toEqual([]);
    const stored = await expectDiskMatchesRecords(app.url, owner, app.dataDir);
    expect(stored).toHaveLength(sizes.length);
    for (const { id, md5 } of done) expect(stored.find((file) => file.id === id)?.hash).toBe(md5);
  });
});
