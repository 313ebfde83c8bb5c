// The one way a worker thread runs a TypeScript module from its source (its URL is the worker's
// first argument): a worker thread does not inherit the TypeScript loader (tsx) of the thread that
// started it. The engine's md5 thread and the local Wix's (from its sources) start through it.
import { tsImport } from 'tsx/esm/api';

await tsImport(process.argv[2], import.meta.url);
