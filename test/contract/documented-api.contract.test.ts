/**
 * The contract: what Wix documents for resumable uploads (Generate File Resumable Upload URL and
 * the Resumable Upload API, the current @wix/media typings). What the app assumes where Wix
 * documents nothing is asked in assumptions.test.ts. It runs against the local Wix in `npm test`;
 * with WIX_SITE_ID and WIX_API_KEY set, `npm run test:contract` runs the same cases against that site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWixUploadUrl } from '../../src/backend/upload-hosts.js';
import { makePng } from '../support/files.js';
import { createTusUpload, finalizeUpload } from '../support/upload-session.js';
import { ON_REAL_SITE, openContractTarget, type ContractTarget } from './support/target.js';

const RUN = `contract-${Date.now().toString(36)}`;

/** Generate File Resumable Upload URL's limits, as the current @wix/media typings document them. */
const DOCUMENTED = { mimeType: 100, fileName: 1000, filePath: 100, label: 200, labels: 500 } as const;
const SETTLE_TIMEOUT_MS = ON_REAL_SITE ? 120_000 : 10_000;

interface Generated {
  uploadUrl: string;
  uploadToken: string;
}

function fieldsOf(error: unknown): string[] {
  const violations = (error as { details?: { validationError?: { fieldViolations?: { field: string }[] } } }).details?.validationError
    ?.fieldViolations;
  // The SDK names a violated field by the argument it came in: options.fileName.
  return (violations ?? []).map((violation) => violation.field.replace(/^options\./, ''));
}

describe(`the resumable upload contract (${ON_REAL_SITE ? 'a real Wix site' : 'the local Wix'})`, () => {
  let target: ContractTarget;
  beforeAll(async () => {
    target = await openContractTarget();
  }, 60_000);
  afterAll(() => target?.close());

  const generate = async (
    mimeType: string,
    options: Parameters<ContractTarget['wix']['files']['generateFileResumableUploadUrl']>[1] = {},
  ) => {
    const answer = await target.wix.files.generateFileResumableUploadUrl(mimeType, { uploadProtocol: 'TUS', ...options });
    return { uploadUrl: answer.uploadUrl!, uploadToken: answer.uploadToken! } satisfies Generated;
  };

  /** The documented flow: a tus upload with filename, contentType and token, then the finalize PUT. */
  async function upload(bytes: Buffer, name: string, mimeType: string, options: { private?: boolean; filePath?: string } = {}) {
    const generated = await generate(mimeType, { fileName: name, ...options });
    const created = await createTusUpload(
      generated.uploadUrl,
      bytes.length,
      { filename: name, contentType: mimeType, token: generated.uploadToken },
      bytes,
    );
    expect(created.status).toBe(201);
    const finalized = await finalizeUpload(generated.uploadUrl, generated.uploadToken, name);
    expect(finalized.status).toBe(200);
    return { generated, file: finalized.body.file };
  }

  async function settled(fileId: string): Promise<string> {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    for (;;) {
      const { operationStatus } = await target.wix.files.getFileDescriptor(fileId);
      if (operationStatus !== 'PENDING') return String(operationStatus);
      if (Date.now() > deadline) throw new Error(`${fileId} still PENDING after ${SETTLE_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, ON_REAL_SITE ? 2000 : 50));
    }
  }

  it('generates an upload URL of the documented shape, on a host the backend may finalize to', async () => {
    const answer = await target.wix.files.generateFileResumableUploadUrl('image/png', { fileName: 'a.png', uploadProtocol: 'TUS' });
    expect(answer.uploadProtocol).toBe('TUS');
    expect(typeof answer.uploadToken).toBe('string');
    expect(answer.uploadToken!.length).toBeLessThanOrEqual(2000);
    expect(isWixUploadUrl(answer.uploadUrl!), answer.uploadUrl).toBe(true);
  });

  it.each([
    ['mimeType', (n: number) => [`image/${'x'.repeat(n - 6)}`, {}] as const, DOCUMENTED.mimeType],
    // The app keeps names to 255 characters, what Wix shows of one.
    ['fileName', (n: number) => ['image/png', { fileName: 'f'.repeat(n) }] as const, DOCUMENTED.fileName],
    ['filePath', (n: number) => ['image/png', { filePath: `/${RUN}/${'p'.repeat(n - RUN.length - 2)}` }] as const, DOCUMENTED.filePath],
    ['labels', (n: number) => ['image/png', { labels: ['l'.repeat(n)] }] as const, DOCUMENTED.label],
  ])('accepts %s at its documented bound and refuses it one over, naming the field', async (field, build, bound) => {
    const [mimeType, options] = build(bound);
    await expect(generate(mimeType, options)).resolves.toMatchObject({ uploadToken: expect.any(String) });
    const [overType, overOptions] = build(bound + 1);
    const refusal = await generate(overType, overOptions).catch((error: unknown) => error);
    expect(
      fieldsOf(refusal).some((name) => name.startsWith(field)),
      `violations: ${fieldsOf(refusal).join(', ')}`,
    ).toBe(true);
  });

  it(`refuses more than ${DOCUMENTED.labels} labels`, async () => {
    const labels = Array.from({ length: DOCUMENTED.labels + 1 }, (_, index) => `l${index}`);
    const refusal = await generate('image/png', { labels }).catch((error: unknown) => error);
    expect(fieldsOf(refusal)).toContain('labels');
  });

  it('uploads over tus with the documented metadata, finalizes, and describes the file; it becomes READY', async () => {
    const png = makePng(37, 21);
    const name = `${RUN}-shirt.png`;
    const { file } = await upload(png, name, 'image/png');
    expect(file).toMatchObject({
      id: expect.any(String),
      displayName: name,
      url: expect.stringMatching(/^https?:\/\//),
      sizeInBytes: String(png.length),
      private: false,
      mediaType: 'IMAGE',
      operationStatus: expect.stringMatching(/^(PENDING|READY)$/),
    });
    expect(await settled(String(file.id))).toBe('READY');
    const served = await fetch(String(file.url));
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
  });

  it("keeps the first 255 characters of a longer fileName as the file's name", async () => {
    const name = `${RUN}-${'n'.repeat(300)}.txt`;
    const generated = await generate('text/plain', { fileName: name });
    const created = await createTusUpload(
      generated.uploadUrl,
      4,
      { contentType: 'text/plain', token: generated.uploadToken },
      Buffer.from('long'),
    );
    expect(created.status).toBe(201);
    const finalized = await finalizeUpload(generated.uploadUrl, generated.uploadToken);
    expect(finalized.body.file.displayName).toBe(name.slice(0, 255));
  });

  it('creates the folders of filePath under media-root', async () => {
    const { file } = await upload(Buffer.from('in a folder'), `${RUN}-note.txt`, 'text/plain', { filePath: `/${RUN}/nested` });
    const folder = await target.wix.folders.getFolder(String(file.parentFolderId));
    expect(folder.displayName).toBe('nested');
    const parent = await target.wix.folders.getFolder(String(folder.parentFolderId));
    expect(parent.displayName).toBe(RUN);
  });

  it('refuses a private file at its URL and serves it through a download URL', async () => {
    const bytes = Buffer.from(`private ${RUN}`);
    const { file } = await upload(bytes, `${RUN}-private.txt`, 'text/plain', { private: true });
    expect(file.private).toBe(true);
    expect((await fetch(String(file.url))).status).toBe(403);
    const { downloadUrls } = await target.wix.files.generateFileDownloadUrl(String(file.id));
    const downloaded = await fetch(String(downloadUrls?.[0]?.url));
    expect(downloaded.status).toBe(200);
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it.skipIf(ON_REAL_SITE)(
    'fails a file whose bytes contradict its declared type (local Wix only: Wix documents no rule for it)',
    async () => {
      const { file } = await upload(Buffer.from('not a video at all'), `${RUN}-fake.mp4`, 'video/mp4');
      expect(await settled(String(file.id))).toBe('FAILED');
    },
  );
});
