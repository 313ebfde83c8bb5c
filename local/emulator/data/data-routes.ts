import type { Router } from '../platform/http.js';
import { readJsonBody, sendJson } from '../platform/http.js';
import { WixApiError } from '../platform/api-error.js';
import type { TokenSigner, Identity } from '../platform/identity.js';
import type { SqlDatabase } from '../platform/database.js';
import { matches, sortItems, QueryError, type DataItem, type SortSpec } from './data-query.js';
import { DataItems } from './data-items.js';
import { refused, type Authorization, type DataCollections, type ItemAction } from './data-collections.js';
import { asRecord } from '../platform/json.js';

const BASE = '/wix-data/v2';
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

function notFound(collectionId: string, id: string): WixApiError {
  return WixApiError.application(404, 'WDE0073', `Item ${id} not found in ${collectionId}`);
}

function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') {
    throw WixApiError.validation([{ field, description: 'is required', violatedRule: 'REQUIRED_FIELD' }]);
  }
  return value;
}

function wireItem(collectionId: string, item: DataItem): Record<string, unknown> {
  return { id: item._id, dataCollectionId: collectionId, data: item };
}

function readQueryBody(url: URL): unknown {
  const encoded = url.searchParams.get('.r');
  if (!encoded) return {};
  try {
    return JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as unknown;
  } catch {
    throw WixApiError.application(400, 'MALFORMED_QUERY', 'The .r query parameter is not base64url-encoded JSON');
  }
}

/** The Wix Data items calls, on the declared collections only, with their permissions enforced per caller. */
export function mountDataApi(router: Router, db: SqlDatabase, signer: TokenSigner, collections: DataCollections): void {
  const items = new DataItems(db);

  async function request(req: import('node:http').IncomingMessage): Promise<{ identity: Identity; body: Record<string, unknown> }> {
    const identity = await signer.authenticate(req);
    return { identity, body: asRecord(await readJsonBody(req)) };
  }

  /** Refuses an item outside the caller's reach (another's item, for a member on SITE_MEMBER_AUTHOR). */
  function requireReach(access: Authorization, action: ItemAction, item: DataItem | undefined): void {
    if (item && access.ownItemsOf !== undefined && item._owner !== access.ownItemsOf) throw refused(access.collection.id, action);
  }

  const within = (access: Authorization) => (item: DataItem) => access.ownItemsOf === undefined || item._owner === access.ownItemsOf;

  function itemPayload(body: Record<string, unknown>): { collectionId: string; data: DataItem } {
    const collectionId = requireString(body.dataCollectionId, 'dataCollectionId');
    const dataItem = asRecord(body.dataItem);
    const data = asRecord(dataItem.data);
    if (typeof dataItem.id === 'string' && dataItem.id && data._id === undefined) data._id = dataItem.id;
    return { collectionId, data };
  }

  router.on('POST', `${BASE}/items`, async ({ req, res }) => {
    const { identity, body } = await request(req);
    const { collectionId, data } = itemPayload(body);
    collections.authorize(collectionId, identity, 'itemInsert');
    const inserted = items.insert(collectionId, data, identity.subjectId);
    // Wix refuses an insert whose _id exists: 409, WDE0074 "Item already exists".
    if (!inserted) throw WixApiError.application(409, 'WDE0074', `Item ${String(data._id)} already exists in ${collectionId}`);
    sendJson(res, 200, { dataItem: wireItem(collectionId, inserted) });
  });

  router.on('POST', `${BASE}/items/save`, async ({ req, res }) => {
    const { identity, body } = await request(req);
    const { collectionId, data } = itemPayload(body);
    const existing = typeof data._id === 'string' ? items.get(collectionId, data._id) : undefined;
    const existed = existing !== undefined;
    const action = existed ? 'itemUpdate' : 'itemInsert';
    requireReach(collections.authorize(collectionId, identity, action), action, existing);
    const saved = items.write(collectionId, data, identity.subjectId);
    sendJson(res, 200, { dataItem: wireItem(collectionId, saved), action: existed ? 'UPDATED' : 'INSERTED' });
  });

  router.on('POST', `${BASE}/items/update`, async ({ req, res }) => {
    const { identity, body } = await request(req);
    const { collectionId, data } = itemPayload(body);
    const access = collections.authorize(collectionId, identity, 'itemUpdate');
    const id = requireString(data._id, 'dataItem.data._id');
    const existing = items.get(collectionId, id);
    if (!existing) throw notFound(collectionId, id);
    requireReach(access, 'itemUpdate', existing);
    sendJson(res, 200, { dataItem: wireItem(collectionId, items.write(collectionId, data, identity.subjectId)) });
  });

  router.on('POST', `${BASE}/items/remove`, async ({ req, res }) => {
    const { identity, body } = await request(req);
    const collectionId = requireString(body.dataCollectionId, 'dataCollectionId');
    const access = collections.authorize(collectionId, identity, 'itemRemove');
    const id = requireString(body.dataItemId, 'dataItemId');
    const existing = items.get(collectionId, id);
    if (!existing) throw notFound(collectionId, id);
    requireReach(access, 'itemRemove', existing);
    items.remove(collectionId, id);
    sendJson(res, 200, { dataItem: wireItem(collectionId, existing) });
  });

  function runQuery(identity: Identity, body: Record<string, unknown>): Record<string, unknown> {
    const collectionId = requireString(body.dataCollectionId, 'dataCollectionId');
    const access = collections.authorize(collectionId, identity, 'itemRead');
    const query = asRecord(body.query);
    const paging = asRecord(query.paging ?? query.cursorPaging);
    const limit = paging.limit === undefined ? DEFAULT_LIMIT : Number(paging.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw WixApiError.validation([
        {
          field: 'query.paging.limit',
          description: `must be from 1 to ${MAX_LIMIT}`,
          violatedRule: 'FORMAT',
          data: { threshold: MAX_LIMIT },
        },
      ]);
    }
    const offset = paging.offset === undefined ? 0 : Number(paging.offset);
    if (!Number.isInteger(offset) || offset < 0) {
      throw WixApiError.validation([{ field: 'query.paging.offset', description: 'must be 0 or more', violatedRule: 'FORMAT' }]);
    }
    let found: DataItem[];
    try {
      found = sortItems(
        items
          .all(collectionId)
          .filter(within(access))
          .filter((item) => matches(item, query.filter)),
        Array.isArray(query.sort) ? (query.sort as SortSpec[]) : undefined,
      );
    } catch (error) {
      if (error instanceof QueryError) throw WixApiError.application(400, 'WDE0004', error.message);
      throw error;
    }
    const page = found.slice(offset, offset + limit);
    return {
      dataItems: page.map((item) => wireItem(collectionId, item)),
      pagingMetadata: { count: page.length, offset, total: found.length, tooManyToCount: false, hasNext: offset + limit < found.length },
    };
  }

  router.on('GET', `${BASE}/items/query`, async ({ req, res, url }) => {
    const identity = await signer.authenticate(req);
    sendJson(res, 200, runQuery(identity, asRecord(readQueryBody(url))));
  });

  router.on('POST', `${BASE}/items/query`, async ({ req, res }) => {
    const { identity, body } = await request(req);
    sendJson(res, 200, runQuery(identity, body));
  });

  router.on('POST', `${BASE}/items/count`, async ({ req, res }) => {
    const { identity, body } = await request(req);
    const collectionId = requireString(body.dataCollectionId, 'dataCollectionId');
    const access = collections.authorize(collectionId, identity, 'itemRead');
    const counted = items
      .all(collectionId)
      .filter(within(access))
      .filter((item) => matches(item, body.filter));
    sendJson(res, 200, { totalCount: counted.length });
  });

  // After the fixed paths above: `query` and `count` are not item ids.
  router.on('GET', `${BASE}/items/:id`, async ({ req, res, url, params }) => {
    const identity = await signer.authenticate(req);
    const collectionId = requireString(url.searchParams.get('dataCollectionId'), 'dataCollectionId');
    const access = collections.authorize(collectionId, identity, 'itemRead');
    const item = items.get(collectionId, params.id!);
    if (!item) throw notFound(collectionId, params.id!);
    requireReach(access, 'itemRead', item);
    sendJson(res, 200, { dataItem: wireItem(collectionId, item) });
  });
}
