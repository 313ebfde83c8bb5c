import { createMD5, type IHasher } from 'hash-wasm';
import fs from 'node:fs';
import type { SqlDatabase } from '../platform/database.js';

interface LiveHash {
  hasher: IHasher;
  hashedBytes: number;
}

/**
 * The md5 of each tus upload, computed while its bytes arrive. The hasher's state is saved after
 * every PATCH, so a restarted server continues the hash instead of re-reading the file; only bytes
 * written after the last save (an interrupted PATCH) are read back from disk.
 */
export class UploadHashes {
  private readonly live = new Map<string, LiveHash>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly bytesPath: (uploadId: string) => string,
  ) {}

  /** A hasher that has seen exactly the first `offset` bytes of the upload. */
  async at(uploadId: string, offset: number): Promise<IHasher> {
    const current = this.live.get(uploadId);
    if (current && current.hashedBytes === offset) return current.hasher;

    const hasher = await createMD5();
    hasher.init();
    let hashedBytes = 0;
    const saved = this.db.prepare('SELECT hashed_bytes, state FROM upload_hashes WHERE tus_upload_id = ?').get(uploadId) as
      | { hashed_bytes: number; state: Uint8Array }
      | undefined;
    if (saved && saved.hashed_bytes <= offset) {
      hasher.load(new Uint8Array(saved.state));
      hashedBytes = saved.hashed_bytes;
    }
    if (hashedBytes < offset) {
      await this.catchUp(uploadId, hasher, hashedBytes, offset);
    }
    this.live.set(uploadId, { hasher, hashedBytes: offset });
    return hasher;
  }

  /** Records that the hasher has now seen `hashedBytes` bytes, durably. */
  save(uploadId: string, hasher: IHasher, hashedBytes: number): void {
    this.live.set(uploadId, { hasher, hashedBytes });
    this.db
      .prepare(
        `INSERT INTO upload_hashes (tus_upload_id, hashed_bytes, state) VALUES (?, ?, ?)
         ON CONFLICT (tus_upload_id) DO UPDATE SET hashed_bytes = excluded.hashed_bytes, state = excluded.state`,
      )
      .run(uploadId, hashedBytes, Buffer.from(hasher.save()));
  }

  /** Drops the in-memory hasher (its state may be ahead of the bytes on disk); the saved state stays. */
  discard(uploadId: string): void {
    this.live.delete(uploadId);
  }

  forget(uploadId: string): void {
    this.live.delete(uploadId);
    this.db.prepare('DELETE FROM upload_hashes WHERE tus_upload_id = ?').run(uploadId);
  }

  /** The md5 hex of the first `size` bytes. */
  async digest(uploadId: string, size: number): Promise<string> {
    const hasher = await this.at(uploadId, size);
    this.live.delete(uploadId);
    return hasher.digest('hex');
  }

  private async catchUp(uploadId: string, hasher: IHasher, from: number, to: number): Promise<void> {
    const stream = fs.createReadStream(this.bytesPath(uploadId), { start: from, end: to - 1 });
    for await (const chunk of stream) hasher.update(chunk as Buffer);
  }
}
