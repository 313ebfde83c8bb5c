/**
 * The md5 worker thread: keeps one hash-wasm md5 per running hash and feeds it the bytes the
 * receiving thread put in the hand-over window. A failure is that hash's alone: it is answered
 * to that hash's next save or digest, and every other hash goes on.
 */
import { createMD5, type IHasher } from 'hash-wasm';
import { parentPort, workerData } from 'node:worker_threads';
import type { HashId, Md5Reply, Md5Request, Md5WorkerData } from './md5-messages.js';

const port = parentPort;
if (!port) throw new Error('md5-worker.ts runs as a worker thread');
const { window, slotBytes } = workerData as Md5WorkerData;

const hashers = new Map<HashId, IHasher>();
/** Hashes whose update failed: their bytes are incomplete, so their state must not be used. */
const failures = new Map<HashId, string>();

function reply(message: Md5Reply): void {
  port!.postMessage(message);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function hasherOf(hash: HashId): IHasher {
  const failure = failures.get(hash);
  if (failure !== undefined) throw new Error(failure);
  const hasher = hashers.get(hash);
  if (!hasher) throw new Error(`no md5 is open as ${hash}`);
  return hasher;
}

async function handle(message: Md5Request): Promise<void> {
  switch (message.op) {
    case 'open': {
      const hasher = await createMD5();
      if (message.state) hasher.load(message.state);
      else hasher.init();
      failures.delete(message.hash);
      hashers.set(message.hash, hasher);
      return reply({ kind: 'answer', request: message.request, value: null });
    }
    case 'update':
      try {
        hasherOf(message.hash).update(new Uint8Array(window, message.slot * slotBytes, message.length));
      } catch (error) {
        if (!failures.has(message.hash)) failures.set(message.hash, `hashing failed: ${messageOf(error)}`);
        hashers.delete(message.hash);
      }
      return reply({ kind: 'slot-free', slot: message.slot });
    case 'save':
      return reply({ kind: 'answer', request: message.request, value: hasherOf(message.hash).save() });
    case 'digest': {
      const hex = hasherOf(message.hash).digest('hex');
      hashers.delete(message.hash);
      return reply({ kind: 'answer', request: message.request, value: hex });
    }
    case 'close':
      hashers.delete(message.hash);
      failures.delete(message.hash);
  }
}

// One message at a time, in order: an open (asynchronous) finishes before the updates after it.
let previous: Promise<void> = Promise.resolve();
port.on('message', (message: Md5Request) => {
  previous = previous.then(() =>
    handle(message).catch((error: unknown) => {
      if ('request' in message) reply({ kind: 'failed', request: message.request, message: messageOf(error) });
    }),
  );
});
