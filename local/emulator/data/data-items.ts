import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '../platform/database.js';
import type { DataItem } from './data-query.js';

/** Items of Wix Data collections, as the @wix/data `items` SDK calls them. Collections need no schema here. */
export class DataItems {
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

  /**
   * Adds a new item; false when an item with its _id exists (the database's own key decides, so of
   * two inserts of one _id at the same moment exactly one is added).
   */
  insert(collectionId: string, data: DataItem, owner: string): DataItem | undefined {
    const id = typeof data._id === 'string' && data._id ? data._id : randomUUID();
    const now = { $date: new Date().toISOString() };
    const item: DataItem = { ...data, _id: id, _createdDate: now, _updatedDate: now, _owner: owner };
    const result = this.db
      .prepare(
        `INSERT INTO data_items (collection_id, id, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (collection_id, id) DO NOTHING`,
      )
      .run(collectionId, id, JSON.stringify(item), now.$date, now.$date);
    return result.changes === 1 ? item : undefined;
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
