/** The files the page is given: one big file of random bytes, and many small ones. */
import { writeRandomFile, type InputFile } from '../input-files.js';

export type { InputFile };

export function writeLargeFile(dir: string, size: number): InputFile {
  return writeRandomFile(dir, 'browser-large.bin', size);
}

/** Distinct names and bytes, so none is refused as a duplicate of another. */
export function writeSmallFiles(dir: string, count: number, size: number): InputFile[] {
  const width = String(count - 1).length;
  return Array.from({ length: count }, (_, index) => writeRandomFile(dir, `small-${String(index).padStart(width, '0')}.bin`, size));
}
