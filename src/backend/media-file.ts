import type { files } from '@wix/media';
import type { UploadLogUpdate } from './upload-log';
import type { UploadStatus } from '../shared/upload-api';

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
