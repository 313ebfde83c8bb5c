import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/local-app.js';
import { callWebMethod, requestJson } from '../support/wix-http.js';
import type { CreateUploadSessionResult, FolderSummary } from '../../src/shared/upload-api.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

describe('web methods in the local Wix runtime', () => {
  let app: App;
  let owner: string;
  beforeAll(async () => {
    app = await startTestApp();
    owner = await app.issueToken('USER');
  });
  afterAll(() => app.close());

  it('refuses a visitor or a member calling an Admin method (403), and a caller without a session (401)', async () => {
    for (const subject of ['VISITOR', 'MEMBER'] as const) {
      const refused = await callWebMethod(app.url, await app.issueToken(subject), 'createUploadSession', { mimeType: 'image/png' });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ exception: true, result: { message: expect.stringContaining('Permission denied') } });
    }
    const anonymous = await requestJson(`${app.url}/_webMethods/src/backend/uploads.web.ts/createUploadSession.ajax`, {
      body: [{ mimeType: 'image/png' }],
    });
    expect(anonymous.status).toBe(401);
  });

  it('answers 404 for an unknown file or method and 400 for a body that is not an argument list', async () => {
    expect((await requestJson(`${app.url}/_webMethods/src/backend/nope.web.ts/x.ajax`, { token: owner, body: [] })).status).toBe(404);
    expect((await callWebMethod(app.url, owner, 'notAMethod')).status).toBe(404);
    const notAList = await requestJson(`${app.url}/_webMethods/src/backend/uploads.web.ts/listFolders.ajax`, {
      token: owner,
      body: { a: 1 },
    });
    expect(notAList.status).toBe(400);
  });

  it('returns the reasons a request is refused before calling Wix', async () => {
    const { status, body } = await callWebMethod<CreateUploadSessionResult>(app.url, owner, 'createUploadSession', {
      mimeType: 'image/png',
      fileName: 'x'.repeat(201),
      labels: ['ok', 'y'.repeat(201)],
    });
    expect(status).toBe(200);
    expect(body.result).toEqual({
      ok: false,
      violations: [
        expect.objectContaining({ field: 'fileName', violatedRule: 'MAX_LENGTH' }),
        expect.objectContaining({ field: 'labels[1]', violatedRule: 'MAX_LENGTH' }),
      ],
    });
  });

  it('turns Wix refusing an unknown folder into a reason', async () => {
    const { body } = await callWebMethod<CreateUploadSessionResult>(app.url, owner, 'createUploadSession', {
      mimeType: 'image/png',
      parentFolderId: 'no-such-folder',
    });
    expect(body.result).toEqual({ ok: false, violations: [expect.objectContaining({ field: 'parentFolderId' })] });
  });

  it('lists the Media Manager folders for the picker', async () => {
    for (const displayName of ['Videos', 'Print files']) {
      await requestJson(`${app.url}/site-media/v1/folders`, { token: owner, body: { displayName } });
    }
    const { body } = await callWebMethod<FolderSummary[]>(app.url, owner, 'listFolders');
    expect(body.result.map((folder) => folder.displayName)).toEqual(['Print files', 'Videos']);
    expect(body.result[0]).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{32}$/), parentFolderId: 'media-root' });
  });
});
