import { splitFilePath } from '../policies/upload-request-policy';
import { EXISTING_FILES_LIMITS, type DestinationFolderAnswer, type DestinationFolderQuery, type ExistingFile } from './upload-methods';

/**
 * Asking the Media Manager which files about to be sent are already there (findExistingFiles), for
 * the page's staged files and the command line's planned ones alike: the calls to make (one
 * listing per destination folder, within EXISTING_FILES_LIMITS), and reading their answers.
 */

/** A file about to be sent: where it goes (as an upload names it) and what it is. */
export interface DestinedFile {
  parentFolderId?: string;
  filePath?: string;
  displayName: string;
  sizeInBytes: number;
}

const folderKeyOf = (file: Pick<DestinedFile, 'parentFolderId' | 'filePath'>) =>
  JSON.stringify([file.parentFolderId ?? '', splitFilePath(file.filePath).join('/')]);

/** What makes two files the same for the check: the destination folder, the name and the size. */
export function destinedFileKey(file: DestinedFile): string {
  return JSON.stringify([folderKeyOf(file), file.displayName, String(file.sizeInBytes)]);
}

export interface ExistingFilesCall {
  destinations: DestinationFolderQuery[];
}

/**
 * The findExistingFiles calls for these files: grouped by destination folder (one listing each),
 * within EXISTING_FILES_LIMITS per call; a folder with more files than one call takes is asked in
 * several calls. The same file twice is asked once.
 */
export function existingFilesCalls(files: readonly DestinedFile[]): ExistingFilesCall[] {
  const byFolder = new Map<string, { destination: DestinationFolderQuery; keys: Set<string> }>();
  for (const file of files) {
    const folderKey = folderKeyOf(file);
    let folder = byFolder.get(folderKey);
    if (!folder) {
      folder = { destination: { parentFolderId: file.parentFolderId, filePath: file.filePath, files: [] }, keys: new Set() };
      byFolder.set(folderKey, folder);
    }
    const key = destinedFileKey(file);
    if (folder.keys.has(key)) continue;
    folder.keys.add(key);
    folder.destination.files.push({ displayName: file.displayName, sizeInBytes: String(file.sizeInBytes) });
  }
  const { foldersPerCall, filesPerCall } = EXISTING_FILES_LIMITS;
  const calls: ExistingFilesCall[] = [];
  let current: ExistingFilesCall = { destinations: [] };
  let filesInCurrent = 0;
  for (const { destination } of byFolder.values()) {
    for (let start = 0; start < destination.files.length; start += filesPerCall) {
      const part = destination.files.slice(start, start + filesPerCall);
      if (current.destinations.length === foldersPerCall || filesInCurrent + part.length > filesPerCall) {
        calls.push(current);
        current = { destinations: [] };
        filesInCurrent = 0;
      }
      current.destinations.push({ ...destination, files: part });
      filesInCurrent += part.length;
    }
  }
  if (current.destinations.length > 0) calls.push(current);
  return calls;
}

/** The key of each file a call asks about. */
export function keysAsked(call: ExistingFilesCall): string[] {
  return call.destinations.flatMap((destination) =>
    destination.files.map((file) =>
      destinedFileKey({ ...destination, displayName: file.displayName, sizeInBytes: Number(file.sizeInBytes) }),
    ),
  );
}

/**
 * A file not found among the files read of a folder that holds more than are read
 * (EXISTING_FILES_LIMITS.filesListedPerFolder): it may be there all the same.
 */
export const NOT_LISTED = 'not-listed';

/** What the check found of one file: the file already there, null (not there), or NOT_LISTED. */
export type ExistingFileFound = ExistingFile | null | typeof NOT_LISTED;

/** Each file a call asked about, by its key: the file already there (the newest when several), null, or NOT_LISTED. */
export function existingFilesFound(call: ExistingFilesCall, answers: readonly DestinationFolderAnswer[]): Map<string, ExistingFileFound> {
  const found = new Map<string, ExistingFileFound>();
  const keys = keysAsked(call);
  let index = 0;
  call.destinations.forEach((destination, folder) => {
    const answer = answers[folder];
    const existing = answer?.existing ?? [];
    for (const file of destination.files) {
      const same = existing.find((there) => there.displayName === file.displayName && there.sizeInBytes === file.sizeInBytes);
      found.set(keys[index++]!, same ?? (answer && !answer.listedAll ? NOT_LISTED : null));
    }
  });
  return found;
}
