import fs from 'node:fs';
import { Upload } from 'tus-js-client';
import type { InputFile } from '../input-files.js';

/**
 * One upload with the official tus-js-client (Node build). The source is an fs.ReadStream, so
 * the client streams each chunk from disk (its FileSource) and memory stays flat.
 */
export function tusUpload(
  endpoint: string,
  file: InputFile,
  chunkSize: number | null,
  metadata: Record<string, string>,
  retryDelays: number[] = [],
): Promise<string> {
  return new Promise((resolve, reject) => {
    const upload = new Upload(fs.createReadStream(file.path), {
      endpoint,
      ...(chunkSize === null ? {} : { chunkSize }),
      retryDelays,
      metadata,
      onError: reject,
      onSuccess: () => (upload.url ? resolve(upload.url) : reject(new Error('tus-js-client gave no upload URL'))),
    });
    upload.start();
  });
}
