import { createMD5, type IHasher } from 'hash-wasm';

/** What the engine asks the md5 worker; `hash` names one md5 among the files of a queue. */
export type Md5WorkerRequest =
  | { request: number; op: 'open'; hash: number; state?: Uint8Array }
  | { request: number; op: 'update'; hash: number; bytes: Uint8Array }
  | { request: number; op: 'save'; hash: number }
  | { request: number; op: 'digest'; hash: number }
  | { op: 'close'; hash: number };

export type Md5WorkerReply =
  | { request: number; ok: true; continued?: boolean; state?: Uint8Array; hex?: string }
  | { request: number; ok: false; message: string };

/** The worker's side of the protocol: hands each request to its md5, one at a time, in order. */
export function serveMd5Requests(reply: (message: Md5WorkerReply, transfer: ArrayBuffer[]) => void): (request: Md5WorkerRequest) => void {
  const hashes = new Map<number, IHasher>();
  let queue: Promise<void> = Promise.resolve();

  const answer = async (request: Exclude<Md5WorkerRequest, { op: 'close' }>): Promise<void> => {
    try {
      if (request.op === 'open') {
        const md5 = await createMD5();
        md5.init();
        let continued = request.state === undefined;
        if (request.state) {
          try {
            md5.load(request.state);
            continued = true;
          } catch {
            md5.init();
          }
        }
        hashes.set(request.hash, md5);
        reply({ request: request.request, ok: true, continued }, []);
        return;
      }
      const md5 = hashes.get(request.hash);
      if (!md5) throw new Error(`no md5 ${request.hash} on this worker`);
      if (request.op === 'update') {
        md5.update(request.bytes);
        reply({ request: request.request, ok: true }, []);
      } else if (request.op === 'save') {
        const state = md5.save();
        reply({ request: request.request, ok: true, state }, [state.buffer as ArrayBuffer]);
      } else {
        reply({ request: request.request, ok: true, hex: md5.digest('hex') }, []);
      }
    } catch (error) {
      reply({ request: request.request, ok: false, message: error instanceof Error ? error.message : String(error) }, []);
    }
  };

  return (request) => {
    if (request.op === 'close') {
      queue = queue.then(() => {
        hashes.delete(request.hash);
      });
      return;
    }
    queue = queue.then(() => answer(request));
  };
}
