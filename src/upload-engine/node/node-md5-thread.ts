import { md5OnThisThread, type Md5Hashing } from '../md5/md5-hashing';
import type { Md5WorkerReply } from '../md5/md5-worker-protocol';
import { type Md5WorkerPort, WorkerMd5Hashing } from '../md5/worker-md5-hashing';
import { Worker } from 'node:worker_threads';
import { startTypeScriptWorker } from './typescript-worker';

/**
 * Set by a build that bundles the engine with its md5 worker compiled beside it as md5-worker.mjs
 * (the command line's, cli/bin.mjs); absent when the engine runs from its sources.
 */
declare const ENGINE_MD5_WORKER_BESIDE: boolean | undefined;

function startNodeWorker(): Md5WorkerPort {
  const worker =
    typeof ENGINE_MD5_WORKER_BESIDE !== 'undefined'
      ? new Worker(new URL('./md5-worker.mjs', import.meta.url))
      : startTypeScriptWorker(new URL('./md5-worker.ts', import.meta.url));
  worker.unref();
  return {
    post: (request) => worker.postMessage(request),
    listen(onReply, onFailure) {
      worker.on('message', (reply: Md5WorkerReply) => onReply(reply));
      worker.on('error', onFailure);
      worker.on('exit', (code) => onFailure(new Error(`the md5 worker exited with code ${code}`)));
    },
    // An idle worker must not keep a finished command running; one that owes an answer must.
    hold: (held) => (held ? worker.ref() : worker.unref()),
    terminate: () => void worker.terminate(),
  };
}

/** The engine's md5s on a worker thread in Node, which reads each file by its path: the thread that sends only says how far to hash. */
export function nodeMd5Thread(): Md5Hashing {
  return new WorkerMd5Hashing(startNodeWorker, md5OnThisThread);
}
