// Inline: the widget's script is served from Wix's CDN, another origin than the site's page, and a
// page may only start a worker from its own origin; a worker from a blob: URL has the page's origin.
import Md5Worker from './md5.worker?worker&inline';
import type { Md5WorkerReply } from './md5-worker-protocol';
import { md5OnThisThread, type Md5Hashing } from './md5-hashing';
import { type Md5WorkerPort, WorkerMd5Hashing } from './worker-md5-hashing';

function startBrowserWorker(): Md5WorkerPort {
  const worker: Worker = new Md5Worker({ name: 'md5' });
  return {
    post: (request) => worker.postMessage(request),
    listen(onReply, onFailure) {
      worker.addEventListener('message', (event: MessageEvent<Md5WorkerReply>) => onReply(event.data));
      worker.addEventListener('error', (event) => onFailure(new Error(event.message || 'the md5 worker failed')));
      worker.addEventListener('messageerror', () => onFailure(new Error('the md5 worker sent an unreadable message')));
    },
    terminate: () => worker.terminate(),
  };
}

/** Where a page's md5s run: a Web Worker when the browser starts one, else the main thread between pieces. */
export function browserMd5Hashing(): Md5Hashing {
  const canStartWorkers = typeof Worker === 'function' && typeof Blob === 'function' && typeof URL.createObjectURL === 'function';
  return canStartWorkers ? new WorkerMd5Hashing(startBrowserWorker, md5OnThisThread) : md5OnThisThread;
}
