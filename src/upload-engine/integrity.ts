import { createMD5, type IHasher } from 'hash-wasm';

/** Reads bytes [start, end) of the file being uploaded. */
export type ReadRange = (start: number, end: number) => Promise<Uint8Array>;

/** How far the md5 of a file got: kept with the resume record, so a resumed upload never reads the hashed part again. */
export interface HashProgress {
  offset: number;
  /** hash-wasm's saved md5 state, base64. */
  state: string;
}

/** Hashed at a time; between pieces the browser gets the main thread back. */
const PIECE_BYTES = 4 * 1024 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
}

/** In a page, the main thread is given back between pieces so the page stays responsive; elsewhere there is nothing to yield to. */
const yieldToPage = (): Promise<void> | undefined =>
  typeof window === 'undefined' ? undefined : new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The md5 of a file's own bytes, computed while it uploads: each time the server confirms bytes,
 * the file's bytes up to there are read and hashed, in order, once. What was sent does not matter
 * (a retried request sends bytes twice): the digest is of the file, to compare with the `hash` of
 * the file descriptor Wix returns, so a file that says READY is the file that was chosen.
 */
export class RunningMd5 {
  private chain: Promise<void> = Promise.resolve();
  private failed = false;
  /** Once computed, the digest is kept: the hasher cannot be finalized twice (a retry asks again). */
  private result?: Promise<string | undefined>;

  private constructor(
    private readonly hasher: IHasher,
    private hashed: number,
    private readonly read: ReadRange,
    private readonly onProgress: (progress: HashProgress) => void,
  ) {}

  /** A new md5, or one continued from saved progress. */
  static async start(read: ReadRange, saved: HashProgress | undefined, onProgress: (progress: HashProgress) => void): Promise<RunningMd5> {
    const hasher = await createMD5();
    hasher.init();
    let offset = 0;
    if (saved) {
      try {
        hasher.load(fromBase64(saved.state));
        offset = saved.offset;
      } catch {
        hasher.init(); // A state from another version of the hasher: start over.
      }
    }
    return new RunningMd5(hasher, offset, read, onProgress);
  }

  get offset(): number {
    return this.hashed;
  }

  /** Hashes the file up to `target` (bytes the server holds), after what is queued already. */
  advanceTo(target: number): void {
    this.chain = this.chain.then(() => this.hashUpTo(target));
  }

  /** The md5 of the whole file (`size` bytes), hex; undefined when the file could not be read. */
  digest(size: number): Promise<string | undefined> {
    this.result ??= (async () => {
      this.advanceTo(size);
      await this.chain;
      return this.failed || this.hashed !== size ? undefined : this.hasher.digest('hex');
    })();
    return this.result;
  }

  private async hashUpTo(target: number): Promise<void> {
    if (this.failed) return;
    try {
      while (this.hashed < target) {
        const end = Math.min(target, this.hashed + PIECE_BYTES);
        const bytes = await this.read(this.hashed, end);
        this.hasher.update(bytes);
        this.hashed = end;
        const yielded = yieldToPage();
        if (yielded) await yielded;
      }
      this.onProgress({ offset: this.hashed, state: toBase64(this.hasher.save()) });
    } catch {
      // Unreadable now (moved, or access revoked): the upload goes on, it just cannot be verified.
      this.failed = true;
    }
  }
}
