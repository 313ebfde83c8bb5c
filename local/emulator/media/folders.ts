import { randomBytes } from 'node:crypto';
import type { SqlDatabase } from '../platform/database.js';
import { WixApiError } from '../platform/api-error.js';
import { MEDIA_ROOT_FOLDER_ID, TRASH_ROOT_FOLDER_ID, VISITOR_UPLOADS_FOLDER_ID } from './media-rules.js';
import type { PageRequest } from '../platform/paging.js';

export interface FolderRecord {
  id: string;
  displayName: string;
  parentFolderId: string;
  createdAt: string;
  updatedAt: string;
}

interface FolderRow {
  id: string;
  display_name: string;
  parent_folder_id: string;
  created_at: string;
  updated_at: string;
}

const EPOCH = new Date(0).toISOString();
const root = (id: string, displayName: string): FolderRecord => ({
  id,
  displayName,
  parentFolderId: '',
  createdAt: EPOCH,
  updatedAt: EPOCH,
});

/** The Media Manager's root folders: the site's files, what visitors and members sent, the trash. */
const ROOTS = new Map<string, FolderRecord>([
  [MEDIA_ROOT_FOLDER_ID, root(MEDIA_ROOT_FOLDER_ID, 'Media Root')],
  [VISITOR_UPLOADS_FOLDER_ID, root(VISITOR_UPLOADS_FOLDER_ID, 'Visitor Uploads')],
  [TRASH_ROOT_FOLDER_ID, root(TRASH_ROOT_FOLDER_ID, 'Trash')],
]);

/** Create Folder's displayName, as @wix/media's typings document it (maxLength 1000). */
const MAX_DISPLAY_NAME = 1000;

function fromRow(row: FolderRow): FolderRecord {
  return {
    id: row.id,
    displayName: row.display_name,
    parentFolderId: row.parent_folder_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The Media Manager's folder trees, under its roots (media-root, visitor-uploads, trash-root). */
export class FolderStore {
  /** `notFoundAs400`: an unknown id is a 400 RESOURCE_NOT_FOUND (the not-found-400 variant), else a 404. */
  constructor(
    private readonly db: SqlDatabase,
    private readonly notFoundAs400 = false,
  ) {}

  get(id: string): FolderRecord | undefined {
    const rootFolder = ROOTS.get(id);
    if (rootFolder) return rootFolder;
    const row = this.db.prepare('SELECT * FROM folders WHERE id = ?').get(id) as FolderRow | undefined;
    return row && fromRow(row);
  }

  /** The folder, or Wix's not-found naming the id (`field`: the request's field that named it). */
  require(id: string, field = 'folderId'): FolderRecord {
    const folder = this.get(id);
    if (!folder) {
      throw WixApiError.notFound('FOLDER_NOT_FOUND', field, id, this.notFoundAs400);
    }
    return folder;
  }

  list(parentFolderId: string, page: PageRequest): { folders: FolderRecord[]; hasMore: boolean } {
    const rows = this.db
      .prepare('SELECT * FROM folders WHERE parent_folder_id = ? ORDER BY display_name, id LIMIT ? OFFSET ?')
      .all(parentFolderId, page.limit + 1, page.offset) as FolderRow[];
    return { folders: rows.slice(0, page.limit).map(fromRow), hasMore: rows.length > page.limit };
  }

  create(displayName: string, parentFolderId: string): FolderRecord {
    const name = displayName.trim();
    if (name === '' || name.length > MAX_DISPLAY_NAME || name.includes('/')) {
      throw WixApiError.validation([
        {
          field: 'displayName',
          description: `must be 1 to ${MAX_DISPLAY_NAME} characters without "/"`,
          violatedRule: 'FORMAT',
        },
      ]);
    }
    this.require(parentFolderId);
    const existing = this.findChild(parentFolderId, name);
    if (existing) {
      throw WixApiError.application(409, 'FOLDER_ALREADY_EXISTS', `A folder named "${name}" already exists there`, {
        folderId: existing.id,
      });
    }
    return this.insert(name, parentFolderId);
  }

  /** The id of the folder at `segments` under the parent, creating the missing ones (one transaction). */
  ensurePath(parentFolderId: string, segments: string[]): string {
    this.require(parentFolderId);
    const walk = this.db.transaction((names: string[]) => {
      let current = parentFolderId;
      for (const name of names) {
        current = (this.findChild(current, name) ?? this.insert(name, current)).id;
      }
      return current;
    });
    return walk(segments) as string;
  }

  private findChild(parentFolderId: string, displayName: string): FolderRecord | undefined {
    const row = this.db.prepare('SELECT * FROM folders WHERE parent_folder_id = ? AND display_name = ?').get(parentFolderId, displayName) as
      | FolderRow
      | undefined;
    return row && fromRow(row);
  }

  private insert(displayName: string, parentFolderId: string): FolderRecord {
    const now = new Date().toISOString();
    const folder: FolderRecord = {
      id: randomBytes(16).toString('hex'),
      displayName,
      parentFolderId,
      createdAt: now,
      updatedAt: now,
    };
    this.db
      .prepare('INSERT INTO folders (id, display_name, parent_folder_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(folder.id, folder.displayName, folder.parentFolderId, folder.createdAt, folder.updatedAt);
    return folder;
  }
}

/** A folder in the REST shape of the Folders API. */
export function folderToRest(folder: FolderRecord): Record<string, unknown> {
  return {
    id: folder.id,
    displayName: folder.displayName,
    parentFolderId: folder.parentFolderId,
    createdDate: folder.createdAt,
    updatedDate: folder.updatedAt,
    state: 'OK',
  };
}
