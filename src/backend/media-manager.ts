import { auth } from '@wix/essentials';
import { files, folders } from '@wix/media';
import type { FolderSummary } from '../shared/upload-api';
import { isNotFound } from './wix-error';

type FileDescriptor = files.FileDescriptor & { _id: string };

/** Folders listed at most, for a picker. */
const MAX_FOLDERS = 1000;

/** A file's descriptor now, or undefined when the Media Manager has no such file. */
export async function fileDescriptor(fileId: string): Promise<FileDescriptor | undefined> {
  try {
    const file = await auth.elevate(files.getFileDescriptor)(fileId);
    return { ...file, _id: fileId };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * The descriptors of the files that exist, and the ids of those that do not. One call for all;
 * when Wix refuses the batch because one id is unknown, each is asked alone.
 */
export async function fileDescriptors(fileIds: string[]): Promise<{ found: FileDescriptor[]; unknown: string[] }> {
  try {
    const { files: found } = await auth.elevate(files.getFileDescriptors)(fileIds);
    const known = (found ?? []).flatMap((file) => (file._id ? [{ ...file, _id: file._id }] : []));
    const knownIds = new Set(known.map((file) => file._id));
    return { found: known, unknown: fileIds.filter((id) => !knownIds.has(id)) };
  } catch (error) {
    if (!isNotFound(error)) throw error;
    const each = await Promise.all(fileIds.map(async (id) => ({ id, file: await fileDescriptor(id) })));
    return {
      found: each.flatMap(({ file }) => (file ? [file] : [])),
      unknown: each.flatMap(({ id, file }) => (file ? [] : [id])),
    };
  }
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
