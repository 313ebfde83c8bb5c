import { createMD5, type IHasher } from 'hash-wasm';

/** Reads bytes [start, end) of the file being uploaded. */
export type ReadRange = (start: number, end: number) => Promise<Uint8Array>;

/** A file to hash, as each side can read it. */
export interface FileToHash {
  /** How this thread reads it. */
  read: ReadRange;
  /** What a worker reads it from itself: the File in a browser (a worker can be handed one), its path in Node. */
  workerReadable?: Blob | string;
}

/** Where a saved md5 got to: the state `save` gave after hashing the file's first `offset` bytes. */
export interface SavedMd5 {
  offset: number;
  state: Uint8Array;
}

/** One file's md5 in progress, wherever it runs. Calls are answered in the order they were made. */
export interface Md5Hasher {
  /** Hashes the file's bytes from where it got to up to `offset`; fails when the file is shorter. */
  hashTo(offset: number): Promise<void>;
  /** The state so far, to continue later. */
  save(): Promise<Uint8Array>;
  /** The md5 of everything hashed, hex. */
  digest(): Promise<string>;
  /** Done with this md5: whatever holds its state may free it. */
  close(): void;
}

export interface OpenedMd5 {
  hasher: Md5Hasher;
  /** Where it starts: the saved offset, or 0 when there was none or its state could not be loaded (another version of the hasher). */
  offset: number;
}

/** Where md5s run: on the calling thread, or on a worker that hashes every file of a queue. */
export interface Md5Hashing {
  /** A new md5 of `file`, or one continued from a saved state. */
  open(file: FileToHash, saved?: SavedMd5): Promise<OpenedMd5>;
  /** Stops the worker, if there is one; md5s still open fail. */
  dispose(): void;
  /** Gets ready for a first md5 to come: a worker started now, not in the task that starts sending. */
  warmUp?(): void;
}

/** hash-wasm's md5 from a saved state, or from the start when there is none or it cannot be loaded. */
export async function md5From(saved: SavedMd5 | undefined): Promise<{ md5: IHasher; offset: number }> {
  const md5 = await createMD5();
  md5.init();
  if (!saved) return { md5, offset: 0 };
  try {
    md5.load(saved.state);
    return { md5, offset: saved.offset };
  } catch {
    md5.init();
    return { md5, offset: 0 };
  }
}

/** Read and hashed at a time on this thread; between pieces a page gets its main thread back. */
const PIECE_BYTES = 4 * 1024 * 1024;

const yieldToPage = (): Promise<void> =>
  typeof window === 'undefined' ? Promise.resolve() : new Promise<void>((resolve) => setTimeout(resolve, 0));

/** hash-wasm's md5 on the thread that asks: where there is no worker, or it could not start. */
export const md5OnThisThread: Md5Hashing = {
  async open(file, saved) {
    const { md5, offset } = await md5From(saved);
    let hashed = offset;
    const hasher: Md5Hasher = {
      async hashTo(target) {
        while (hashed < target) {
          const end = Math.min(target, hashed + PIECE_BYTES);
          const bytes = await file.read(hashed, end);
          if (bytes.byteLength !== end - hashed) throw new Error('the file is shorter than when it was chosen');
          md5.update(bytes);
          hashed = end;
          await yieldToPage();
        }
      },
      save: async () => md5.save(),
      digest: async () => md5.digest('hex'),
      close: () => undefined,
    };
    return { hasher, offset };
  },
  dispose: () => undefined,
};
