import type { UploadBackend } from '../../src/upload-engine/node/index.js';

/**
 * Where a run sends files. Two implementations, chosen by choose.ts: the local Wix (`local-wix.ts`: the app's web
 * methods, signed in as the site owner) and a real site (`real-site.ts`: the Media Manager's API
 * with an API key, since the app's web methods answer only inside a site).
 */
export interface UploadTarget {
  /** In words: "the local Wix at http://127.0.0.1:5173", "the Wix site …". */
  readonly description: string;
  /** What it is, for the reporters to say in the reader's language (the description is English, as --json gives it). */
  readonly place: TargetPlace;
  /** A folder name for the target's records: records of one server are never tried on another. */
  readonly recordsName: string;
  /** The engine's backend, once the target answered; a ConnectError saying why not. */
  connect(fetchFn?: typeof fetch): Promise<TargetConnection>;
}

export interface TargetConnection {
  backend: UploadBackend;
  /**
   * The target's check that this caller may upload (the local Wix: the owner's web methods let it
   * in), which may still be on its way: it rejects with a ConnectError saying why not. No byte of
   * a file may be sent before it resolves; what sends none (files' sessions, the check for
   * duplicates) may go out meanwhile.
   */
  admitted: Promise<void>;
}

export type TargetPlace = { kind: 'local-wix'; origin: string } | { kind: 'site'; siteId: string };

/** A name safe as a folder name. */
export function folderNameOf(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-{2,}/g, '-');
}

/**
 * How long a call of the backend may take (they are small JSON requests; the bytes go over tus):
 * a server that accepts the connection and never answers is given up, and the engine retries.
 */
const API_TIMEOUT_MS = 60_000;

export function withTimeout(fetchFn: typeof fetch, timeoutMs = API_TIMEOUT_MS): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    return fetchFn(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  };
}
