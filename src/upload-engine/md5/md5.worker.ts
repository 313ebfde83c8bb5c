/** The md5 worker of a page: see worker-md5-hashing.ts. Built inline into the page's and the widget's bundle. */
import { type Md5WorkerReply, type Md5WorkerRequest, serveMd5Requests } from './md5-worker-protocol';

/** The worker's global scope, as much of it as this file uses (the project's types are the page's, not a worker's). */
const scope = self as unknown as {
  postMessage(message: Md5WorkerReply, transfer: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<Md5WorkerRequest>) => void): void;
};

/** A File's bytes as its stream delivers them: one read of the range, not a read per piece (several times faster in Chromium). */
async function* blobBytes(file: Blob | string, start: number, end: number): AsyncIterable<Uint8Array> {
  if (typeof file === 'string') throw new Error('a page has no file paths');
  const reader = file.slice(start, end).stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Ends the read when the hashing stopped early (a failure); after the last chunk it does nothing.
    await reader.cancel().catch(() => undefined);
  }
}

const serve = serveMd5Requests(blobBytes, (reply, transfer) => scope.postMessage(reply, transfer));
scope.addEventListener('message', (event) => serve(event.data));
