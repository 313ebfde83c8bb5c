import { createMD5 } from 'hash-wasm';

/** One md5 in progress, wherever it runs. Calls are answered in the order they were made. */
export interface Md5Hasher {
  /** Hashes `bytes` next; the hasher may take the bytes' buffer (a worker gets it transferred). */
  update(bytes: Uint8Array): Promise<void>;
  /** The state so far, to continue later with `open(state)`. */
  save(): Promise<Uint8Array>;
  /** The md5 of everything hashed, hex. */
  digest(): Promise<string>;
  /** Done with this md5: whatever holds its state may free it. */
  close(): void;
}

export interface OpenedMd5 {
  hasher: Md5Hasher;
  /** False when a saved state could not be loaded (another version of the hasher): it starts from the first byte. */
  continued: boolean;
}

/** Where md5s run: on the calling thread, or on a worker thread that hashes every file of a queue. */
export interface Md5Hashing {
  /** A new md5, or one continued from a state `save` gave. */
  open(state?: Uint8Array): Promise<OpenedMd5>;
  /** Stops the worker, if there is one; md5s still open fail. */
  dispose(): void;
}

/** In a page, the main thread is given back after each piece so the page stays responsive. */
const yieldToPage = (): Promise<void> =>
  typeof window === 'undefined' ? Promise.resolve() : new Promise<void>((resolve) => setTimeout(resolve, 0));

/** hash-wasm's md5 on the thread that asks: where there is no worker, or it could not start. */
export const md5OnThisThread: Md5Hashing = {
  async open(state) {
    const md5 = await createMD5();
    md5.init();
    let continued = state === undefined;
    if (state) {
      try {
        md5.load(state);
        continued = true;
      } catch {
        md5.init();
      }
    }
    const hasher: Md5Hasher = {
      async update(bytes) {
        md5.update(bytes);
        await yieldToPage();
      },
      save: async () => md5.save(),
      digest: async () => md5.digest('hex'),
      close: () => undefined,
    };
    return { hasher, continued };
  },
  dispose: () => undefined,
};
