import type { InputFile } from '../input-files.js';

/** One way of getting files from this machine's disk into a server. */
export interface Contender {
  /** Uploads every file, `concurrency` at a time; resolves when all are done. */
  uploadAll(files: InputFile[], concurrency: number): Promise<void>;
}

/** Runs `task` on every item with at most `concurrency` in flight; the first failure rejects. */
export async function eachWithConcurrency<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
