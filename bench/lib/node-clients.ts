/**
 * How each Node contender gets files from disk into a server: the seed
 * (Wix's own resumable-upload example: a session, tus-js-client with its default options and the
 * example's retry delays, then the finalize PUT), peer (the seed's tus-js-client into a bare
 * @tus/server, no session or finalize) and ours (the upload engine, the whole flow to READY).
 */
import fs from 'node:fs';
import { Upload } from 'tus-js-client';
import {
  DEFAULT_MIME_TYPE,
  nodeMd5Thread,
  sourceFromPath,
  UploadQueue,
  withMeta,
  type UploadQueueSnapshot,
} from '../../src/upload-engine/node/index.js';
import { webMethodsBackend } from '../../clients/upload-backends.js';
import type { InputFile } from './measure.js';

export const NODE_CONTENDERS = ['peer', 'seed', 'ours'] as const;
export type NodeContender = (typeof NODE_CONTENDERS)[number];

/** The retry delays of Wix's example (its other options are tus-js-client's defaults: one request per file). */
export const SEED_RETRY_DELAYS = [0, 3000, 5000, 10_000, 20_000];
const CONTENT_TYPE = 'application/octet-stream';

export interface ClientJob {
  contender: NodeContender;
  /** peer: the tus endpoint; seed and ours: the app's origin. */
  endpoint: string;
  /** seed and ours: a site owner's token. */
  token?: string;
  files: InputFile[];
  concurrency: number;
  /** Uploaded once before the harness says "go", so start-up costs are not timed; none: upload at once. */
  warmup?: InputFile;
}

/** The seed's tus upload: tus-js-client's defaults (one PATCH for the whole file) and the example's retry delays. */
function tusUpload(endpoint: string, file: InputFile, metadata: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    new Upload(fs.createReadStream(file.path), {
      endpoint,
      retryDelays: SEED_RETRY_DELAYS,
      metadata,
      onError: reject,
      onSuccess: () => resolve(),
    }).start();
  });
}

/** Wix's example in full: the session (here the app's web method), the tus upload, the finalize PUT. */
async function seedUpload(origin: string, token: string, file: InputFile): Promise<void> {
  const answer = await webMethodsBackend(origin, token).createUploadSession({
    fileName: file.name,
    mimeType: CONTENT_TYPE,
    sizeInBytes: String(file.size),
  });
  if (!answer.ok) throw new Error(`createUploadSession refused ${file.name}: ${JSON.stringify(answer)}`);
  const { uploadUrl, uploadToken } = answer.session;
  await tusUpload(uploadUrl, file, { filename: file.name, contentType: CONTENT_TYPE, token: uploadToken });
  const finalized = await fetch(`${uploadUrl}/${encodeURIComponent(uploadToken)}?filename=${encodeURIComponent(file.name)}`, {
    method: 'PUT',
  });
  if (!finalized.ok) throw new Error(`the finalize PUT answered ${finalized.status}: ${await finalized.text()}`);
}

/** The engine, as the command line drives it: every file READY, or the first failure. */
async function oursUpload(origin: string, token: string, files: InputFile[], concurrency: number): Promise<void> {
  const queue = new UploadQueue({ backend: webMethodsBackend(origin, token), concurrency, md5Hashing: nodeMd5Thread() });
  try {
    await new Promise<void>((resolve, reject) => {
      const check = (snapshot: UploadQueueSnapshot) => {
        const failed = snapshot.items.find((item) => item.state === 'failed');
        if (failed) reject(new Error(`${failed.name}: ${failed.error?.code} ${failed.error?.message}`));
        else if (snapshot.totals.count.ready === files.length) resolve();
      };
      queue.subscribe(check);
      queue.add(withMeta(files.map((file) => sourceFromPath(file.path, DEFAULT_MIME_TYPE, { name: file.name }))));
    });
  } finally {
    await queue.dispose();
  }
}

/** Runs `task` on every item, at most `concurrency` at once; the first failure rejects. */
async function eachAtMost<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

export function uploadAll(job: ClientJob, files: InputFile[]): Promise<void> {
  const { endpoint, token = '', concurrency } = job;
  switch (job.contender) {
    case 'peer':
      return eachAtMost(files, concurrency, (file) => tusUpload(endpoint, file, { filename: file.name, filetype: CONTENT_TYPE }));
    case 'seed':
      return eachAtMost(files, concurrency, (file) => seedUpload(endpoint, token, file));
    case 'ours':
      return oursUpload(endpoint, token, files, concurrency);
  }
}
