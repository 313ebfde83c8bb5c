import { sourceFromFile, type UploadSource } from '../upload-source';
import type { ResumeRecord } from './resume-store';

/**
 * A kept file handle's permission calls (the File System Access API in Chromium-based browsers;
 * not in TypeScript's DOM types). After a restart a handle's read permission is "prompt" again:
 * asking needs the user's gesture (a click), asking first whether it is needed does not.
 */
interface PermissionAsking {
  queryPermission?(descriptor: { mode: 'read' }): Promise<PermissionState>;
  requestPermission?(descriptor: { mode: 'read' }): Promise<PermissionState>;
}

/** Why a kept file is not continued. */
export type ReopenRefusal =
  /** The browser (or the owner) did not let the page read it again. */
  | { kind: 'permission-denied' }
  /** Its size is not the one it was started with: continuing would mix two files. */
  | { kind: 'changed-size'; size: number }
  /** Same size, later modification time: it was edited since. */
  | { kind: 'changed-date'; lastModified: number }
  /** Moved, renamed or deleted since. */
  | { kind: 'gone' }
  | { kind: 'unreadable' };

/** A refusal another Continue cannot change (the file itself is not the one the upload began with, or not there); asking again can change the others. */
export function isLastingRefusal(refusal: ReopenRefusal | undefined): boolean {
  return refusal?.kind === 'changed-size' || refusal?.kind === 'changed-date' || refusal?.kind === 'gone';
}

export interface KeptUpload {
  record: ResumeRecord;
  handle: FileSystemFileHandle;
}

export type Reopened = { record: ResumeRecord; source: UploadSource } | { record: ResumeRecord; refusal: ReopenRefusal };

/** A file the browser reopened from its handle, as the source of an upload (with the handle, so it is kept again). */
export function sourceFromFileHandle(handle: FileSystemFileHandle, file: File, relativePath?: string): UploadSource {
  return { ...sourceFromFile(file, relativePath), fileHandle: handle };
}

async function permissionOf(handle: FileSystemFileHandle): Promise<PermissionState> {
  const asking = handle as FileSystemFileHandle & PermissionAsking;
  // A browser with handles and no permission calls: reading the file says whether it may.
  if (!asking.queryPermission) return 'granted';
  return asking.queryPermission({ mode: 'read' }).catch((): PermissionState => 'prompt');
}

async function askPermission(handle: FileSystemFileHandle): Promise<PermissionState> {
  const asking = handle as FileSystemFileHandle & PermissionAsking;
  if (!asking.requestPermission) return 'denied';
  return asking.requestPermission({ mode: 'read' }).catch((): PermissionState => 'denied');
}

function refusalOfReadError(error: unknown): ReopenRefusal {
  const name = error instanceof Error || (typeof DOMException !== 'undefined' && error instanceof DOMException) ? error.name : '';
  if (name === 'NotFoundError') return { kind: 'gone' };
  if (name === 'NotAllowedError' || name === 'SecurityError') return { kind: 'permission-denied' };
  return { kind: 'unreadable' };
}

/** Whether the file read now is the one the upload was started with (its size and modification time). */
function changeOf(record: ResumeRecord, file: Pick<File, 'size' | 'lastModified'>): ReopenRefusal | undefined {
  if (file.size !== record.size) return { kind: 'changed-size', size: file.size };
  if (file.lastModified !== record.lastModified) return { kind: 'changed-date', lastModified: file.lastModified };
  return undefined;
}

/**
 * Reopens kept files for their uploads to continue: asks whether each may still be read, asks the
 * browser once for those that need it (call it from a click: the browser asks the owner only during
 * a user gesture), reads each and checks it is the file the upload began with. In the order given.
 */
export async function reopenFiles(kept: readonly KeptUpload[]): Promise<Reopened[]> {
  const permissions = await Promise.all(kept.map(({ handle }) => permissionOf(handle)));
  // One request after another: the browser shows one question at a time.
  for (const [index, { handle }] of kept.entries()) {
    if (permissions[index] === 'prompt') permissions[index] = await askPermission(handle);
  }
  return Promise.all(
    kept.map(async ({ record, handle }, index): Promise<Reopened> => {
      if (permissions[index] !== 'granted') return { record, refusal: { kind: 'permission-denied' } };
      let file: File;
      try {
        file = await handle.getFile();
      } catch (error) {
        return { record, refusal: refusalOfReadError(error) };
      }
      const change = changeOf(record, file);
      return change ? { record, refusal: change } : { record, source: sourceFromFileHandle(handle, file, record.relativePath) };
    }),
  );
}
