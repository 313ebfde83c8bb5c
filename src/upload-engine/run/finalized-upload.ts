import type { FinalizedUpload } from '../../shared/upload-methods';
import type { UploadMeta } from '../upload-source';

/** What recordUpload is told of a finalized file: the page's metadata, the size it sent. */
export function finalizedUploadOf(fileId: string, size: number, meta: UploadMeta): FinalizedUpload {
  return {
    fileId,
    displayName: meta.displayName,
    sizeInBytes: String(size),
    mimeType: meta.mimeType,
    parentFolderId: meta.parentFolderId,
    private: meta.private,
    labels: meta.labels,
  };
}
