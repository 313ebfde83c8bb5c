import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_LOG } from '../../src/backend/data-collections.js';
import { startTestApp } from '../support/local-app.js';
import { requestJson } from '../support/wix-http.js';

/** Wix Data on the local site: the declared collections only, each with its permissions. */
describe('declared, permissioned Wix Data collections', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const save = async (collectionId: string, token: string) =>
    requestJson(`${app.url}/wix-data/v2/items/save`, {
      token,
      body: { dataCollectionId: collectionId, dataItem: { data: { _id: 'x', status: 'READY' } } },
    });
  const query = async (collectionId: string, token: string) =>
    requestJson(`${app.url}/wix-data/v2/items/query`, { token, body: { dataCollectionId: collectionId, query: {} } });

  it('answers a collection nobody declared as Wix Data does: 404 WDE0025', async () => {
    const token = await app.issueToken('APP');
    for (const response of [await save('ResumableUploads', token), await query('Anything', token)]) {
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({
        message: expect.stringContaining('does not exist'),
        details: { applicationError: { code: 'WDE0025' } },
      });
    }
  });

  it('keeps the upload log to admins: visitors and members are refused reading and writing (403 WDE0027)', async () => {
    for (const subject of ['VISITOR', 'MEMBER'] as const) {
      const token = await app.issueToken(subject);
      for (const response of [await save(UPLOAD_LOG.id, token), await query(UPLOAD_LOG.id, token)]) {
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ details: { applicationError: { code: 'WDE0027' } } });
      }
    }
    const get = await requestJson(`${app.url}/wix-data/v2/items/x?dataCollectionId=${encodeURIComponent(UPLOAD_LOG.id)}`, {
      token: await app.issueToken('VISITOR'),
    });
    expect(get.status).toBe(403);
  });

  it('lets the app (elevated) and the site owner use it', async () => {
    expect((await save(UPLOAD_LOG.id, await app.issueToken('APP'))).status).toBe(200);
    const read = await query(UPLOAD_LOG.id, await app.issueToken('USER'));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ dataItems: [expect.objectContaining({ id: 'x' })] });
  });
});
