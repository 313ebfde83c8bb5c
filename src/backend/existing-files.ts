import type { files, folders } from '@wix/media';
import { fileNameViolation, folderTreeViolation, splitFilePath, UPLOAD_REQUEST_LIMITS } from '../policies/upload-request-policy';
import { MEDIA_ROOT_FOLDER_ID } from '../shared/media-folders';
import { isRecord } from '../shared/is-record';
import type { FieldViolation } from '../shared/refusals';
import {
  EXISTING_FILES_LIMITS,
  type DestinationFolderAnswer,
  type DestinationFolderQuery,
  type ExistingFile,
  type NameAndSize,
} from '../shared/upload-methods';
import { isNotFound } from '../shared/wix-errors';

/**
 * Which files about to be sent are already in their destination folder of the Media Manager: same
 * name, same size. One listing per destination folder however many files go there (List Files,
 * paged), never one call per file; the folder is found by walking its path from the parent with
 * List Folders, so a folder that does not exist yet is never created by checking (it simply holds
 * no duplicates). Shared by the owner's web method (uploads.ts) and the command line's site target,
 * each passing its own calls.
 *
 * Wix's List Files (dev.wix.com/docs/sdk/backend-modules/media/files/list-files, and @wix/media's
 * `ListFilesOptions`): `parentFolderId` (default media-root), `paging.limit` at most 100, the next
 * page's cursor in `nextCursor.cursors.next`. List Folders pages the same way. Files in the trash
 * (`state: DELETED`) and files whose processing failed do not count as being there.
 */
export interface FolderListingCalls {
  listFolders(options: folders.ListFoldersOptions): Promise<folders.ListFoldersResponse>;
  listFiles(options: files.ListFilesOptions): Promise<files.ListFilesResponse>;
}

/** Wix's largest page of List Files and List Folders (`CursorPaging.limit`, @max 100). */
const PAGE_SIZE = 100;
/** Subfolders of one folder read at most when looking for one by name. */
const MAX_FOLDER_PAGES = 50;
const MAX_FILE_PAGES = EXISTING_FILES_LIMITS.filesListedPerFolder / PAGE_SIZE;

/** Why a findExistingFiles request is not one (bounds, ids, names, paths, sizes), each field named; empty when it is. */
export function existingFilesQueryViolations(query: unknown): FieldViolation[] {
  if (!Array.isArray(query)) return [{ field: 'folders', description: 'must be a list of destination folders', violatedRule: 'TYPE' }];
  const { foldersPerCall, filesPerCall } = EXISTING_FILES_LIMITS;
  if (query.length > foldersPerCall) {
    return [
      {
        field: 'folders',
        description: `must have at most ${foldersPerCall} folders`,
        violatedRule: 'MAX_SIZE',
        data: { threshold: foldersPerCall },
      },
    ];
  }
  const asked = query.reduce((sum: number, folder) => sum + (isRecord(folder) && Array.isArray(folder.files) ? folder.files.length : 0), 0);
  if (asked > filesPerCall) {
    return [
      {
        field: 'folders',
        description: `must ask about at most ${filesPerCall} files in all`,
        violatedRule: 'MAX_SIZE',
        data: { threshold: filesPerCall },
      },
    ];
  }
  const violations: FieldViolation[] = [];
  query.forEach((folder: unknown, index) => {
    const at = `folders[${index}]`;
    if (!isRecord(folder)) {
      violations.push({ field: at, description: 'must be a destination folder', violatedRule: 'TYPE' });
      return;
    }
    const { parentFolderId, filePath, files: asked } = folder;
    if (parentFolderId !== undefined && parentFolderId !== null) {
      if (typeof parentFolderId !== 'string' || parentFolderId.length > UPLOAD_REQUEST_LIMITS.parentFolderIdMaxLength) {
        violations.push({ field: `${at}.parentFolderId`, description: 'must be a folder id', violatedRule: 'FORMAT' });
      }
    }
    if (filePath !== undefined && filePath !== null) {
      // The folders the page makes one by one (createFolderPath): deeper than Generate URL's 100-character filePath.
      const problem = folderTreeViolation(filePath, `${at}.filePath`);
      if (problem) violations.push(problem);
    }
    if (!Array.isArray(asked)) {
      violations.push({ field: `${at}.files`, description: 'must be a list of names and sizes', violatedRule: 'TYPE' });
      return;
    }
    asked.forEach((file: unknown, fileIndex) => {
      const field = `${at}.files[${fileIndex}]`;
      if (!isRecord(file)) {
        violations.push({ field, description: 'must be a name and a size', violatedRule: 'TYPE' });
        return;
      }
      const nameProblem = fileNameViolation(file.displayName, `${field}.displayName`);
      if (nameProblem) violations.push(nameProblem);
      if (typeof file.sizeInBytes !== 'string' || !/^\d{1,20}$/.test(file.sizeInBytes)) {
        violations.push({ field: `${field}.sizeInBytes`, description: 'must be a number of bytes, as digits', violatedRule: 'FORMAT' });
      }
    });
  });
  return violations;
}

const keyOf = (file: NameAndSize) => `${file.sizeInBytes}\n${file.displayName}`;

/**
 * Each destination folder's files among those asked about (a checked request: see
 * existingFilesQueryViolations). Folders are looked up once per call, and each folder's files
 * listed once, however many destinations name it.
 */
export async function findExistingFilesWith(
  query: DestinationFolderQuery[],
  calls: FolderListingCalls,
): Promise<DestinationFolderAnswer[]> {
  const subfoldersOf = askedOnce((folderId) => readSubfolders(folderId, calls));
  const listingOf = askedOnce((folderId) => readFiles(folderId, calls));

  return Promise.all(
    query.map(async (destination): Promise<DestinationFolderAnswer> => {
      const absent: DestinationFolderAnswer = { exists: false, listedAll: true, existing: [] };
      let folderId: string | undefined = destination.parentFolderId || MEDIA_ROOT_FOLDER_ID;
      for (const name of splitFilePath(destination.filePath ?? undefined)) {
        folderId = (await subfoldersOf(folderId))?.get(name);
        if (!folderId) return absent;
      }
      const listing = await listingOf(folderId);
      if (!listing) return absent;
      const asked = new Set(destination.files.map(keyOf));
      const newest = new Map<string, ExistingFile>();
      for (const file of listing.files) {
        if (!file._id || file.state === 'DELETED' || file.operationStatus === 'FAILED') continue;
        const found: ExistingFile = {
          fileId: file._id,
          displayName: file.displayName ?? '',
          sizeInBytes: String(file.sizeInBytes ?? ''),
          createdDate: dateOf(file._createdDate),
        };
        const key = keyOf(found);
        if (!asked.has(key)) continue;
        const earlier = newest.get(key);
        if (!earlier || (found.createdDate ?? '') > (earlier.createdDate ?? '')) newest.set(key, found);
      }
      return { exists: true, listedAll: listing.listedAll, existing: [...newest.values()] };
    }),
  );
}

/** A read of a folder made once per call, however many destinations name the folder. */
function askedOnce<T>(read: (folderId: string) => Promise<T>): (folderId: string) => Promise<T> {
  const answers = new Map<string, Promise<T>>();
  return (folderId) => {
    let answer = answers.get(folderId);
    if (!answer) {
      answer = read(folderId);
      answers.set(folderId, answer);
    }
    return answer;
  };
}

/** The SDK gives dates as Date objects; a plain REST answer as ISO strings. */
function dateOf(value: Date | string | null | undefined): string | undefined {
  if (!value) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The folders directly under a folder, by name; undefined when the folder does not exist. */
async function readSubfolders(parentFolderId: string, calls: FolderListingCalls): Promise<Map<string, string> | undefined> {
  const byName = new Map<string, string>();
  let cursor: string | undefined;
  try {
    for (let page = 0; page < MAX_FOLDER_PAGES; page++) {
      const answer = await calls.listFolders({ parentFolderId, paging: { limit: PAGE_SIZE, cursor } });
      for (const folder of answer.folders ?? []) {
        if (folder._id && folder.displayName && folder.state !== 'DELETED' && !byName.has(folder.displayName)) {
          byName.set(folder.displayName, folder._id);
        }
      }
      cursor = answer.nextCursor?.cursors?.next ?? undefined;
      if (!cursor) break;
    }
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  return byName;
}

/** A folder's files, page after page up to EXISTING_FILES_LIMITS.filesListedPerFolder; undefined when the folder does not exist. */
async function readFiles(parentFolderId: string, calls: FolderListingCalls) {
  const found: files.FileDescriptor[] = [];
  let cursor: string | undefined;
  try {
    for (let page = 0; page < MAX_FILE_PAGES; page++) {
      const answer = await calls.listFiles({ parentFolderId, paging: { limit: PAGE_SIZE, cursor } });
      found.push(...(answer.files ?? []));
      cursor = answer.nextCursor?.cursors?.next ?? undefined;
      if (!cursor) return { files: found, listedAll: true };
    }
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  return { files: found, listedAll: false };
}
