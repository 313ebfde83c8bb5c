import path from 'node:path';
import { pathToFileURL } from 'node:url';

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
