import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/local-app.js';
import { requestJson } from '../support/wix-http.js';
import { uploadSmallFile } from '../support/upload-session.js';
import { makePng } from '../support/files.js';
import { DownloadUrls } from '../../local/emulator/media/download-urls.js';

const HTML = Buffer.from('<!doctype html><script>fetch("/_local/identities",{method:"POST"})</script>');

/** Files are served from their own origin, never as active content, and private ones only through download URLs. */
describe('the media origin', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let owner: string;
  beforeAll(async () => {
    app = await startTestApp();
    owner = await app.issueToken('USER');
  });
  afterAll(() => app.close());

  it('serves bytes from another origin than the app, and nothing of media on the app origin', async () => {
    const file = await uploadSmallFile(app.url, owner, { name: 'shirt.png', mimeType: 'image/png', bytes: makePng(8, 8) });
    const url = new URL(String(file.url));
    expect(url.origin).toBe(app.mediaUrl);
    expect(url.origin).not.toBe(app.url);
    expect((await fetch(`${app.url}${url.pathname}`)).status).toBe(404);
    const image = await fetch(url);
    expect(image.status).toBe(200);
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(image.headers.get('content-security-policy')).toBeNull();
  });

  it('serves HTML, SVG and XML as sandboxed downloads, never inline', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    for (const [name, mimeType, bytes] of [
      ['page.html', 'text/html', HTML],
      ['logo.svg', 'image/svg+xml', svg],
      ['feed.xml', 'application/xml', Buffer.from('<?xml version="1.0"?><a/>')],
    ] as const) {
      const file = await uploadSmallFile(app.url, owner, { name, mimeType, bytes });
      const response = await fetch(String(file.url));
      expect(response.status, name).toBe(200);
      expect(response.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(response.headers.get('content-security-policy'), name).toBe('sandbox');
      expect(response.headers.get('content-disposition'), name).toMatch(/^attachment;/);
    }
  });

  it('refuses a private file at its URL (403) and serves it through a download URL', async () => {
    const bytes = Buffer.from('private contract');
    const file = await uploadSmallFile(app.url, owner, { name: 'contract.txt', mimeType: 'text/plain', bytes, private: true });
    expect(file.private).toBe(true);
    expect((await fetch(String(file.url))).status).toBe(403);

    const generated = await requestJson<{ downloadUrls: { url: string; assetKey: string }[] }>(
      `${app.url}/site-media/v1/files/generate-file-download-url`,
      { token: owner, body: { fileId: file.id, downloadFileName: 'signed.txt' } },
    );
    expect(generated.status).toBe(200);
    const [download] = generated.body.downloadUrls;
    expect(download!.assetKey).toBe('src');
    expect(new URL(download!.url).origin).toBe(app.mediaUrl);
    const response = await fetch(download!.url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    expect(response.headers.get('content-disposition')).toContain('signed.txt');
  });

  it('stops serving a download URL once it expires, or redirects where asked', async () => {
    const file = await uploadSmallFile(app.url, owner, { name: 'old.txt', mimeType: 'text/plain', bytes: Buffer.from('x'), private: true });
    const downloads = new DownloadUrls(app.wix.signer, () => app.mediaUrl);
    const expired = await downloads.create({ fileId: String(file.id), contentDisposition: 'ATTACHMENT', expirationInMinutes: -1 });
    expect((await fetch(expired)).status).toBe(403);
    const redirecting = await downloads.create({
      fileId: String(file.id),
      contentDisposition: 'ATTACHMENT',
      expirationInMinutes: -1,
      expirationRedirectUrl: 'https://example.invalid/expired',
    });
    const response = await fetch(redirecting, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://example.invalid/expired');
    expect((await fetch(`${app.mediaUrl}/download/forged.token.here`)).status).toBe(403);
  });

  it('checks the download URL request as Wix documents it, and only for apps and Wix users', async () => {
    const bad = await requestJson(`${app.url}/site-media/v1/files/generate-file-download-url`, {
      token: owner,
      body: { fileId: 'x', expirationInMinutes: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      details: { validationError: { fieldViolations: [expect.objectContaining({ field: 'expirationInMinutes' })] } },
    });
    const unknown = await requestJson(`${app.url}/site-media/v1/files/generate-file-download-url`, {
      token: owner,
      body: { fileId: 'nope' },
    });
    expect(unknown.status).toBe(404);
    const visitor = await requestJson(`${app.url}/site-media/v1/files/generate-file-download-url`, {
      token: await app.issueToken('VISITOR'),
      body: { fileId: 'nope' },
    });
    expect(visitor.status).toBe(403);
  });
});
