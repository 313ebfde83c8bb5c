import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { startTypeScriptWorker } from '../../src/upload-engine/node/typescript-worker.js';

/** Set by local/start.mjs when it compiles the server; absent when the sources run (tsx, vitest). */
declare const LOCAL_SERVER_BUNDLE: boolean | undefined;

const COMPILED_DIR = path.join('dist-local', 'server');

/**
 * The URL to import one of the app's src/ modules from ("src/backend/uploads.web.ts"), or another
 * file local/start.mjs compiles as an entry (the md5 worker): the TypeScript source, or its
 * compiled twin when the server runs compiled.
 */
export function appModuleUrl(projectDir: string, file: string): string {
  const compiled = typeof LOCAL_SERVER_BUNDLE !== 'undefined';
  const target = compiled ? path.join(projectDir, COMPILED_DIR, file.replace(/\.ts$/, '.js')) : path.join(projectDir, file);
  return pathToFileURL(target).href;
}

/**
 * A worker thread running one of the files local/start.mjs compiles as an entry (the md5 worker):
 * its compiled twin, or its TypeScript source through the engine's TypeScript worker bootstrap.
 */
export function startAppWorker(projectDir: string, file: string, options: WorkerOptions): Worker {
  const url = new URL(appModuleUrl(projectDir, file));
  return typeof LOCAL_SERVER_BUNDLE !== 'undefined' ? new Worker(url, options) : startTypeScriptWorker(url, options);
}
