import { WixApiError } from './api-error.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  limit: number;
  offset: number;
}

/** Cursor paging as Wix does it: an opaque cursor, `paging.limit` at most 100. */
export function readCursorPaging(limitValue: unknown, cursorValue: unknown): PageRequest {
  let limit = DEFAULT_PAGE_SIZE;
  if (limitValue !== undefined && limitValue !== null && limitValue !== '') {
    limit = Number(limitValue);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw WixApiError.validation([
        { field: 'paging.limit', description: `must be a whole number from 1 to ${MAX_PAGE_SIZE}`, violatedRule: 'FORMAT' },
      ]);
    }
  }
  let offset = 0;
  if (typeof cursorValue === 'string' && cursorValue !== '') {
    try {
      const decoded = JSON.parse(Buffer.from(cursorValue, 'base64url').toString('utf8')) as { offset?: unknown };
      if (typeof decoded.offset !== 'number' || !Number.isInteger(decoded.offset) || decoded.offset < 0) throw new Error();
      offset = decoded.offset;
    } catch {
      throw WixApiError.validation([{ field: 'paging.cursor', description: 'is not a cursor this API returned', violatedRule: 'FORMAT' }]);
    }
  }
  return { limit, offset };
}

/** Wix's PagingMetadataV2 for a page read with one extra row to know whether more follow. */
export function nextCursor(page: PageRequest, hasMore: boolean): { cursors: { next?: string } } {
  if (!hasMore) return { cursors: {} };
  const next = Buffer.from(JSON.stringify({ offset: page.offset + page.limit })).toString('base64url');
  return { cursors: { next } };
}
