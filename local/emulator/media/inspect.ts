import { fileTypeFromFile } from 'file-type';
import { imageSizeFromFile } from 'image-size/fromFile';

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

/**
 * The kind the local Media Manager sorts a MIME type into. Wix documents the kinds, not the
 * mapping: this one is the local Wix's (the app keeps its own expectation in src/shared/media-types.ts).
 */
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

export interface Inspection {
  mediaType: MediaType;
  /** The MIME type the bytes really have when it can be told, else the declared one. */
  mimeType: string;
  width?: number;
  height?: number;
  /** Why the Media Manager will refuse the file, if it will. */
  failure?: { code: string; description: string };
}

/** Kinds whose bytes always carry a signature that content sniffing recognises. */
const SNIFFABLE_KINDS = new Set<MediaType>(['IMAGE', 'VIDEO', 'AUDIO']);

/**
 * What the Media Manager makes of a stored file: its media type from the real content (not only
 * the declared type), image dimensions, and whether the bytes contradict the declared type.
 */
export async function inspectFile(filePath: string, declaredMimeType: string): Promise<Inspection> {
  const declaredKind = mediaTypeOf(declaredMimeType);
  const sniffed = await fileTypeFromFile(filePath);
  const sniffedKind = sniffed ? mediaTypeOf(sniffed.mime) : undefined;

  // Only a declared image, video or audio type can be contradicted: a generic or document type
  // says little about the bytes, so the content decides the media type without failing the file.
  if (sniffed && sniffedKind !== declaredKind && SNIFFABLE_KINDS.has(declaredKind)) {
    return {
      mediaType: sniffedKind!,
      mimeType: sniffed.mime,
      failure: {
        code: 'FILE_TYPE_MISMATCH',
        description: `The file was declared as ${declaredMimeType} but its content is ${sniffed.mime}`,
      },
    };
  }
  if (!sniffed && SNIFFABLE_KINDS.has(declaredKind)) {
    return {
      mediaType: declaredKind,
      mimeType: declaredMimeType,
      failure: {
        code: 'UNRECOGNIZED_CONTENT',
        description: `The file was declared as ${declaredMimeType} but its content is not a recognisable ${declaredKind.toLowerCase()}`,
      },
    };
  }

  const mimeType = sniffed?.mime ?? declaredMimeType;
  const mediaType = sniffedKind ?? declaredKind;
  if (mediaType !== 'IMAGE') return { mediaType, mimeType };
  try {
    const { width, height } = await imageSizeFromFile(filePath);
    return { mediaType, mimeType, width, height };
  } catch (error) {
    return {
      mediaType,
      mimeType,
      failure: { code: 'CORRUPT_IMAGE', description: `The image cannot be read: ${(error as Error).message}` },
    };
  }
}
