/** The files the page is given: one big file of random bytes, and many small ones. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface InputFile {
  path: string;
  name: string;
  size: number;
}

/** Random bytes, so nothing on the way can compress or deduplicate them. */
function writeRandomFile(dir: string, name: string, size: number): InputFile {
  const file = path.join(dir, name);
  const fd = fs.openSync(file, 'w');
  try {
    const block = Buffer.alloc(Math.max(1, Math.min(size, 4 * 1024 * 1024)));
    for (let written = 0; written < size; ) {
      const part = crypto.randomFillSync(block).subarray(0, Math.min(block.length, size - written));
      fs.writeSync(fd, part);
      written += part.length;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { path: file, name, size };
}

export function writeLargeFile(dir: string, size: number): InputFile {
  return writeRandomFile(dir, 'browser-large.bin', size);
}

/** Distinct names and bytes, so none is refused as a duplicate of another. */
export function writeSmallFiles(dir: string, count: number, size: number): InputFile[] {
  const width = String(count - 1).length;
  return Array.from({ length: count }, (_, index) => writeRandomFile(dir, `small-${String(index).padStart(width, '0')}.bin`, size));
}
