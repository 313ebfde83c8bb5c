/**
 * tus-on-app: bare tus-js-client on the same server as ours (the local app's @tus/server), so the
 * two differ only by the client. Each file gets its upload session from the app's web method (the
 * tus server refuses an upload without a token), then tus-js-client sends it; no finalize, no
 * record: what the engine adds on top is what the comparison shows.
 */
import type { UploadSessionRequest } from '../../src/shared/upload-methods.js';
import { webMethodsBackend } from '../../clients/upload-backends.js';
import { eachWithConcurrency, type Contender } from './contender.js';
import { tusUpload } from './tus-client.js';

const CONTENT_TYPE = 'application/octet-stream';

export function tusOnAppContender(origin: string, token: string, chunkSize: number | null): Contender {
  const backend = webMethodsBackend(origin, token);
  return {
    uploadAll: (files, concurrency) =>
      eachWithConcurrency(files, concurrency, async (file) => {
        const request: UploadSessionRequest = { fileName: file.name, mimeType: CONTENT_TYPE, sizeInBytes: String(file.size) };
        const answer = await backend.createUploadSession(request);
        if (!answer.ok) throw new Error(`createUploadSession refused ${file.name}: ${JSON.stringify(answer)}`);
        await tusUpload(answer.session.uploadUrl, file, chunkSize, {
          filename: file.name,
          contentType: CONTENT_TYPE,
          token: answer.session.uploadToken,
        });
      }),
  };
}
