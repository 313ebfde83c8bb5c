// Runs the md5 worker from its TypeScript source: a worker thread does not inherit the
// TypeScript loader (tsx) of the thread that started it.
import { tsImport } from 'tsx/esm/api';

await tsImport('./md5-worker.ts', import.meta.url);
