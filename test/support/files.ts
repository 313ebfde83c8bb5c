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

/** A zip archive of the given entries, stored (no compression): enough for content sniffing to read its parts. */
export function makeZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A Word document's first parts, as a .docx starts. */
export function makeDocx(): Buffer {
  return makeZip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    'word/document.xml': '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
  });
}

/** A small valid-looking PDF. */
export function makePdf(): Buffer {
  return Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
}
