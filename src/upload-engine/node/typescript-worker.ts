import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running a TypeScript module from its source, through typescript-worker-entry.mjs (a
 * worker does not inherit the TypeScript loader of the thread that starts it). For code run from
 * its sources: the command line, the tests, the benchmarks.
 */
export function startTypeScriptWorker(module: URL, options: WorkerOptions = {}): Worker {
  return new Worker(new URL('./typescript-worker-entry.mjs', import.meta.url), {
    ...options,
    argv: [module.href, ...(options.argv ?? [])],
  });
}
