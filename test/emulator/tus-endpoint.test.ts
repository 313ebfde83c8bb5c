import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Upload } from 'tus-js-client';
import { startTestApp, tempDir } from '../support/local-app.js';
import { writeRandomFile } from '../support/files.js';
import { createTusUpload, finalizeUpload, generateUploadUrl, patchTus, tusOffset, uploadWithTusClient } from '../support/upload-session.js';

type App = Awaited<ReturnType<typeof startTestApp>>;
const MAX_UPLOAD = 4 * 1024 * 1024;

describe('the tus endpoint and the finalize PUT', () => {
  let app: App;
  let owner: string;
  const dir = tempDir();
  beforeAll(async () => {
    app = await startTestApp({ maxUploadBytes: MAX_UPLOAD });
    owner = await app.issueToken('USER');
  });
  afterAll(() => app.close());

  const generate = () => generateUploadUrl(app.url, owner, { mimeType: 'application/octet-stream', fileName: 'data.bin' });

  it('refuses a creation without a token or with a forged one (401), and a second creation with the same token (409)', async () => {
    const generated = await generate();
    expect((await createTusUpload(generated.uploadUrl, 10, { filename: 'a' })).status).toBe(401);
    const forged = `${generated.uploadToken.slice(0, -4)}AAAA`;
    expect((await createTusUpload(generated.uploadUrl, 10, { filename: 'a', token: forged })).status).toBe(401);
    expect((await createTusUpload(generated.uploadUrl, 10, { token: 'not-a-jwt' })).status).toBe(401);
    const first = await createTusUpload(generated.uploadUrl, 10, { filename: 'a', token: generated.uploadToken });
    expect(first.status).toBe(201);
    expect(first.location).toMatch(/\/upload\/tus\/[0-9a-f]{32}$/);
    const second = await createTusUpload(generated.uploadUrl, 10, { filename: 'a', token: generated.uploadToken });
    expect(second.status).toBe(409);
    expect(JSON.parse(second.text).details.applicationError.code).toBe('UPLOAD_ALREADY_STARTED');
  });

  it('enforces the maximum size with 413, at creation and never as a 5xx', async () => {
    const generated = await generate();
    expect((await createTusUpload(generated.uploadUrl, MAX_UPLOAD + 1, { token: generated.uploadToken })).status).toBe(413);
    const atBound = await createTusUpload(generated.uploadUrl, MAX_UPLOAD, { token: generated.uploadToken });
    expect(atBound.status).toBe(201);
  });

  it('answers 409 to a finalize before the upload is complete, then finalizes once; the token is single-use', async () => {
    const generated = await generate();
    const bytes = crypto.randomBytes(300_000);
    const created = await createTusUpload(generated.uploadUrl, bytes.length, { token: generated.uploadToken }, bytes.subarray(0, 100_000));
    expect(created.status).toBe(201);
    expect(await tusOffset(created.location!)).toBe(100_000);

    const early = await finalizeUpload(generated.uploadUrl, generated.uploadToken, 'data.bin');
    expect(early.status).toBe(409);
    expect(early.body.details?.applicationError?.code).toBe('UPLOAD_INCOMPLETE');

    // a PATCH at the wrong offset is the client's fault: 409, not a 5xx
    expect((await patchTus(created.location!, 5, bytes.subarray(5, 10))).status).toBe(409);
    expect((await patchTus(created.location!, 100_000, bytes.subarray(100_000))).status).toBe(204);

    const done = await finalizeUpload(generated.uploadUrl, generated.uploadToken, 'data.bin');
    expect(done.status).toBe(200);
    expect(done.body.file.hash).toBe(crypto.createHash('md5').update(bytes).digest('hex'));
    expect(done.body.file.sizeInBytes).toBe('300000');

    const again = await finalizeUpload(generated.uploadUrl, generated.uploadToken, 'data.bin');
    expect(again.status).toBe(409);
    expect(again.body.details?.applicationError).toMatchObject({ code: 'UPLOAD_TOKEN_USED', data: { fileId: done.body.file.id } });
    // the tus upload was moved out at finalize; the spent token cannot start another one
    expect((await fetch(created.location!, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } })).status).toBe(404);
    expect((await createTusUpload(generated.uploadUrl, 10, { token: generated.uploadToken })).status).toBe(409);
  });

  it('refuses a forged or unknown token at finalize with 401', async () => {
    const generated = await generate();
    expect((await finalizeUpload(generated.uploadUrl, 'forged', 'x.bin')).status).toBe(401);
    expect((await finalizeUpload(generated.uploadUrl, `${generated.uploadToken}x`, 'x.bin')).status).toBe(401);
  });

  it('supports termination: a deleted upload cannot be finalized (410)', async () => {
    const generated = await generate();
    const created = await createTusUpload(generated.uploadUrl, 1000, { token: generated.uploadToken });
    const deleted = await fetch(created.location!, { method: 'DELETE', headers: { 'Tus-Resumable': '1.0.0' } });
    expect(deleted.status).toBe(204);
    expect((await finalizeUpload(generated.uploadUrl, generated.uploadToken, 'x.bin')).status).toBe(410);
  });

  it('uses the filename given at generation when the finalize names none, and needs one when neither does', async () => {
    const named = await generateUploadUrl(app.url, owner, { mimeType: 'text/plain', fileName: 'notes.txt' });
    const text = Buffer.from('hello tus\n');
    await createTusUpload(named.uploadUrl, text.length, { token: named.uploadToken }, text);
    const finalized = await finalizeUpload(named.uploadUrl, named.uploadToken);
    expect(finalized.status).toBe(200);
    expect(finalized.body.file).toMatchObject({ displayName: 'notes.txt', mediaType: 'DOCUMENT' });

    const anonymous = await generateUploadUrl(app.url, owner, { mimeType: 'text/plain' });
    await createTusUpload(anonymous.uploadUrl, text.length, { token: anonymous.uploadToken }, text);
    const refused = await finalizeUpload(anonymous.uploadUrl, anonymous.uploadToken);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('filename');
  });

  it('resumes with tus-js-client after an abort, from the offset the server holds, and the md5 matches', async () => {
    const source = writeRandomFile(dir, 'resume.bin', 3 * 1024 * 1024 + 5);
    const generated = await generate();
    let tusUrl: string | undefined;
    await new Promise<void>((resolve, reject) => {
      const upload = new Upload(fs.createReadStream(source.path), {
        endpoint: generated.uploadUrl,
        chunkSize: 1024 * 1024,
        retryDelays: [],
        metadata: { filename: 'resume.bin', contentType: 'application/octet-stream', token: generated.uploadToken },
        onError: reject,
        onChunkComplete: (_chunk, accepted) => {
          if (accepted >= 1024 * 1024) {
            tusUrl = upload.url ?? undefined;
            void upload.abort().then(resolve, reject);
          }
        },
      });
      upload.start();
    });
    const offset = await tusOffset(tusUrl!);
    expect(offset).toBeGreaterThanOrEqual(1024 * 1024);
    expect(offset).toBeLessThan(3 * 1024 * 1024 + 5);

    let firstResumedOffset: number | undefined;
    await uploadWithTusClient(source.path, generated, {
      filename: 'resume.bin',
      contentType: 'application/octet-stream',
      chunkSize: 1024 * 1024,
      tusUrl,
      onUpload: (upload) => {
        upload.options.onProgress = (sent) => {
          firstResumedOffset ??= sent;
        };
      },
    });
    expect(firstResumedOffset).toBeGreaterThanOrEqual(offset);
    const finalized = await finalizeUpload(generated.uploadUrl, generated.uploadToken, 'resume.bin');
    expect(finalized.body.file.hash).toBe(source.md5);
  });
});
