import type { files } from '@wix/media';
import type { ExpectedFile, LostUpload, UploadStatus, UploadStatusReport } from '../shared/upload-methods';
import { isNotFound } from '../shared/wix-errors';

/**
 * A Media Manager file as the app reads it, the same for the web methods and the command line's
 * site target: what the app keeps of a file descriptor (`factsOfFile`), the one mapping of what it
 * knows of a file to a status report (`reportOf`), and the checks made on descriptors. Pure, but
 * for `descriptorsOf`, which asks the calls it is given.
 */
export type FileDescriptor = files.FileDescriptor & { _id: string };

/** What the app keeps of a file: the upload log's view of a descriptor. */
export interface MediaFileFacts {
  /** The Media Manager file id. */
  _id: string;
  displayName?: string;
  sizeInBytes?: string;
  mediaType?: string;
  parentFolderId?: string;
  private?: boolean;
  labels?: string[];
  status: UploadStatus;
  url?: string;
  thumbnailUrl?: string;
}

export function factsOfFile(file: FileDescriptor): MediaFileFacts {
  return {
    _id: file._id,
    displayName: file.displayName ?? undefined,
    sizeInBytes: file.sizeInBytes ?? undefined,
    mediaType: file.mediaType ?? undefined,
    parentFolderId: file.parentFolderId ?? undefined,
    private: file.private ?? undefined,
    labels: file.labels ?? undefined,
    status: (file.operationStatus ?? 'PENDING') as UploadStatus,
    url: file.url ?? undefined,
    thumbnailUrl: file.thumbnailUrl ?? undefined,
  };
}

/** A file's facts, with what only the upload log knows: why it failed, when it was logged. */
export interface KnownFile extends MediaFileFacts {
  failureCode?: string;
  failureDescription?: string;
  _createdDate?: Date;
  _updatedDate?: Date;
}

/** The status report of a file: from the upload log's entry, or from a descriptor's facts. */
export function reportOf(file: KnownFile): UploadStatusReport {
  return {
    fileId: file._id,
    status: file.status,
    displayName: file.displayName,
    url: file.url,
    thumbnailUrl: file.thumbnailUrl,
    mediaType: file.mediaType,
    sizeInBytes: file.sizeInBytes,
    private: file.private,
    parentFolderId: file.parentFolderId,
    labels: file.labels,
    failureCode: file.failureCode,
    failureDescription: file.failureDescription,
    createdDate: file._createdDate ? new Date(file._createdDate).toISOString() : undefined,
    updatedDate: file._updatedDate ? new Date(file._updatedDate).toISOString() : undefined,
  };
}

/** The Media Manager's descriptor calls, as the caller makes them: elevated in the backend, with an API key in the command line. */
export interface DescriptorCalls {
  getFileDescriptor(fileId: string): Promise<files.FileDescriptor>;
  getFileDescriptors(fileIds: string[]): Promise<{ files?: files.FileDescriptor[] | null }>;
}

/** A file's descriptor now, or undefined when the Media Manager has no such file. */
export async function descriptorOf(fileId: string, calls: Pick<DescriptorCalls, 'getFileDescriptor'>): Promise<FileDescriptor | undefined> {
  try {
    return { ...(await calls.getFileDescriptor(fileId)), _id: fileId };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * The descriptors of the files that exist, and the ids of those that do not. One call for all;
 * when Wix refuses the batch because one id is unknown, each is asked alone.
 */
export async function descriptorsOf(fileIds: string[], calls: DescriptorCalls): Promise<{ found: FileDescriptor[]; unknown: string[] }> {
  let found: FileDescriptor[];
  try {
    const { files: answered } = await calls.getFileDescriptors(fileIds);
    found = (answered ?? []).flatMap((file) => (file._id ? [{ ...file, _id: file._id }] : []));
  } catch (error) {
    if (!isNotFound(error)) throw error;
    found = (await Promise.all(fileIds.map((id) => descriptorOf(id, calls)))).filter((file) => file !== undefined);
  }
  const known = new Set(found.map((file) => file._id));
  return { found, unknown: fileIds.filter((id) => !known.has(id)) };
}

const MD5_HEX = /^[0-9a-f]{32}$/i;

/** Whether a value a caller gave is an md5, 32 hex digits. */
export function isMd5Hex(value: unknown): value is string {
  return typeof value === 'string' && MD5_HEX.test(value);
}

/**
 * Whether a file of the Media Manager is surely not the one expected: another size, or (Wix's hash
 * being an md5, 32 hex digits) another md5. A hash of any other shape says nothing.
 */
export function differsFromExpected(file: Pick<files.FileDescriptor, 'sizeInBytes' | 'hash'>, expected: ExpectedFile): boolean {
  if (file.sizeInBytes !== expected.sizeInBytes) return true;
  return expected.md5 !== undefined && isMd5Hex(file.hash) && file.hash.toLowerCase() !== expected.md5.toLowerCase();
}

/** Whether a file of the Media Manager could be a lost upload: its name, its size, made after its session. */
export function couldBeLostUpload(
  file: Pick<files.FileDescriptor, 'displayName' | 'sizeInBytes' | 'private' | '_createdDate'>,
  lost: LostUpload,
): boolean {
  const created = file._createdDate ? new Date(file._createdDate).getTime() : Number.NaN;
  return (
    file.displayName === lost.displayName &&
    file.sizeInBytes === lost.sizeInBytes &&
    created >= Date.parse(lost.since) &&
    (lost.private === undefined || file.private === lost.private)
  );
}

/** Wix's search takes at most 200 characters of free text. */
export const SEARCH_TEXT_MAX_LENGTH = 200;
