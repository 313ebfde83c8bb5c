/** How ours moves the bytes, and its chunk size unless BENCH_CHUNK_MIB says otherwise. */
import { DEFAULT_CHUNK_SIZE } from '../../src/upload-engine/index.js';

export const OURS_CLIENT = "the project's upload engine (UploadQueue, sourceFromPath)";

export function oursDefaultChunkSize(): number {
  return DEFAULT_CHUNK_SIZE;
}
