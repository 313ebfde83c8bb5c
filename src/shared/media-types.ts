/** The Media Manager's kinds of file (a file descriptor's mediaType). */
export type MediaType = 'IMAGE' | 'VIDEO' | 'AUDIO' | 'DOCUMENT' | 'VECTOR' | 'ARCHIVE' | 'MODEL3D' | 'OTHER';

const DOCUMENT_TYPES = new Set([
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/rtf',
  'text/plain',
  'text/csv',
]);

const ARCHIVE_TYPES = new Set([
  'application/zip',
  'application/x-zip-compressed',
  'application/gzip',
  'application/x-gzip',
  'application/x-tar',
  'application/x-7z-compressed',
  'application/vnd.rar',
  'application/x-rar-compressed',
  'application/x-bzip2',
]);

/** The kind of file a MIME type is, as the Media Manager sorts files. */
export function mediaTypeOf(mimeType: string): MediaType {
  const type = mimeType.toLowerCase();
  if (type === 'image/svg+xml') return 'VECTOR';
  if (type.startsWith('image/')) return 'IMAGE';
  if (type.startsWith('video/')) return 'VIDEO';
  if (type.startsWith('audio/')) return 'AUDIO';
  if (type.startsWith('model/')) return 'MODEL3D';
  if (DOCUMENT_TYPES.has(type)) return 'DOCUMENT';
  if (ARCHIVE_TYPES.has(type)) return 'ARCHIVE';
  return 'OTHER';
}
