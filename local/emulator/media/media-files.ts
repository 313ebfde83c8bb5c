import type { SqlDatabase } from '../platform/database.js';
import type { MediaType } from './inspect.js';
import type { PageRequest } from '../platform/paging.js';
import { WixApiError } from '../platform/api-error.js';
import { TRASH_ROOT_FOLDER_ID } from './media-rules.js';

export type OperationStatus = 'PENDING' | 'READY' | 'FAILED';

export interface MediaFileRecord {
  id: string;
  displayName: string;
  parentFolderId: string;
  hash: string;
  sizeInBytes: number;
  private: boolean;
  mediaType: MediaType;
  mimeType: string;
  labels: string[];
  operationStatus: OperationStatus;
  width?: number;
  height?: number;
  failure?: { code: string; description: string };
  createdAt: string;
  updatedAt: string;
}

interface FileRow {
  id: string;
  display_name: string;
  parent_folder_id: string;
  hash: string;
  size_in_bytes: number;
  private: number;
  media_type: MediaType;
  mime_type: string;
  labels: string;
  operation_status: OperationStatus;
  width: number | null;
  height: number | null;
  failure_code: string | null;
  failure_description: string | null;
  created_at: string;
  updated_at: string;
}

function fromRow(row: FileRow): MediaFileRecord {
  return {
    id: row.id,
    displayName: row.display_name,
    parentFolderId: row.parent_folder_id,
    hash: row.hash,
    sizeInBytes: row.size_in_bytes,
    private: row.private === 1,
    mediaType: row.media_type,
    mimeType: row.mime_type,
    labels: JSON.parse(row.labels) as string[],
    operationStatus: row.operation_status,
    width: row.width ?? undefined,
    height: row.height ?? undefined,
    failure: row.failure_code ? { code: row.failure_code, description: row.failure_description ?? '' } : undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface FileFilter {
  parentFolderId?: string;
  mediaTypes?: string[];
  private?: boolean;
  /** Free text matched against the display name, MIME type and labels. */
  search?: string;
  /** Files anywhere under this root folder (media-root, visitor-uploads, trash-root). */
  rootFolderId?: string;
}

/** The orders Search Files documents (`displayName`, `updatedDate`, `sizeInBytes`); List Files keeps the order of creation. */
export type FileOrder = { field: 'createdDate' | 'displayName' | 'updatedDate' | 'sizeInBytes'; descending: boolean };

const ORDER_COLUMNS: Record<FileOrder['field'], string> = {
  createdDate: 'created_at',
  displayName: 'display_name',
  updatedDate: 'updated_at',
  sizeInBytes: 'size_in_bytes',
};

/** The Media Manager's file descriptors. */
export class MediaFiles {
  /** `notFoundAs400`: an unknown id is a 400 RESOURCE_NOT_FOUND (the not-found-400 variant), else a 404. */
  constructor(
    private readonly db: SqlDatabase,
    private readonly notFoundAs400 = false,
  ) {}

  insert(file: MediaFileRecord): void {
    this.db
      .prepare(
        `INSERT INTO files (id, display_name, parent_folder_id, hash, size_in_bytes, private, media_type, mime_type, labels,
           operation_status, width, height, failure_code, failure_description, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        file.id,
        file.displayName,
        file.parentFolderId,
        file.hash,
        file.sizeInBytes,
        file.private ? 1 : 0,
        file.mediaType,
        file.mimeType,
        JSON.stringify(file.labels),
        file.operationStatus,
        file.width ?? null,
        file.height ?? null,
        file.failure?.code ?? null,
        file.failure?.description ?? null,
        file.createdAt,
        file.updatedAt,
      );
  }

  get(id: string): MediaFileRecord | undefined {
    const row = this.db.prepare('SELECT * FROM files WHERE id = ?').get(id) as FileRow | undefined;
    return row && fromRow(row);
  }

  require(id: string): MediaFileRecord {
    const file = this.get(id);
    if (!file) throw WixApiError.notFound('FILE_NOT_FOUND', 'fileId', id, this.notFoundAs400);
    return file;
  }

  /** Deletes the descriptor for good (the caller deletes the bytes). */
  remove(id: string): void {
    this.db.prepare('DELETE FROM files WHERE id = ?').run(id);
  }

  /** Moves the file to the Media Manager's trash. */
  moveToTrash(id: string): void {
    this.db
      .prepare('UPDATE files SET parent_folder_id = ?, updated_at = ? WHERE id = ?')
      .run(TRASH_ROOT_FOLDER_ID, new Date().toISOString(), id);
  }

  /** Files that finished uploading but were not processed yet (after a restart, too). */
  pending(): MediaFileRecord[] {
    return (this.db.prepare("SELECT * FROM files WHERE operation_status = 'PENDING'").all() as FileRow[]).map(fromRow);
  }

  /** What an import's fetch found: the facts of a PENDING imported file, which is then processed. */
  completeImport(
    id: string,
    facts: Pick<MediaFileRecord, 'hash' | 'sizeInBytes' | 'mediaType' | 'mimeType' | 'width' | 'height' | 'failure'>,
  ): void {
    this.db
      .prepare(
        `UPDATE files SET hash = ?, size_in_bytes = ?, media_type = ?, mime_type = ?, width = ?, height = ?,
           failure_code = ?, failure_description = ?, updated_at = ? WHERE id = ? AND operation_status = 'PENDING'`,
      )
      .run(
        facts.hash,
        facts.sizeInBytes,
        facts.mediaType,
        facts.mimeType,
        facts.width ?? null,
        facts.height ?? null,
        facts.failure?.code ?? null,
        facts.failure?.description ?? null,
        new Date().toISOString(),
        id,
      );
  }

  /** Moves a PENDING file to READY or FAILED; false when it was no longer PENDING. */
  settle(id: string, status: Exclude<OperationStatus, 'PENDING'>): boolean {
    const result = this.db
      .prepare("UPDATE files SET operation_status = ?, updated_at = ? WHERE id = ? AND operation_status = 'PENDING'")
      .run(status, new Date().toISOString(), id);
    return result.changes === 1;
  }

  find(
    filter: FileFilter,
    page: PageRequest,
    order: FileOrder = { field: 'createdDate', descending: true },
  ): { files: MediaFileRecord[]; hasMore: boolean } {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.rootFolderId !== undefined) {
      where.push(`parent_folder_id IN (WITH RECURSIVE tree(id) AS (
        SELECT ? UNION ALL SELECT folders.id FROM folders JOIN tree ON folders.parent_folder_id = tree.id) SELECT id FROM tree)`);
      args.push(filter.rootFolderId);
    }
    if (filter.parentFolderId !== undefined) {
      where.push('parent_folder_id = ?');
      args.push(filter.parentFolderId);
    }
    if (filter.mediaTypes && filter.mediaTypes.length > 0) {
      where.push(`media_type IN (${filter.mediaTypes.map(() => '?').join(', ')})`);
      args.push(...filter.mediaTypes);
    }
    if (filter.private !== undefined) {
      where.push('private = ?');
      args.push(filter.private ? 1 : 0);
    }
    if (filter.search) {
      where.push("(display_name LIKE ? ESCAPE '\\' OR mime_type LIKE ? ESCAPE '\\' OR labels LIKE ? ESCAPE '\\')");
      const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      args.push(pattern, pattern, pattern);
    }
    const direction = order.descending ? 'DESC' : 'ASC';
    const sql = `SELECT * FROM files ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${ORDER_COLUMNS[order.field]} ${direction}, id ${direction} LIMIT ? OFFSET ?`;
    const rows = this.db.prepare(sql).all(...args, page.limit + 1, page.offset) as FileRow[];
    return { files: rows.slice(0, page.limit).map(fromRow), hasMore: rows.length > page.limit };
  }
}
