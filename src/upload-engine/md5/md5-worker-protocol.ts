import type { IHasher } from 'hash-wasm';
import { md5From } from './md5-hashing';

/** What the engine asks the md5 worker; `hash` names one file's md5 among the files of a queue. */
export type Md5WorkerRequest =
  | { request: number; op: 'open'; hash: number; file: Blob | string; offset: number; state?: Uint8Array }
  | { request: number; op: 'hashTo'; hash: number; offset: number }
  | { request: number; op: 'save'; hash: number }
  | { request: number; op: 'digest'; hash: number }
  | { op: 'close'; hash: number };

export type Md5WorkerReply =
  | { request: number; ok: true; offset?: number; state?: Uint8Array; hex?: string }
  | { request: number; ok: false; message: string };

/** Reads bytes [start, end) of a file as the worker's platform can: a Blob's stream, a file's read stream. */
export type ReadBytes = (file: Blob | string, start: number, end: number) => AsyncIterable<Uint8Array>;

interface OpenMd5 {
  md5: IHasher;
  file: Blob | string;
  hashed: number;
}

/**
 * The worker's side: each request in order, one at a time. The worker reads the files itself, so
 * the thread that sends never touches the bytes it hashes.
 */
export function serveMd5Requests(
  readBytes: ReadBytes,
  reply: (message: Md5WorkerReply, transfer: ArrayBuffer[]) => void,
): (request: Md5WorkerRequest) => void {
  const open = new Map<number, OpenMd5>();
  let queue: Promise<void> = Promise.resolve();

  const hashTo = async (one: OpenMd5, target: number): Promise<void> => {
    if (one.hashed >= target) return;
    for await (const bytes of readBytes(one.file, one.hashed, target)) {
      one.md5.update(bytes);
      one.hashed += bytes.byteLength;
    }
    if (one.hashed !== target) throw new Error('the file is shorter than when it was chosen');
  };

  const answer = async (request: Exclude<Md5WorkerRequest, { op: 'close' }>): Promise<void> => {
    try {
      if (request.op === 'open') {
        const saved = request.state ? { offset: request.offset, state: request.state } : undefined;
        const { md5, offset } = await md5From(saved);
        open.set(request.hash, { md5, file: request.file, hashed: offset });
        reply({ request: request.request, ok: true, offset }, []);
        return;
      }
      const one = open.get(request.hash);
      if (!one) throw new Error(`no md5 ${request.hash} on this worker`);
      if (request.op === 'hashTo') {
        await hashTo(one, request.offset);
        reply({ request: request.request, ok: true }, []);
      } else if (request.op === 'save') {
        const state = one.md5.save();
        reply({ request: request.request, ok: true, state }, [state.buffer as ArrayBuffer]);
      } else {
        reply({ request: request.request, ok: true, hex: one.md5.digest('hex') }, []);
      }
    } catch (error) {
      reply({ request: request.request, ok: false, message: error instanceof Error ? error.message : String(error) }, []);
    }
  };

  return (request) => {
    if (request.op === 'close') {
      queue = queue.then(() => {
        open.delete(request.hash);
      });
      return;
    }
    queue = queue.then(() => answer(request));
  };
}
