import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/local-app.js';
import { requestJson } from '../support/wix-http.js';

type App = Awaited<ReturnType<typeof startTestApp>>;
type ErrorBody = {
  message: string;
  details: {
    validationError?: { fieldViolations: { field: string; description: string; violatedRule: string }[] };
    applicationError?: { code: string; description: string };
  };
};

describe('POST /site-media/v1/files/generate-resumable-upload-url', () => {
  let app: App;
  let owner: string;
  let endpoint: string;
  beforeAll(async () => {
    app = await startTestApp();
    owner = await app.issueToken('USER');
    endpoint = `${app.url}/site-media/v1/files/generate-resumable-upload-url`;
  });
  afterAll(() => app.close());

  const generate = (body: unknown, token: string | null = owner) =>
    requestJson<ErrorBody & Record<string, string>>(endpoint, { token: token ?? undefined, body });
  const x = (n: number) => 'x'.repeat(n);

  it('answers the documented shape', async () => {
    const { status, body } = await generate({
      mimeType: 'image/jpeg',
      fileName: 'T-shirt',
      sizeInBytes: '2608831',
      private: false,
      uploadProtocol: 'TUS',
    });
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['uploadProtocol', 'uploadToken', 'uploadUrl']);
    expect(body.uploadProtocol).toBe('TUS');
    expect(body.uploadUrl).toBe(`${app.url}/upload/tus`);
    expect(body.uploadToken!.length).toBeLessThanOrEqual(2000);
  });

  it.each([
    ['mimeType', { mimeType: `image/${x(94)}` }, { mimeType: `image/${x(95)}` }, 'MAX_LENGTH'],
    ['fileName', { mimeType: 'image/png', fileName: x(1000) }, { mimeType: 'image/png', fileName: x(1001) }, 'MAX_LENGTH'],
    ['filePath', { mimeType: 'image/png', filePath: `/${x(99)}` }, { mimeType: 'image/png', filePath: `/${x(100)}` }, 'MAX_LENGTH'],
    [
      'labels',
      { mimeType: 'image/png', labels: Array.from({ length: 500 }, (_, i) => `l${i}`) },
      { mimeType: 'image/png', labels: Array.from({ length: 501 }, (_, i) => `l${i}`) },
      'MAX_SIZE',
    ],
    ['labels[1]', { mimeType: 'image/png', labels: ['a', x(200)] }, { mimeType: 'image/png', labels: ['a', x(201)] }, 'MAX_LENGTH'],
  ])('accepts %s at its bound and refuses it one over, naming the field and the rule', async (field, atBound, overBound, rule) => {
    expect((await generate(atBound)).status).toBe(200);
    const refused = await generate(overBound);
    expect(refused.status).toBe(400);
    expect(refused.body.details.validationError?.fieldViolations).toEqual([expect.objectContaining({ field, violatedRule: rule })]);
    expect(refused.body.message).toContain(field);
  });

  it('refuses parentFolderId over 100 characters with 400 and an unknown one with 404', async () => {
    const long = await generate({ mimeType: 'image/png', parentFolderId: x(101) });
    expect(long.status).toBe(400);
    expect(long.body.details.validationError?.fieldViolations[0]).toMatchObject({ field: 'parentFolderId', violatedRule: 'MAX_LENGTH' });
    const unknown = await generate({ mimeType: 'image/png', parentFolderId: x(100) });
    expect(unknown.status).toBe(404);
    expect(unknown.body.details.applicationError?.code).toBe('FOLDER_NOT_FOUND');
  });

  it.each([
    [{}, 'mimeType', 'REQUIRED_FIELD'],
    [{ mimeType: '' }, 'mimeType', 'REQUIRED_FIELD'],
    [{ mimeType: 'png' }, 'mimeType', 'OTHER'],
    [{ mimeType: 'image/png', private: 'yes' }, 'private', 'TYPE'],
    [{ mimeType: 'image/png', uploadProtocol: 'HTTP' }, 'uploadProtocol', 'INVALID_ENUM_VALUE'],
    [{ mimeType: 'image/png', labels: 'a,b' }, 'labels', 'TYPE'],
    [{ mimeType: 'image/png', sizeInBytes: '-1' }, 'sizeInBytes', 'FORMAT'],
  ])('refuses %j with 400 naming %s', async (body, field, rule) => {
    const refused = await generate(body);
    expect(refused.status).toBe(400);
    expect(refused.body.details.validationError?.fieldViolations).toContainEqual(expect.objectContaining({ field, violatedRule: rule }));
  });

  it('refuses a body that is not JSON with 400, and one not sent as JSON with 415', async () => {
    const json = { Authorization: owner, 'Content-Type': 'application/json' };
    expect((await fetch(endpoint, { method: 'POST', headers: json, body: '{not json' })).status).toBe(400);
    const asText = await fetch(endpoint, {
      method: 'POST',
      headers: { Authorization: owner },
      body: JSON.stringify({ mimeType: 'image/png' }),
    });
    expect(asText.status).toBe(415);
    expect(await asText.json()).toMatchObject({ details: { applicationError: { code: 'UNSUPPORTED_MEDIA_TYPE' } } });
  });

  it('needs an Authorization header (401) and a Wix user or app (403 for a visitor)', async () => {
    expect((await generate({ mimeType: 'image/png' }, null)).status).toBe(401);
    expect((await generate({ mimeType: 'image/png' }, 'forged.token.here')).status).toBe(401);
    const visitor = await app.issueToken('VISITOR');
    const refused = await generate({ mimeType: 'image/png' }, visitor);
    expect(refused.status).toBe(403);
    expect((await generate({ mimeType: 'image/png' }, await app.issueToken('APP'))).status).toBe(200);
  });

  it('creates the folders of filePath under parentFolderId once, even for concurrent requests', async () => {
    const parent = await requestJson<{ folder: { id: string } }>(`${app.url}/site-media/v1/folders`, {
      token: owner,
      body: { displayName: 'Shoots' },
    });
    expect(parent.status).toBe(200);
    const parentFolderId = parent.body.folder.id;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => generate({ mimeType: 'video/mp4', parentFolderId, filePath: '/2024/december/' })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const year = await requestJson<{ folders: { id: string; displayName: string }[] }>(
      `${app.url}/site-media/v1/folders?parentFolderId=${parentFolderId}`,
      { token: owner },
    );
    expect(year.body.folders.map((f) => f.displayName)).toEqual(['2024']);
    const month = await requestJson<{ folders: { displayName: string }[] }>(
      `${app.url}/site-media/v1/folders?parentFolderId=${year.body.folders[0]!.id}`,
      { token: owner },
    );
    expect(month.body.folders.map((f) => f.displayName)).toEqual(['december']);
  });
});
