/**
 * ours: the project's upload engine (src/upload-engine) driving the whole flow through the local
 * app: createUploadSession → tus → finalize PUT → recordUpload → READY (getUploadStatus).
 */
import { DEFAULT_MIME_TYPE, UploadQueue, type UploadBackend, type UploadQueueSnapshot } from '../../src/upload-engine/index.js';
import { nodeMd5Thread } from '../../src/upload-engine/node/node-md5-thread.js';
import { sourceFromPath } from '../../src/upload-engine/node/node-source.js';
import type { InputFile } from '../input-files.js';
import { webMethodsBackend } from '../../clients/upload-backends.js';
import type { Contender } from './contender.js';
import { withMeta } from '../../src/upload-engine/upload-source.js';

/** Resolves when all `count` items are READY; rejects with the first failure. */
function allReady(queue: UploadQueue, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (snapshot: UploadQueueSnapshot) => {
      const failed = snapshot.items.find((item) => item.state === 'failed' || item.state === 'cancelled');
      if (failed) {
        unsubscribe();
        reject(new Error(`${failed.name}: ${failed.state} ${failed.error?.code ?? ''} ${failed.error?.message ?? ''}`));
      } else if (snapshot.totals.files === count && snapshot.totals.count.ready === count) {
        unsubscribe();
        resolve();
      }
    };
    const unsubscribe = queue.subscribe(check);
    check(queue.getSnapshot());
  });
}

/** The same backend, with each session's upload URL moved to `uploadOrigin` (path kept). */
function routingUploadsVia(backend: UploadBackend, uploadOrigin: string): UploadBackend {
  return {
    ...backend,
    async createUploadSession(request) {
      const answer = await backend.createUploadSession(request);
      if (!answer.ok) return answer;
      const url = new URL(answer.session.uploadUrl);
      return { ...answer, session: { ...answer.session, uploadUrl: `${uploadOrigin}${url.pathname}` } };
    },
  };
}

export function oursContender(origin: string, token: string, chunkSize: number | null, uploadOrigin?: string): Contender {
  const backend = uploadOrigin ? routingUploadsVia(webMethodsBackend(origin, token), uploadOrigin) : webMethodsBackend(origin, token);
  return {
    async uploadAll(files: InputFile[], concurrency: number) {
      const queue = new UploadQueue({
        backend,
        concurrency,
        chunkSize: chunkSize ?? Number.POSITIVE_INFINITY,
        md5Hashing: nodeMd5Thread(),
      });
      try {
        queue.add(withMeta(files.map((file) => sourceFromPath(file.path, DEFAULT_MIME_TYPE, { name: file.name }))));
        await allReady(queue, files.length);
      } finally {
        await queue.dispose();
      }
    },
  };
}
