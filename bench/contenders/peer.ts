/** peer: tus-js-client into a bare @tus/server + @tus/file-store, as a developer would wire it. */
import { eachWithConcurrency, type Contender } from './contender.js';
import { tusUpload } from './tus-client.js';

export function peerContender(endpoint: string, chunkSize: number | null, retryDelays: number[]): Contender {
  return {
    uploadAll: (files, concurrency) =>
      eachWithConcurrency(files, concurrency, async (file) => {
        await tusUpload(endpoint, file, chunkSize, { filename: file.name, filetype: 'application/octet-stream' }, retryDelays);
      }),
  };
}
