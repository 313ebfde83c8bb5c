import { fileTypeFromFile } from 'file-type';
import { imageSizeFromFile } from 'image-size/fromFile';
import { mediaTypeOf, type MediaType } from '../../../src/shared/media-types.js';

export { mediaTypeOf, type MediaType };

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
