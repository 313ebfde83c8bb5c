import fs from 'node:fs';
import path from 'node:path';
import type { UploadSource } from '../upload-source';

export interface PathSourceOptions {
  /** The file's path inside an uploaded folder, e.g. "trip/day1/a.jpg"; its folders become filePath. */
  relativePath?: string;
  name?: string;
}

/**
 * A file on disk as an UploadSource (Node only: the browser bundle must never import this module).
 * tus-js-client's Node build reads an fs.ReadStream by its path, opening a stream per chunk, so
 * memory stays flat whatever the file's size.
 */
export function sourceFromPath(filePath: string, type = '', options: PathSourceOptions = {}): UploadSource {
  const stat = fs.statSync(filePath);
  let stream: fs.ReadStream | undefined;
  return {
    name: options.name ?? path.basename(filePath),
    size: stat.size,
    type,
    lastModified: Math.floor(stat.mtimeMs),
    relativePath: options.relativePath,
    workerReadable: filePath,
    async read(start, end) {
      const handle = await fs.promises.open(filePath, 'r');
      try {
        const bytes = Buffer.alloc(end - start);
        const { bytesRead } = await handle.read(bytes, 0, bytes.length, start);
        return bytes.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    // Opened on first use: a ReadStream holds a file descriptor from its creation, and a queue may hold thousands of files.
    get data() {
      if (!stream) {
        stream = fs.createReadStream(filePath);
        // tus-js-client never reads this stream (it opens its own per chunk, where read errors surface);
        // without a listener, a failure to open it would crash the process.
        stream.on('error', () => undefined);
      }
      return stream;
    },
  };
}
