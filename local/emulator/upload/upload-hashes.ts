import fs from 'node:fs';
import type { SqlDatabase } from '../platform/database.js';
import type { Md5Handle, Md5Thread } from './md5-thread.js';

interface LiveHash {
  md5: Md5Handle;
  hashedBytes: number;
}

/**
 * The md5 of each tus upload, computed on the md5 worker while its bytes arrive. The hasher's
 * state is saved after every PATCH, so a restarted server continues the hash instead of
 * re-reading the file; only bytes written after the last save (an interrupted PATCH) are read
 * back from disk.
 */
export class UploadHashes {
  private readonly live = new Map<string, LiveHash>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly md5: Md5Thread,
    private readonly bytesPath: (uploadId: string) => string,
  ) {}

  /** An md5 that has seen exactly the first `offset` bytes of the upload. */
  async at(uploadId: string, offset: number): Promise<Md5Handle> {
    const current = this.live.get(uploadId);
    if (current && current.hashedBytes === offset && this.md5.holds(current.md5)) return current.md5;
    this.discard(uploadId);

    const saved = this.db.prepare('SELECT hashed_bytes, state FROM upload_hashes WHERE tus_upload_id = ?').get(uploadId) as
      | { hashed_bytes: number; state: Uint8Array }
      | undefined;
    const usable = saved && saved.hashed_bytes <= offset ? saved : undefined;
    let md5: Md5Handle;
    try {
      md5 = await this.md5.open(usable ? new Uint8Array(usable.state) : null);
    } catch (error) {
      // A state that cannot be loaded (written by another hash-wasm, say) never will be: the next
      // request hashes the bytes on disk from the start.
      if (usable) this.db.prepare('DELETE FROM upload_hashes WHERE tus_upload_id = ?').run(uploadId);
      throw error;
    }
    const hashedBytes = usable?.hashed_bytes ?? 0;
    if (hashedBytes < offset) {
      try {
        await this.catchUp(uploadId, md5, hashedBytes, offset);
      } catch (error) {
        this.md5.close(md5);
        throw error;
      }
    }
    this.live.set(uploadId, { md5, hashedBytes: offset });
    return md5;
  }

  /** Hands bytes that follow what the md5 has seen over to it; resolves when it can take more. */
  update(md5: Md5Handle, bytes: Uint8Array): Promise<void> {
    return this.md5.update(md5, bytes);
  }

  /**
   * Records, durably, that the md5 has now seen `hashedBytes` bytes: the state saved is the
   * worker's answer after every byte handed over, so it covers exactly those bytes.
   */
  async save(uploadId: string, md5: Md5Handle, hashedBytes: number): Promise<void> {
    const state = await this.md5.save(md5);
    this.live.set(uploadId, { md5, hashedBytes });
    this.db
      .prepare(
        `INSERT INTO upload_hashes (tus_upload_id, hashed_bytes, state) VALUES (?, ?, ?)
         ON CONFLICT (tus_upload_id) DO UPDATE SET hashed_bytes = excluded.hashed_bytes, state = excluded.state`,
      )
      .run(uploadId, hashedBytes, Buffer.from(state));
  }

  /** Drops the live md5 (it may be ahead of the bytes on disk); the saved state stays. */
  discard(uploadId: string): void {
    const current = this.live.get(uploadId);
    if (!current) return;
    this.live.delete(uploadId);
    this.md5.close(current.md5);
  }

  forget(uploadId: string): void {
    this.discard(uploadId);
    this.db.prepare('DELETE FROM upload_hashes WHERE tus_upload_id = ?').run(uploadId);
  }

  /** The md5 hex of the first `size` bytes. */
  async digest(uploadId: string, size: number): Promise<string> {
    const md5 = await this.at(uploadId, size);
    this.live.delete(uploadId);
    return this.md5.digest(md5);
  }

  private async catchUp(uploadId: string, md5: Md5Handle, from: number, to: number): Promise<void> {
    const stream = fs.createReadStream(this.bytesPath(uploadId), { start: from, end: to - 1 });
    for await (const chunk of stream) await this.md5.update(md5, chunk as Buffer);
  }
}
