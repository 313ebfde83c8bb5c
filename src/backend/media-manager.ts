import { auth } from '@wix/essentials';
import { files, folders } from '@wix/media';
import type { FolderSummary } from '../shared/upload-methods';
import { MEDIA_ROOT_FOLDER_ID } from '../shared/media-folders';
import { isAlreadyExists, isNotFound } from '../shared/wix-errors';
import { APP_UPLOAD_LIMITS } from '../policies/upload-request-policy';
import { descriptorOf, descriptorsOf, type DescriptorCalls, type FileDescriptor } from './media-file';
import type { FolderListingCalls } from './existing-files';

/**
 * The Media Manager as the app's backend reaches it: every call elevated (the app's identity), so
 * the callers of this module check who may see what. The reading of descriptors is media-file.ts's,
 * shared with the command line.
 */
const elevatedDescriptorCalls = (): DescriptorCalls => ({
  getFileDescriptor: auth.elevate(files.getFileDescriptor),
  getFileDescriptors: auth.elevate(files.getFileDescriptors),
});

/** List Folders and List Files as the app (existing-files.ts). */
export const elevatedFolderListingCalls = (): FolderListingCalls => ({
  listFolders: auth.elevate(folders.listFolders),
  listFiles: auth.elevate(files.listFiles),
});

/** Folders listed at most, for a picker. */
const MAX_FOLDERS = 1000;

/** A file's descriptor now, or undefined when the Media Manager has no such file. */
export function fileDescriptor(fileId: string): Promise<FileDescriptor | undefined> {
  return descriptorOf(fileId, elevatedDescriptorCalls());
}

/** The descriptors of the files that exist, and the ids of those that do not (media-file.ts). */
export function fileDescriptors(fileIds: string[]): Promise<{ found: FileDescriptor[]; unknown: string[] }> {
  return descriptorsOf(fileIds, elevatedDescriptorCalls());
}

/** The folders directly under a folder, or undefined when the folder does not exist. */
export async function childFolders(parentFolderId: string): Promise<FolderSummary[] | undefined> {
  const summaries: FolderSummary[] = [];
  let cursor: string | undefined;
  try {
    do {
      const page = await auth.elevate(folders.listFolders)({ parentFolderId, paging: { limit: 100, cursor } });
      for (const folder of page.folders ?? []) {
        if (folder._id) summaries.push({ id: folder._id, displayName: folder.displayName ?? '', parentFolderId });
      }
      cursor = page.nextCursor?.cursors?.next ?? undefined;
    } while (cursor && summaries.length < MAX_FOLDERS);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  return summaries;
}

/**
 * Folders above a file at most followed, should a folder tree be deeper (or, corrupt, loop): the
 * deepest tree the app makes under a destination, and as many above it.
 */
const MAX_FOLDER_DEPTH = 2 * APP_UPLOAD_LIMITS.maxFolderDepth;

/**
 * Where each folder is, as the Media Manager shows it: "clients / 2026" ("" for the top level),
 * by folder id; a folder that no longer exists is left out. Each folder is asked once.
 */
export async function folderPaths(folderIds: Iterable<string>): Promise<Map<string, string>> {
  /** A folder's name and parent; undefined once found missing. */
  const known = new Map<string, { name: string; parent: string } | undefined>();
  const folderOf = async (id: string) => {
    if (!known.has(id)) {
      try {
        const folder = await auth.elevate(folders.getFolder)(id);
        known.set(id, { name: folder.displayName ?? '', parent: folder.parentFolderId || MEDIA_ROOT_FOLDER_ID });
      } catch (error) {
        if (!isNotFound(error)) throw error;
        known.set(id, undefined);
      }
    }
    return known.get(id);
  };
  const paths = new Map<string, string>();
  for (const id of new Set(folderIds)) {
    const names: string[] = [];
    let current: string | undefined = id;
    let complete = false;
    for (let depth = 0; current && depth < MAX_FOLDER_DEPTH; depth++) {
      if (current === MEDIA_ROOT_FOLDER_ID) {
        complete = true;
        break;
      }
      const folder = await folderOf(current);
      if (!folder) break;
      names.unshift(folder.name);
      current = folder.parent;
    }
    if (complete) paths.set(id, names.join(' / '));
  }
  return paths;
}

/** Files of the Media Manager whose name, type or labels hold `text` (Wix's search), newest first; at most 100. */
export async function searchMediaFiles(text: string): Promise<FileDescriptor[]> {
  const { files: found } = await auth.elevate(files.searchFiles)({ search: text, paging: { limit: 100 } });
  return (found ?? []).flatMap((file) => (file._id ? [{ ...file, _id: file._id }] : []));
}

/** Files Bulk Delete Files takes at once. */
const DELETE_BATCH = 100;

/**
 * Deletes files: to the Media Manager's trash, or for good (`permanent`). Unknown ids are skipped
 * (should Wix refuse a batch for one unknown id, each is deleted alone).
 */
export async function deleteMediaFiles(fileIds: string[], permanent: boolean): Promise<void> {
  for (let start = 0; start < fileIds.length; start += DELETE_BATCH) {
    const batch = fileIds.slice(start, start + DELETE_BATCH);
    try {
      await auth.elevate(files.bulkDeleteFiles)(batch, { permanent });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      if (batch.length > 1) for (const id of batch) await deleteMediaFiles([id], permanent);
    }
  }
}

/** The folders this server is making now, by parent and name: two requests for the same folder share one Create Folder. */
const making = new Map<string, Promise<string | undefined>>();

/** The id of the folder of that name under the parent: found, or made. Undefined when the parent does not exist. */
function childFolderNamed(parentFolderId: string, name: string): Promise<string | undefined> {
  const key = `${parentFolderId}/${name}`;
  let made = making.get(key);
  if (!made) {
    made = findOrCreateFolder(parentFolderId, name).finally(() => making.delete(key));
    making.set(key, made);
  }
  return made;
}

async function findOrCreateFolder(parentFolderId: string, name: string): Promise<string | undefined> {
  const existing = async () => {
    const children = await childFolders(parentFolderId);
    return children && { id: children.find((folder) => folder.displayName === name)?.id };
  };
  const found = await existing();
  if (!found) return undefined;
  if (found.id) return found.id;
  try {
    const { folder } = await auth.elevate(folders.createFolder)(name, { parentFolderId });
    if (!folder?._id) throw new Error('Wix created a folder without an id');
    return folder._id;
  } catch (error) {
    // Another server made it between the listing and the creation: it is the one to use.
    if (!isAlreadyExists(error)) throw error;
    const made = await existing();
    if (made?.id) return made.id;
    throw error;
  }
}

/**
 * The id of the folder at `names` under a folder, each missing folder made once (Create Folder; the
 * path's folders are looked for first, by name, in the listing of their parent). Undefined when
 * the parent folder does not exist.
 *
 * Wix documents neither whether two folders of one name may share a parent nor what Create Folder
 * answers for a second: the local Wix refuses it (409 FOLDER_ALREADY_EXISTS), which is read as
 * "use the one there"; where Wix would make a second, the callers make each folder once (this
 * server: one creation at a time per folder; the upload engine: one request per folder per queue).
 */
export async function folderAtPath(parentFolderId: string, names: readonly string[]): Promise<string | undefined> {
  let current: string | undefined = parentFolderId;
  for (const name of names) {
    current = await childFolderNamed(current, name);
    if (!current) return undefined;
  }
  return current;
}

/** A folder's name and parent, or undefined when it does not exist. */
export async function folderInfo(folderId: string): Promise<{ displayName: string; parentFolderId: string } | undefined> {
  try {
    const folder = await auth.elevate(folders.getFolder)(folderId);
    return { displayName: folder.displayName ?? '', parentFolderId: folder.parentFolderId || MEDIA_ROOT_FOLDER_ID };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
