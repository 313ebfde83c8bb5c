// Runs the md5 worker from its TypeScript source (tests, tsx): a worker thread does not inherit
// the TypeScript loader of the thread that started it. The compiled server starts the compiled
// worker instead (local/start.mjs).
import { tsImport } from 'tsx/esm/api';

await tsImport('./md5-worker.ts', import.meta.url);
