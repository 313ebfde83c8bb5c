import type { files } from '@wix/media';
import type { UploadLogUpdate } from './upload-log';
import type { ExpectedFile, LostUpload, UploadStatus } from '../shared/upload-api';

type FileDescriptor = files.FileDescriptor;

/** The upload log's view of a Media Manager file descriptor. */
export function uploadLogUpdateFromFile(file: FileDescriptor & { _id: string }): UploadLogUpdate {
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

const MD5_HEX = /^[0-9a-f]{32}$/i;

/** Whether a value a caller gave is an md5, 32 hex digits. */
export function isMd5Hex(value: unknown): value is string {
  return typeof value === 'string' && MD5_HEX.test(value);
}

/**
 * Whether a file of the Media Manager is surely not the one expected: another size, or (Wix's hash
 * being an md5, 32 hex digits) another md5. A hash of any other shape says nothing.
 */
export function differsFromExpected(file: Pick<FileDescriptor, 'sizeInBytes' | 'hash'>, expected: ExpectedFile): boolean {
  if (file.sizeInBytes !== expected.sizeInBytes) return true;
  return expected.md5 !== undefined && isMd5Hex(file.hash) && file.hash.toLowerCase() !== expected.md5.toLowerCase();
}

/** Whether a file of the Media Manager could be a lost upload: its name, its size, made after its session. */
export function couldBeLostUpload(
  file: Pick<FileDescriptor, 'displayName' | 'sizeInBytes' | 'private' | '_createdDate'>,
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
