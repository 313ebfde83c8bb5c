/**
 * The new Wix CLI replaces web methods with HTTP endpoints (docs/MIGRATION.md). The app's operations
 * are plain functions (src/backend/uploads.ts, visitor-uploads.ts) that the web methods wrap in one
 * line each and src/api/ serves as endpoints (src/backend/http-endpoints.ts): the engine runs the
 * same against either, here against the endpoints on the local app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpEndpointsBackend } from '../../clients/upload-backends.js';
import { HTTP_ENDPOINTS_PATH } from '../../local/app-runtime/http-endpoints.js';
import { UPLOAD_ENDPOINTS, VISITOR_UPLOAD_ENDPOINTS } from '../../src/backend/http-endpoints.js';
import * as uploadsWeb from '../../src/backend/uploads.web.js';
import * as visitorUploadsWeb from '../../src/backend/visitor-uploads.web.js';
import type { UploadStatusResult } from '../../src/shared/upload-methods.js';
import { sourceFromPath, UploadQueue, withMeta, type UploadItem } from '../../src/upload-engine/node/index.js';
import { md5OfUrl, writeRandomFile } from '../support/files.js';
import { startTestApp, tempDir } from '../support/local-app.js';
import { callWebMethod, requestJson, waitFor } from '../support/wix-http.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

/** Each web method's permission, as @wix/web-methods keeps it on the function. */
function permissionsOf(module: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(module).map(([name, method]) => [name, (method as { permission?: unknown }).permission]));
}

describe("the app's operations as HTTP endpoints", () => {
  let app: App;
  let owner: string;
  const dir = tempDir('rmu-endpoints-');

  beforeAll(async () => {
    app = await startTestApp();
    owner = await app.issueToken('USER');
  });
  afterAll(() => app.close());

  it('serves every web method as an endpoint with the same permission, and nothing more', () => {
    const permissions = (table: typeof UPLOAD_ENDPOINTS) =>
      Object.fromEntries(Object.entries(table).map(([name, endpoint]) => [name, endpoint.permission]));
    expect(permissions(UPLOAD_ENDPOINTS)).toEqual(permissionsOf(uploadsWeb));
    expect(permissions(VISITOR_UPLOAD_ENDPOINTS)).toEqual(permissionsOf(visitorUploadsWeb));
  });

  it('runs the upload engine against them: a file sent through the endpoints is READY, whole, in the upload log the web methods read', async () => {
    const file = writeRandomFile(dir, 'through-endpoints.bin', 3 * 1024 * 1024 + 7);
    const queue = new UploadQueue({
      backend: httpEndpointsBackend(`${app.url}${HTTP_ENDPOINTS_PATH}`, owner),
      chunkSize: 1024 * 1024,
      retryDelays: [0, 50, 100],
      statusPollIntervalMs: 50,
    });
    try {
      const [added] = queue.add(withMeta([sourceFromPath(file.path, 'application/octet-stream')], { filePath: '/endpoints' }));
      const ready = await waitFor<UploadItem>(async () => {
        const item = queue.getItem(added!.id);
        if (item?.state === 'failed' || item?.state === 'refused') throw new Error(`${item.state}: ${item.error?.message}`);
        return item?.state === 'ready' ? item : undefined;
      }, 'the file to be READY');
      expect(ready.verified).toBe(true);
      expect(await md5OfUrl(ready.url)).toBe(file.md5);
      const { body } = await callWebMethod<UploadStatusResult>(app.url, owner, 'getUploadStatus', [ready.fileId]);
      expect(body.result).toMatchObject({
        ok: true,
        reports: [{ fileId: ready.fileId, status: 'READY', displayName: 'through-endpoints.bin' }],
      });
    } finally {
      await queue.dispose();
    }
  });

  it('answers as the web methods do: a refusal as a value; a caller the permission does not admit, a bad body, an unknown operation as HTTP errors', async () => {
    const call = (route: string, token: string | undefined, body: unknown) =>
      requestJson(`${app.url}${HTTP_ENDPOINTS_PATH}/${route}`, { token, body });
    const refused = await call('uploads/createUploadSession', owner, [{ mimeType: 'video/mp4', fileName: 'a\u0000b.mp4' }]);
    expect(refused).toMatchObject({ status: 200, body: { ok: false, code: 'INVALID_REQUEST', violations: [{ field: 'fileName' }] } });
    const visitor = await app.issueToken('VISITOR');
    expect((await call('uploads/createUploadSession', visitor, [{ mimeType: 'video/mp4' }])).status).toBe(403);
    expect((await call('uploads/createUploadSession', undefined, [{ mimeType: 'video/mp4' }])).status).toBe(401);
    expect((await call('uploads/createUploadSession', owner, { mimeType: 'video/mp4' })).status).toBe(400);
    expect((await call('uploads/toString', owner, [])).status).toBe(404);
    expect((await call('nowhere/at-all', owner, [])).status).toBe(404);
    const terms = await call('visitor-uploads/getVisitorUploadTerms', visitor, []);
    expect(terms).toMatchObject({ status: 200, body: { enabled: false } });
  });
});
