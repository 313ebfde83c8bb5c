import { randomUUID } from 'node:crypto';
import type { Router } from './http.js';
import { readJsonBody, sendJson } from './http.js';
import { WixApiError } from './api-error.js';
import type { TokenSigner, Identity } from './identity.js';
import type { SqlDatabase } from './database.js';
import { matches, sortItems, QueryError, type DataItem, type SortSpec } from './data-query.js';

const BASE = '/wix-data/v2';
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function notFound(collectionId: string, id: string): WixApiError {
  return WixApiError.application(404, 'WDE0073', `Item ${id} not found in ${collectionId}`);
}

function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') {
    throw WixApiError.validation([{ field, description: 'is required', violatedRule: 'REQUIRED_FIELD' }]);
  }
  return value;
}

/** Items of Wix Data collections, as the @wix/data `items` SDK calls them. Collections need no schema here. */
class DataItems {
  constructor(private readonly db: SqlDatabase) {}

  get(collectionId: string, id: string): DataItem | undefined {
    const row = this.db.prepare('SELECT data FROM data_items WHERE collection_id = ? AND id = ?').get(collectionId, id) as
      | { data: string }
      | undefined;
    return row && (JSON.parse(row.data) as DataItem);
  }

  all(collectionId: string): DataItem[] {
    return (this.db.prepare('SELECT data FROM data_items WHERE collection_id = ?').all(collectionId) as { data: string }[]).map(
      (row) => JSON.parse(row.data) as DataItem,
    );
  }

  /** Writes the item with its system fields; keeps _createdDate and _owner of an existing item. */
  write(collectionId: string, data: DataItem, owner: string): DataItem {
    const id = typeof data._id === 'string' && data._id ? data._id : randomUUID();
    const existing = this.get(collectionId, id);
    const now = { $date: new Date().toISOString() };
    const item: DataItem = {
      ...data,
      _id: id,
      _createdDate: existing?._createdDate ?? now,
      _updatedDate: now,
      _owner: existing?._owner ?? owner,
    };
    this.db
      .prepare(
        `INSERT INTO data_items (collection_id, id, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (collection_id, id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
      )
      .run(collectionId, id, JSON.stringify(item), (item._createdDate as { $date: string }).$date, now.$date);
    return item;
  }

  remove(collectionId: string, id: string): void {
    this.db.prepare('DELETE FROM data_items WHERE collection_id = ? AND id = ?').run(collectionId, id);
  }
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

export function mountDataApi(router: Router, db: SqlDatabase, signer: TokenSigner): void {
  const items = new DataItems(db);

  async function request(req: import('node:http').IncomingMessage): Promise<{ identity: Identity; body: Record<string, unknown> }> {
    const identity = await signer.authenticate(req);
    return { identity, body: record(await readJsonBody(req)) };
  }

  function itemPayload(body: Record<string, unknown>): { collectionId: string; data: DataItem } {
    const collectionId = requireString(body.dataCollectionId, 'dataCollectionId');
    const dataItem = record(body.dataItem);
    const data = record(dataItem.data);
    if (typeof dataItem.id === 'string' && dataItem.id && data._id === undefined) data._id = dataItem.id;
    return { collectionId, data };
  }

  router.on('POST', `${BASE}/items`, async ({ req, res }) => {
    const { identity, body } = await request(req);
    const { collectionId, data } = itemPayload(body);
    if (typeof data._id === 'string' && items.get(collectionId, data._id)) {
      throw WixApiError.application(409, 'WDE0074', `Item ${data._id} already exists in ${collectionId}`);
    }
    sendJson(res, 200, { dataItem: wireItem(collectionId, items.write(collectionId, data, identity.subjectId)) });
  });

  router.on('POST', `${BASE}/items/save`, async ({ req, res }) => {
    const { identity, body } = await request(req);
    const { collectionId, data } = itemPayload(body);
    const existed = typeof data._id === 'string' && items.get(collectionId, data._id) !== undefined;
    const saved = items.write(collectionId, data, identity.subjectId);
    sendJson(res, 200, { dataItem: wireItem(collectionId, saved), action: existed ? 'UPDATED' : 'INSERTED' });
  });

  router.on('POST', `${BASE}/items/update`, async ({ req, res }) => {
    const { identity, body } = await request(req);
    const { collectionId, data } = itemPayload(body);
    const id = requireString(data._id, 'dataItem.data._id');
    if (!items.get(collectionId, id)) throw notFound(collectionId, id);
    sendJson(res, 200, { dataItem: wireItem(collectionId, items.write(collectionId, data, identity.subjectId)) });
  });

  router.on('POST', `${BASE}/items/remove`, async ({ req, res }) => {
    const { body } = await request(req);
    const collectionId = requireString(body.dataCollectionId, 'dataCollectionId');
    const id = requireString(body.dataItemId, 'dataItemId');
    const existing = items.get(collectionId, id);
    if (!existing) throw notFound(collectionId, id);
    items.remove(collectionId, id);
    sendJson(res, 200, { dataItem: wireItem(collectionId, existing) });
  });

  function runQuery(body: Record<string, unknown>): Record<string, unknown> {
    const collectionId = requireString(body.dataCollectionId, 'dataCollectionId');
    const query = record(body.query);
    const paging = record(query.paging ?? query.cursorPaging);
    const limit = paging.limit === undefined ? DEFAULT_LIMIT : Number(paging.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw WixApiError.validation([
        { field: 'query.paging.limit', description: `must be from 1 to ${MAX_LIMIT}`, violatedRule: 'FORMAT', data: { threshold: MAX_LIMIT } },
      ]);
    }
    const offset = paging.offset === undefined ? 0 : Number(paging.offset);
    if (!Number.isInteger(offset) || offset < 0) {
      throw WixApiError.validation([{ field: 'query.paging.offset', description: 'must be 0 or more', violatedRule: 'FORMAT' }]);
    }
    let found: DataItem[];
    try {
      found = sortItems(
        items.all(collectionId).filter((item) => matches(item, query.filter)),
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
    await signer.authenticate(req);
    sendJson(res, 200, runQuery(record(readQueryBody(url))));
  });

  router.on('POST', `${BASE}/items/query`, async ({ req, res }) => {
    const { body } = await request(req);
    sendJson(res, 200, runQuery(body));
  });

  router.on('POST', `${BASE}/items/count`, async ({ req, res }) => {
    const { body } = await request(req);
    const collectionId = requireString(body.dataCollectionId, 'dataCollectionId');
    sendJson(res, 200, { totalCount: items.all(collectionId).filter((item) => matches(item, body.filter)).length });
  });

  // After the fixed paths above: `query` and `count` are not item ids.
  router.on('GET', `${BASE}/items/:id`, async ({ req, res, url, params }) => {
    await signer.authenticate(req);
    const collectionId = requireString(url.searchParams.get('dataCollectionId'), 'dataCollectionId');
    const item = items.get(collectionId, params.id!);
    if (!item) throw notFound(collectionId, params.id!);
    sendJson(res, 200, { dataItem: wireItem(collectionId, item) });
  });
}
