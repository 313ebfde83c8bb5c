import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/local-app.js';
import { rawStatus } from '../support/raw-request.js';

describe('the local server answers every request, and its pages cannot be framed by another origin', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  it('answers a request target no URL parser accepts with 400, on both origins, and keeps answering', async () => {
    for (const origin of [app.url, app.mediaUrl]) {
      for (const target of ['//[/', 'http://[/x', '//user@[::1', 'http://a b/']) {
        expect(await rawStatus(origin, `GET ${target} HTTP/1.1`), `${origin} ${target}`).toBe(400);
      }
    }
    expect((await fetch(`${app.url}/site-media/v1/folders`)).status).toBe(401);
    expect((await fetch(`${app.mediaUrl}/media/nothing-here`)).status).toBe(404);
  });

  it('answers malformed percent-encoding in a path with 400, not 500', async () => {
    const owner = await app.issueToken('USER');
    const paths = [`${app.mediaUrl}/media/%ZZ`, `${app.url}/site-media/v1/folders/%E0%A4%A`, `${app.url}/wix-data/v2/items/%C0`];
    for (const url of paths) {
      const response = await fetch(url, { headers: { Authorization: owner, 'Tus-Resumable': '1.0.0' } });
      expect(response.status, url).toBe(400);
      expect(await response.text(), url).toMatch(/percent-encoding/);
    }
    const tusHeaders = { 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' };
    expect((await fetch(`${app.url}/upload/tus/%ZZ`, { method: 'HEAD', headers: tusHeaders })).status).toBe(400);
    expect((await fetch(`${app.url}/upload/tus/%ZZ`, { method: 'PATCH', headers: tusHeaders, body: 'x' })).status).toBe(400);
  });

  it("tells browsers that only the app's own origin may frame its pages", async () => {
    for (const path of ['/', '/dashboard', '/site', '/site/editor', '/nothing-here']) {
      const response = await fetch(`${app.url}${path}`, { redirect: 'manual' });
      expect(response.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(response.headers.get('content-security-policy'), path).toBe("frame-ancestors 'self'");
    }
  });
});
