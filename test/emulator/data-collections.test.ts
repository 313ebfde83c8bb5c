import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_LOG } from '../../src/backend/data-collections.js';
import type { DataAccessLevel, DataCollectionDeclaration } from '../../src/shared/data-collection.js';
import { THIS_APP } from '../../local/server.js';
import type { SubjectType } from '../../local/emulator/platform/identity.js';
import { startTestApp } from '../support/local-app.js';
import { requestJson } from '../support/wix-http.js';

/** A collection whose every item action needs `level`. */
function collectionAt(level: DataAccessLevel): DataCollectionDeclaration {
  const idSuffix = level.toLowerCase().replaceAll('_', '-');
  return {
    id: `@probe/app/${idSuffix}`,
    idSuffix,
    displayName: level,
    fields: [{ key: 'note', displayName: 'Note', type: 'TEXT' }],
    permissions: { itemRead: level, itemInsert: level, itemUpdate: level, itemRemove: level },
  };
}

const LEVELS: DataAccessLevel[] = ['ANYONE', 'SITE_MEMBER', 'SITE_MEMBER_AUTHOR', 'CMS_EDITOR', 'PRIVILEGED'];

/** Wix Data on the local site: the declared collections only, each with its permissions in Wix's words. */
describe('declared, permissioned Wix Data collections', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const tokens = {} as Record<SubjectType, string>;
  beforeAll(async () => {
    app = await startTestApp({}, { ...THIS_APP, collections: [...THIS_APP.collections, ...LEVELS.map(collectionAt)] });
    for (const subject of ['VISITOR', 'MEMBER', 'USER', 'APP'] as const) tokens[subject] = await app.issueToken(subject);
  });
  afterAll(() => app.close());

  const save = async (collectionId: string, token: string, id = 'x') =>
    requestJson(`${app.url}/wix-data/v2/items/save`, {
      token,
      body: { dataCollectionId: collectionId, dataItem: { data: { _id: id, status: 'READY' } } },
    });
  const query = async (collectionId: string, token: string) =>
    requestJson<{ dataItems: { id: string }[] }>(`${app.url}/wix-data/v2/items/query`, {
      token,
      body: { dataCollectionId: collectionId, query: {} },
    });
  const remove = async (collectionId: string, token: string, id: string) =>
    requestJson(`${app.url}/wix-data/v2/items/remove`, { token, body: { dataCollectionId: collectionId, dataItemId: id } });

  it('answers a collection nobody declared as Wix Data does: 404 WDE0025', async () => {
    for (const response of [await save('ResumableUploads', tokens.APP), await query('Anything', tokens.APP)]) {
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({
        message: expect.stringContaining('does not exist'),
        details: { applicationError: { code: 'WDE0025' } },
      });
    }
  });

  it('declares the upload log in Wix Data permission words: every item action PRIVILEGED', () => {
    expect(UPLOAD_LOG.permissions).toEqual({
      itemRead: 'PRIVILEGED',
      itemInsert: 'PRIVILEGED',
      itemUpdate: 'PRIVILEGED',
      itemRemove: 'PRIVILEGED',
    });
  });

  // Which identity each access level admits, as the Data Permissions API's AccessLevel documents it
  // (@wix/auto_sdk_data_permissions): the site owner is an admin, the app's elevated calls are privileged.
  it.each([
    ['ANYONE', ['VISITOR', 'MEMBER', 'USER', 'APP']],
    ['SITE_MEMBER', ['MEMBER', 'USER', 'APP']],
    ['SITE_MEMBER_AUTHOR', ['MEMBER', 'USER', 'APP']],
    ['CMS_EDITOR', ['USER', 'APP']],
    ['PRIVILEGED', ['USER', 'APP']],
  ] as const)('%s admits %j and refuses the others with 403 WDE0027', async (level, admitted) => {
    const { id } = collectionAt(level);
    for (const subject of ['VISITOR', 'MEMBER', 'USER', 'APP'] as const) {
      const written = await save(id, tokens[subject], `by-${subject}`);
      const read = await query(id, tokens[subject]);
      const allowed = (admitted as readonly string[]).includes(subject);
      expect([written.status, read.status], `${subject} on ${level}`).toEqual(allowed ? [200, 200] : [403, 403]);
      if (!allowed) expect(written.body).toMatchObject({ details: { applicationError: { code: 'WDE0027' } } });
    }
  });

  it('SITE_MEMBER_AUTHOR: a member reads, updates and removes only the items they created; the owner and the app reach all', async () => {
    const { id } = collectionAt('SITE_MEMBER_AUTHOR');
    expect((await save(id, tokens.USER, 'owners')).status).toBe(200);
    expect((await save(id, tokens.MEMBER, 'members')).status).toBe(200);
    expect((await query(id, tokens.MEMBER)).body.dataItems.map((item) => item.id)).not.toContain('owners');
    expect((await query(id, tokens.MEMBER)).body.dataItems.map((item) => item.id)).toContain('members');
    expect((await save(id, tokens.MEMBER, 'owners')).status).toBe(403);
    expect((await remove(id, tokens.MEMBER, 'owners')).status).toBe(403);
    const byId = await requestJson(`${app.url}/wix-data/v2/items/owners?dataCollectionId=${encodeURIComponent(id)}`, {
      token: tokens.MEMBER,
    });
    expect(byId.status).toBe(403);
    expect((await query(id, tokens.USER)).body.dataItems.map((item) => item.id)).toEqual(expect.arrayContaining(['owners', 'members']));
    expect((await remove(id, tokens.APP, 'members')).status).toBe(200);
  });
});
