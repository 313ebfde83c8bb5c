import type { MediaFileRecord } from './media-files.js';

/** Where the emulator serves a file's bytes, like https://static.wixstatic.com/media/<id>. */
export function mediaUrl(origin: string, fileId: string): string {
  return `${origin}/media/${encodeURIComponent(fileId)}`;
}

export function iconUrl(origin: string, mediaType: string): string {
  return `${origin}/media-icons/${mediaType.toLowerCase()}.svg`;
}

/** A file in the REST shape of the Media Manager's FileDescriptor (see the seed's example response). */
export function toFileDescriptor(file: MediaFileRecord, origin: string): Record<string, unknown> {
  const url = mediaUrl(origin, file.id);
  const sizeInBytes = String(file.sizeInBytes);
  const media: Record<string, unknown> = {};
  if (file.mediaType === 'IMAGE' && file.width !== undefined && file.height !== undefined) {
    media.image = {
      image: { id: file.id, url, width: file.width, height: file.height, filename: file.displayName, sizeInBytes },
      faces: [],
    };
  }
  return {
    id: file.id,
    displayName: file.displayName,
    url,
    parentFolderId: file.parentFolderId,
    // No hash at all under the hash-absent variant.
    hash: file.hash || undefined,
    sizeInBytes,
    private: file.private,
    mediaType: file.mediaType,
    media,
    operationStatus: file.operationStatus,
    thumbnailUrl: file.mediaType === 'IMAGE' ? url : iconUrl(origin, file.mediaType),
    labels: file.labels,
    createdDate: file.createdAt,
    updatedDate: file.updatedAt,
    state: 'OK',
  };
}
