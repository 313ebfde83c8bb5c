import { FileStore } from '@tus/file-store';
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { Md5Handle } from './md5-thread.js';
import type { UploadHashes } from './upload-hashes.js';

/**
 * A hashing failure as @tus/server answers it: a 500 that says what to do. The bytes of the
 * request that reached the disk stay; the next request's md5 continues from the last saved state
 * and reads them back from disk.
 */
export class HashingFailed extends Error {
  readonly status_code = 500;
  readonly body: string;

  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`The md5 of the received bytes failed (${reason})`, { cause });
    this.body = `${this.message}; ask the offset with HEAD and send the rest again\n`;
  }
}

/** What @tus/file-store answers when the bytes cannot be written. */
const WRITE_FAILED = { status_code: 500, body: 'Something went wrong receiving the file\n' };

/**
 * @tus/file-store that hands every received byte to the upload's md5 (on the md5 worker) on its
 * way to disk. The request's chunks are written by this one loop, with no stream stages of its
 * own: each stage would hold a chunk or two of every upload in memory. A chunk goes to the disk
 * once it is in the hand-over window, so a busy worker slows the request down instead of
 * filling memory.
 */
export class HashingFileStore extends FileStore {
  /** The PATCH each upload is receiving, to tell one that was cut short (cut-requests-lost). */
  private readonly receivingNow = new Map<string, IncomingMessage>();

  constructor(
    directory: string,
    private readonly hashes: UploadHashes,
    /** The cut-requests-lost variant: what a cut PATCH carried is dropped, its offset stays where it began. */
    private readonly options: { cutRequestsLost?: boolean } = {},
  ) {
    super({ directory });
  }

  /** `req` is the PATCH `uploadId` receives now (kept under cut-requests-lost only); the returned function forgets it once answered. */
  receiving(uploadId: string, req: IncomingMessage): () => void {
    if (!this.options.cutRequestsLost) return () => undefined;
    this.receivingNow.set(uploadId, req);
    return () => {
      if (this.receivingNow.get(uploadId) === req) this.receivingNow.delete(uploadId);
    };
  }

  override async write(readable: Readable, uploadId: string, offset: number): Promise<number> {
    let md5: Md5Handle;
    try {
      md5 = await this.hashes.at(uploadId, offset);
    } catch (error) {
      throw new HashingFailed(error);
    }
    let written = offset;
    try {
      const file = await fs.promises.open(this.bytesPath(uploadId), 'r+');
      try {
        for await (const chunk of readable as AsyncIterable<Buffer>) {
          await this.hashes.update(md5, chunk).catch((error: unknown) => {
            throw new HashingFailed(error);
          });
          await file.write(chunk, 0, chunk.length, written);
          written += chunk.length;
        }
      } finally {
        await file.close();
      }
      if (this.options.cutRequestsLost && this.receivingNow.get(uploadId)?.complete === false) {
        await fs.promises.truncate(this.bytesPath(uploadId), offset);
        this.hashes.discard(uploadId);
        return offset;
      }
    } catch (error) {
      // Some bytes handed to the md5 may not have reached the disk: continue from the last saved state.
      this.hashes.discard(uploadId);
      throw error instanceof HashingFailed ? error : WRITE_FAILED;
    }
    try {
      await this.hashes.save(uploadId, md5, written);
    } catch (error) {
      this.hashes.discard(uploadId);
      throw new HashingFailed(error);
    }
    return written;
  }

  override async remove(uploadId: string): Promise<void> {
    await super.remove(uploadId);
    this.hashes.forget(uploadId);
  }

  /**
   * Removes whatever is left of an upload (its bytes, its .json record, its saved hash), each part
   * whether or not the others are still there: a crash can come between any two of them.
   */
  async removeLeftovers(uploadId: string): Promise<void> {
    await fs.promises.rm(this.bytesPath(uploadId), { force: true });
    await fs.promises.rm(this.recordPath(uploadId), { force: true });
    this.hashes.forget(uploadId);
  }

  /** The ids of every upload with something on disk: bytes, a record, or both. */
  async uploadIdsOnDisk(): Promise<string[]> {
    const entries = await fs.promises.readdir(this.directory);
    return [...new Set(entries.map((entry) => entry.replace(/\.json$/, '')))];
  }

  /** Whether both halves of an upload are on disk: its bytes and its record (a kill can come between their creations). */
  isWhole(uploadId: string): boolean {
    return fs.existsSync(this.bytesPath(uploadId)) && fs.existsSync(this.recordPath(uploadId));
  }

  bytesPath(uploadId: string): string {
    return path.join(this.directory, uploadId);
  }

  /** Where @tus/file-store's default configstore keeps an upload's record. */
  private recordPath(uploadId: string): string {
    return path.join(this.directory, `${uploadId}.json`);
  }
}
