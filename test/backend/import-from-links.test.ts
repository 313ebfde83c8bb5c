import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/local-app.js';
import { callWebMethod, waitFor } from '../support/wix-http.js';
import { startLinkServer } from '../support/link-server.js';
import { makePng } from '../support/files.js';
import { PRODUCTION_ERROR_MESSAGE } from '../../local/app-runtime/web-methods.js';
import type { ImportFromLinksResult, UploadStatusReport, UploadStatusResult } from '../../src/shared/upload-methods.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

/** importFromLinks against the local Wix: checked here, imported by Wix (fetched from 127.0.0.1), logged like an upload. */
describe('importFromLinks', () => {
  let app: App;
  let owner: string;
  let links: Awaited<ReturnType<typeof startLinkServer>>;
  const png = makePng(12, 12);

  beforeAll(async () => {
    app = await startTestApp();
    owner = await app.issueToken('USER');
    links = await startLinkServer({
      '/shoot/cover%20photo.png': { body: png, contentType: 'image/png' },
      '/missing.mp4': { status: 404 },
    });
  });
  afterAll(async () => {
    await links.close();
    await app.close();
  });

  const importLinks = (...args: unknown[]) => callWebMethod<ImportFromLinksResult>(app.url, owner, 'importFromLinks', ...args);

  async function statusOf(fileId: string, until: (report: UploadStatusReport) => boolean): Promise<UploadStatusReport> {
    return waitFor(async () => {
      const { body } = await callWebMethod<UploadStatusResult>(app.url, owner, 'getUploadStatus', [fileId]);
      const report = body.result.ok ? body.result.reports[0] : undefined;
      return report && until(report) ? report : undefined;
    }, `status of ${fileId}`);
  }

  it("imports each link into the folder asked, logged PENDING, then READY or FAILED with Wix's reason", async () => {
    const { body } = await importLinks([
      { url: links.url('/shoot/cover%20photo.png'), filePath: '/clients/2026', labels: ['from-link'] },
      { url: links.url('/missing.mp4') },
    ]);
    expect(body.result.ok).toBe(true);
    if (!body.result.ok) return;
    const [photo, missing] = body.result.imports;
    expect(photo).toMatchObject({ ok: true, report: { status: 'PENDING', displayName: 'cover photo.png', labels: ['from-link'] } });
    expect(missing).toMatchObject({ ok: true, report: { status: 'PENDING', displayName: 'missing.mp4' } });
    if (!photo?.ok || !missing?.ok) return;
    expect(await statusOf(photo.report.fileId, (report) => report.status !== 'PENDING')).toMatchObject({
      status: 'READY',
      sizeInBytes: String(png.length),
      mediaType: 'IMAGE',
    });
    const failed = await statusOf(missing.report.fileId, (report) => report.status === 'FAILED' && report.failureDescription !== undefined);
    expect(failed.failureDescription).toContain('404');
    const recent = await callWebMethod<UploadStatusReport[]>(app.url, owner, 'listRecentUploads', 10);
    expect(recent.body.result.map((report) => report.fileId)).toEqual(expect.arrayContaining([photo.report.fileId, missing.report.fileId]));
  });

  it('refuses the whole request, naming each link at fault, before asking Wix: scheme, length, credentials, names, count', async () => {
    const hitsBefore = links.hits('/shoot/cover%20photo.png');
    const { body } = await importLinks([
      { url: links.url('/shoot/cover%20photo.png') },
      { url: 'file:///etc/passwd' },
      { url: 'javascript:alert(1)' },
      { url: `https://example.com/${'a'.repeat(2100)}.mp4` },
      { url: 'https://user:secret@example.com/a.mp4' },
      { url: 'https://example.com/a.mp4', displayName: 'bad\u202Ename.mp4' },
      { url: 'https://example.com/a.mp4', filePath: '/../x' },
      { url: 'not a link' },
      'just a string',
    ]);
    expect(body.result).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    if (body.result.ok) return;
    expect(body.result.violations?.map((violation) => violation.field)).toEqual([
      'links[1].url',
      'links[2].url',
      'links[3].url',
      'links[4].url',
      'links[5].displayName',
      'links[6].filePath',
      'links[7].url',
      'links[8]',
    ]);
    const many = Array.from({ length: 101 }, () => ({ url: links.url('/shoot/cover%20photo.png') }));
    expect((await importLinks(many)).body.result).toMatchObject({ ok: false, violations: [{ field: 'links', violatedRule: 'MAX_SIZE' }] });
    expect((await importLinks([])).body.result).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    expect((await importLinks(undefined)).body.result).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    expect(links.hits('/shoot/cover%20photo.png')).toBe(hitsBefore);
  });

  it("is the owner's alone: a visitor or a member is refused as an exception, and nothing is fetched", async () => {
    const hitsBefore = links.hits('/shoot/cover%20photo.png');
    for (const role of ['VISITOR', 'MEMBER'] as const) {
      const token = await app.issueToken(role);
      const { body } = await callWebMethod(app.url, token, 'importFromLinks', [{ url: links.url('/shoot/cover%20photo.png') }]);
      expect(body).toMatchObject({ exception: true, result: { message: PRODUCTION_ERROR_MESSAGE } });
    }
    expect(links.hits('/shoot/cover%20photo.png')).toBe(hitsBefore);
  });

  it("answers a folder that does not exist as Wix's refusal of the input, importing nothing", async () => {
    const { body } = await importLinks([{ url: links.url('/shoot/cover%20photo.png'), parentFolderId: 'no-such-folder' }]);
    expect(body.result).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    expect(links.hits('/shoot/cover%20photo.png')).toBe(1);
  });
});
