import { FileStore } from '@tus/file-store';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import type { UploadHashes } from './upload-hashes.js';

/** @tus/file-store that feeds every received byte to the upload's md5 on its way to disk. */
export class HashingFileStore extends FileStore {
  constructor(
    directory: string,
    private readonly hashes: UploadHashes,
  ) {
    super({ directory });
  }

  override async write(readable: Readable, uploadId: string, offset: number): Promise<number> {
    const hasher = await this.hashes.at(uploadId, offset);
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hasher.update(chunk);
        callback(null, chunk);
      },
    });
    readable.on('error', (error) => tap.destroy(error));
    let newOffset: number;
    try {
      newOffset = await super.write(readable.pipe(tap), uploadId, offset);
    } catch (error) {
      // Some hashed bytes may not have reached the disk: continue from the last saved state.
      this.hashes.discard(uploadId);
      throw error;
    }
    this.hashes.save(uploadId, hasher, newOffset);
    return newOffset;
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

  bytesPath(uploadId: string): string {
    return path.join(this.directory, uploadId);
  }

  /** Where @tus/file-store's default configstore keeps an upload's record. */
  private recordPath(uploadId: string): string {
    return path.join(this.directory, `${uploadId}.json`);
  }
}
