import { items } from '@wix/data';
import { auth } from '@wix/essentials';
import { isAlreadyExists } from '../shared/wix-errors';

/**
 * Counting that holds under concurrent requests, with what Wix Data guarantees: it has no
 * transactions, but it refuses an insert whose _id exists (WDE0074). A count of at most `limit`
 * is a scope's numbered places `<scope>:1` … `<scope>:<limit>`: taking a place is inserting its
 * item, and of two requests that insert the same place at the same moment exactly one succeeds.
 * Reading a count and then writing it back would let every request of a burst pass.
 */

/** Wix Data's largest query page: a scope of at most this many places is read whole. */
const READ_WHOLE = 1000;

/** Inserts the item, or answers false when an item with its _id exists. Other failures are thrown. */
export async function insertOnce(collectionId: string, item: Record<string, unknown> & { _id: string }): Promise<boolean> {
  try {
    await auth.elevate(items.insert)(collectionId, item);
    return true;
  } catch (error) {
    if (isAlreadyExists(error)) return false;
    throw error;
  }
}

/** A count kept as numbered places: which collection, the field naming the scope, the field numbering the place. */
export interface NumberedScope {
  collectionId: string;
  scopeField: string;
  scope: string;
  numberField: string;
  limit: number;
  /** The _id of place n. */
  idOf(n: number): string;
}

/**
 * Takes the lowest free place of the scope and answers its number, or undefined when all
 * `limit` places are taken. A scope of up to 1000 places is read whole, so a place given back
 * (`releaseClaim`) is taken again; a larger one (a site's daily count) is counted and taken from
 * the count up, and its places are never given back.
 */
export async function claimNumbered(scope: NumberedScope, fields: Record<string, unknown> = {}): Promise<number | undefined> {
  const query = auth.elevate(items.query)(scope.collectionId).eq(scope.scopeField, scope.scope);
  let taken = new Set<number>();
  let first = 1;
  if (scope.limit <= READ_WHOLE) {
    const found = await query.limit(READ_WHOLE).find();
    if (found.items.length >= scope.limit) return undefined;
    taken = new Set(found.items.map((item) => Number(item[scope.numberField])));
  } else {
    const count = await query.count();
    if (count >= scope.limit) return undefined;
    first = count + 1;
  }
  for (let n = first; n <= scope.limit; n++) {
    if (taken.has(n)) continue;
    const item = { ...fields, _id: scope.idOf(n), [scope.scopeField]: scope.scope, [scope.numberField]: n };
    if (await insertOnce(scope.collectionId, item)) return n;
  }
  return undefined;
}

/** Gives a place back (a later step refused the request that took it). */
export async function releaseClaim(collectionId: string, id: string): Promise<void> {
  await auth.elevate(items.remove)(collectionId, id);
}
