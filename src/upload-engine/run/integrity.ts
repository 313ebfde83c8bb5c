import type { FileToHash, Md5Hasher, Md5Hashing } from '../md5/md5-hashing';

/** How far the md5 of a file got: kept with the resume record, so a resumed upload never reads the hashed part again. */
export interface HashProgress {
  offset: number;
  /** hash-wasm's saved md5 state, base64. */
  state: string;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/**
 * The md5 of a file's own bytes, computed while it uploads: as bytes are sent, the file's bytes up
 * to there are read and hashed, in order, once. What was sent does not matter (a retried request
 * sends bytes twice): the digest is of the file, to compare with the `hash` of the file descriptor
 * Wix returns, so a file that says READY is the file that was chosen.
 */
export class RunningMd5 {
  private failed = false;
  /** How far the md5 is asked to go; the hashing in progress, if any, follows it. */
  private wanted = 0;
  private running?: Promise<void>;
  /** Once computed, the digest is kept: the hasher cannot be finalized twice (a retry asks again). */
  private result?: Promise<string | undefined>;

  private constructor(
    private readonly hasher: Md5Hasher,
    private hashed: number,
    private readonly onProgress: (progress: HashProgress) => void,
  ) {}

  /** A new md5, or one continued from saved progress, run where `hashing` runs them. */
  static async start(
    hashing: Md5Hashing,
    file: FileToHash,
    saved: HashProgress | undefined,
    onProgress: (progress: HashProgress) => void,
  ): Promise<RunningMd5> {
    const state = saved ? fromBase64(saved.state) : undefined;
    const { hasher, offset } = await hashing.open(file, saved && state ? { offset: saved.offset, state } : undefined);
    return new RunningMd5(hasher, offset, onProgress);
  }

  get offset(): number {
    return this.hashed;
  }

  /**
   * Hashes the file up to `target`, in order, once. Asked again while hashing, it goes on to the
   * furthest target in one step, however often it is asked.
   */
  advanceTo(target: number): void {
    this.wanted = Math.max(this.wanted, target);
    if (this.running || this.failed || this.hashed >= this.wanted) return;
    this.running = (async () => {
      while (!this.failed && this.hashed < this.wanted) await this.hashUpTo(this.wanted);
      this.running = undefined;
    })();
  }

  /** The md5 of the whole file (`size` bytes), hex; undefined when the file could not be read or hashed. */
  digest(size: number): Promise<string | undefined> {
    this.result ??= (async () => {
      this.advanceTo(size);
      while (this.running) await this.running;
      if (this.failed || this.hashed !== size) return undefined;
      try {
        return await this.hasher.digest();
      } catch {
        return undefined;
      } finally {
        this.hasher.close();
      }
    })();
    return this.result;
  }

  private async hashUpTo(target: number): Promise<void> {
    try {
      await this.hasher.hashTo(target);
      this.hashed = target;
      this.onProgress({ offset: target, state: toBase64(await this.hasher.save()) });
    } catch {
      // Unreadable now (moved, shortened, access revoked), or the worker stopped: the upload goes on, it just cannot be verified.
      this.failed = true;
      this.hasher.close();
    }
  }
}
