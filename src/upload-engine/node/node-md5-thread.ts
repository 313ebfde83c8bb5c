import { md5OnThisThread, type Md5Hashing } from '../md5/md5-hashing';
import type { Md5WorkerReply } from '../md5/md5-worker-protocol';
import { type Md5WorkerPort, WorkerMd5Hashing } from '../md5/worker-md5-hashing';
import { startTypeScriptWorker } from './typescript-worker';

function startNodeWorker(): Md5WorkerPort {
  const worker = startTypeScriptWorker(new URL('./md5-worker.ts', import.meta.url));
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
