/**
 * The local Wix keeps Wix's documented rules and nothing of the app's own: what Wix's documentation
 * accepts, it accepts (the current @wix/media typings: Generate File Resumable Upload URL's
 * `fileName` up to 1000 characters, truncated by Wix to 255; `sizeInBytes` read-only; nothing said
 * of control characters). The app's own rules are tested in the app (test/policies/upload-request-policy.test.ts,
 * test/backend/web-methods.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../local/server.js';
import { startTestApp } from '../support/local-app.js';
import { createTusUpload, finalizeUpload, generateUploadUrl } from '../support/upload-session.js';
import { requestJson } from '../support/wix-http.js';

type App = Awaited<ReturnType<typeof startTestApp>>;
const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|mjs)$/.test(entry.name) ? [full] : [];
  });
}

describe("the local Wix keeps Wix's documented rules only", () => {
  let app: App;
  let owner: string;
  beforeAll(async () => {
    app = await startTestApp();
    owner = await app.issueToken('USER');
  });
  afterAll(() => app.close());

  it("imports nothing from the app's src/ (the app's collections reach it from local/server.ts)", () => {
    const emulator = path.join(PROJECT_DIR, 'local', 'emulator');
    const src = path.join(PROJECT_DIR, 'src') + path.sep;
    const intoSrc = sourceFiles(emulator).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(IMPORT)]
        .map(([, specifier]) => specifier!)
        .filter((specifier) => specifier.startsWith('.') && path.resolve(path.dirname(file), specifier).startsWith(src))
        .map((specifier) => `${path.relative(PROJECT_DIR, file)} imports ${specifier}`),
    );
    expect(intoSrc).toEqual([]);
  });

  it('accepts a fileName of 1000 characters, refuses 1001, and keeps the first 255 as the name', async () => {
    const generate = (fileName: string) =>
      requestJson<{ uploadUrl: string; uploadToken: string }>(`${app.url}/site-media/v1/files/generate-resumable-upload-url`, {
        token: owner,
        body: { mimeType: 'text/plain', fileName, uploadProtocol: 'TUS' },
      });
    const long = `${'n'.repeat(996)}.txt`;
    const accepted = await generate(long);
    expect(accepted.status).toBe(200);
    expect((await generate(`${long}x`)).status).toBe(400);
    await createTusUpload(accepted.body.uploadUrl, 2, { token: accepted.body.uploadToken }, Buffer.from('hi'));
    const finalized = await finalizeUpload(accepted.body.uploadUrl, accepted.body.uploadToken);
    expect(finalized.status).toBe(200);
    expect(finalized.body.file.displayName).toBe(long.slice(0, 255));
  });

  it('truncates a long finalize filename to 255 characters rather than refusing it', async () => {
    const generated = await generateUploadUrl(app.url, owner, { mimeType: 'text/plain' });
    await createTusUpload(generated.uploadUrl, 2, { token: generated.uploadToken }, Buffer.from('hi'));
    const finalized = await finalizeUpload(generated.uploadUrl, generated.uploadToken, 'y'.repeat(2000));
    expect(finalized.status).toBe(200);
    expect(finalized.body.file.displayName).toBe('y'.repeat(255));
  });

  it('accepts control and text-direction characters in names and labels: Wix documents no rule against them', async () => {
    const name = 'tab\there\u202e.txt';
    const generated = await generateUploadUrl(app.url, owner, {
      mimeType: 'text/plain',
      fileName: name,
      filePath: '/a\u0007b',
      labels: ['\u2066label'],
    });
    const created = await createTusUpload(
      generated.uploadUrl,
      2,
      { filename: 'nul\u0000.txt', token: generated.uploadToken },
      Buffer.from('hi'),
    );
    expect(created.status).toBe(201);
    const finalized = await finalizeUpload(generated.uploadUrl, generated.uploadToken, 'cr\rlf\n.txt');
    expect(finalized.status).toBe(200);
    expect(finalized.body.file).toMatchObject({ displayName: 'cr\rlf\n.txt', labels: ['\u2066label'] });
  });

  it('does not hold a tus upload to the sizeInBytes given at generation: the SDK marks that field read-only', async () => {
    const generated = await generateUploadUrl(app.url, owner, { mimeType: 'text/plain', fileName: 'size.txt', sizeInBytes: '3' });
    const created = await createTusUpload(generated.uploadUrl, 5, { token: generated.uploadToken }, Buffer.from('fives'));
    expect(created.status).toBe(201);
    const finalized = await finalizeUpload(generated.uploadUrl, generated.uploadToken);
    expect(finalized.body.file).toMatchObject({ sizeInBytes: '5' });
  });
});
