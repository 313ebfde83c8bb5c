import mimeDb from 'mime-db';
import { fileExtension } from '../shared/media-types';

/**
 * The file name extensions of each MIME type, from mime-db (the table the `mime-types` package
 * and most servers use): what the visitor rules policy ties a file's name to, so that a PDF-only
 * rule gives the owner only files named `.pdf`, whatever type the browser declared.
 */
export const EXTENSIONS_BY_TYPE: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(mimeDb).flatMap(([type, entry]) => (entry.extensions?.length ? [[type, entry.extensions] as const] : [])),
);

/** The MIME types a file name's extension is saved with (none for a name without a known extension). */
export function typesOfFileName(fileName: string): string[] {
  const extension = fileExtension(fileName);
  if (!extension) return [];
  return [...EXTENSIONS_BY_TYPE].flatMap(([type, extensions]) => (extensions.includes(extension) ? [type] : []));
}
