import { afterEach, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { startTestApp, tempDir } from '../support/local-app.js';
import { createTusUpload, finalizeUpload, generateUploadUrl, patchTus, tusOffset } from '../support/upload-session.js';

type App = Awaited<ReturnType<typeof startTestApp>>;
const md5Hex = (bytes: Buffer) => crypto.createHash('md5').update(bytes).digest('hex');

describe('the md5 of uploads, computed on the md5 worker', () => {
  const apps: App[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  async function start(dataDir: string): Promise<App> {
    // No processing: the File Ready events would outlive the test.
    const app = await startTestApp({ dataDir, processingDelayMs: 600_000 });
    apps.push(app);
    return app;
  }
  /** The same path on another origin: the app restarted on another port. */
  const at = (app: App, url: string) => `${app.url}${new URL(url).pathname}`;

  it('is that of the bytes for many uploads sent at once, in PATCHes of odd sizes', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const app = await start(dir);
    const owner = await app.issueToken('USER');
    const inputs = Array.from({ length: 12 }, (_, index) => crypto.randomBytes(100_000 + index * 4_099));
    const hashes = await Promise.all(
      inputs.map(async (bytes, index) => {
        const generated = await generateUploadUrl(app.url, owner, { mimeType: 'application/octet-stream', fileName: `f${index}.bin` });
        const created = await createTusUpload(generated.uploadUrl, bytes.length, { token: generated.uploadToken }, bytes.subarray(0, 777));
        for (let offset = 777, size = 33_333; offset < bytes.length; offset += size) {
          expect((await patchTus(created.location!, offset, bytes.subarray(offset, offset + size))).status).toBe(204);
        }
        const finalized = await finalizeUpload(generated.uploadUrl, generated.uploadToken);
        return finalized.body.file.hash;
      }),
    );
    expect(hashes).toEqual(inputs.map(md5Hex));
  });

  it('fails with a 500 only the upload whose md5 fails, and that upload continues after', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const first = await start(dir);
    const owner = await first.issueToken('USER');
    const broken = crypto.randomBytes(600_000);
    const healthy = crypto.randomBytes(500_000);
    const begin = async (bytes: Buffer, fileName: string) => {
      const generated = await generateUploadUrl(first.url, owner, { mimeType: 'application/octet-stream', fileName });
      const created = await createTusUpload(
        generated.uploadUrl,
        bytes.length,
        { token: generated.uploadToken },
        bytes.subarray(0, 200_000),
      );
      expect(created.status).toBe(201);
      return { generated, location: created.location! };
    };
    const a = await begin(broken, 'a.bin');
    const b = await begin(healthy, 'b.bin');
    await first.close();
    apps.splice(apps.indexOf(first), 1);

    // Restarted, the server loads each upload's saved md5 state on its next PATCH; A's is damaged.
    const second = await start(dir);
    const brokenId = new URL(a.location).pathname.split('/').pop();
    second.wix.db.prepare('UPDATE upload_hashes SET state = ? WHERE tus_upload_id = ?').run(Buffer.from('not a saved md5 state'), brokenId);

    const failed = await patchTus(at(second, a.location), 200_000, broken.subarray(200_000, 400_000));
    expect(failed.status).toBe(500);
    expect(await failed.text()).toMatch(/md5 of the received bytes failed .*send the rest again/);
    expect((await patchTus(at(second, b.location), 200_000, healthy.subarray(200_000))).status).toBe(204);

    const offset = await tusOffset(at(second, a.location));
    expect((await patchTus(at(second, a.location), offset, broken.subarray(offset))).status).toBe(204);
    for (const [upload, bytes] of [
      [a, broken],
      [b, healthy],
    ] as const) {
      const finalized = await finalizeUpload(at(second, upload.generated.uploadUrl), upload.generated.uploadToken);
      expect(finalized.status).toBe(200);
      expect(finalized.body.file.hash).toBe(md5Hex(bytes));
    }
  });
});
