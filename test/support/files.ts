import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** The start of an MP4 file (an ftyp box), enough for content sniffing to see a video. */
export const MP4_HEADER = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypmp42', 'ascii'),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('mp42isom', 'ascii'),
]);

/** Writes `size` bytes (random after an optional header) and returns the path and md5. */
export function writeRandomFile(dir: string, name: string, size: number, header = Buffer.alloc(0)): { path: string; md5: string } {
  const file = path.join(dir, name);
  const fd = fs.openSync(file, 'w');
  const hash = crypto.createHash('md5');
  const chunk = Buffer.alloc(Math.max(1, Math.min(size, 4 * 1024 * 1024)));
  let written = 0;
  while (written < size) {
    crypto.randomFillSync(chunk);
    if (written === 0) header.copy(chunk, 0, 0, Math.min(header.length, size));
    const part = chunk.subarray(0, Math.min(chunk.length, size - written));
    fs.writeSync(fd, part);
    hash.update(part);
    written += part.length;
  }
  fs.closeSync(fd);
  return { path: file, md5: hash.digest('hex') };
}

export function md5OfFile(file: string): string {
  return crypto.createHash('md5').update(fs.readFileSync(file)).digest('hex');
}

/** The md5 of what a URL serves; throws naming the answer when it is not 200. */
export async function md5OfUrl(url: string | undefined): Promise<string> {
  const response = await fetch(String(url));
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return crypto
    .createHash('md5')
    .update(Buffer.from(await response.arrayBuffer()))
    .digest('hex');
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A valid RGB PNG of the given size, filled with one colour. */
export function makePng(width: number, height: number, rgb: [number, number, number] = [56, 153, 236]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
