import { FileStore } from '@tus/file-store';
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

  bytesPath(uploadId: string): string {
    return `${this.directory}/${uploadId}`;
  }
}
