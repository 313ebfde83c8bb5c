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

/** The extension of a file name, lower case, without its dot; undefined for a name without one (or a hidden entry's name). */
export function fileExtension(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 && dot < fileName.length - 1 ? fileName.slice(dot + 1).toLowerCase() : undefined;
}

/** Kinds a browser shows without running anything: a raster image, a video, a sound. */
const PASSIVE_MEDIA = new Set<MediaType>(['IMAGE', 'VIDEO', 'AUDIO']);

/**
 * Whether a file may be opened in the browser (a download link's contentDisposition INLINE) rather
 * than saved (ATTACHMENT): only when the Media Manager's kind is passive and its name's extension
 * stands for a passive type too (".mp4" is both video/mp4 and application/mp4). An SVG (VECTOR), HTML, a PDF or anything unknown is saved, never
 * opened, so no uploaded bytes run as a page.
 */
export function opensInline(mediaType: string | undefined | null, typesOfName: readonly string[]): boolean {
  if (!mediaType || !PASSIVE_MEDIA.has(mediaType as MediaType)) return false;
  return typesOfName.some((type) => PASSIVE_MEDIA.has(mediaTypeOf(type)));
}
