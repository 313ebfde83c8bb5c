import type { UploadError, UploadItemState } from '../../src/upload-engine/node/index.js';
import type { ExistingFile } from '../../src/shared/upload-methods.js';
import type { ExitCode } from '../exit-codes.js';
import type { UploadTarget } from '../targets/target.js';

/** Where the run sends files, as the reporters name it. */
export type TargetView = Pick<UploadTarget, 'description' | 'place'>;

/** One file of the run as it is shown. */
export interface FileView {
  /** As named on the command line, or found in a named folder. */
  path: string;
  size: number;
  /** `skipped`: not sent, a file of its name and size being already in its folder (`existing`). */
  state: UploadItemState | 'skipped';
  /** What the server holds of it. */
  bytesUploaded: number;
  bytesPerSecond: number;
  /** It continues an upload an earlier run began; the bytes that run saw the server confirm. */
  resumedFrom?: number;
  /** An earlier run sent it; this one only asked the Media Manager about it. */
  alreadyUploaded?: boolean;
  fileId?: string;
  url?: string;
  /** The file of the same name and size already in its destination folder (`folder`, "/clients/2026"), for a skipped file. */
  existing?: ExistingFile & { folder: string };
  /** Why it did not become READY: the engine's failure (its code and data tell it in the reader's language; --json gives its code and English message). */
  error?: UploadError;
}

export interface RunTotals {
  files: number;
  ready: number;
  /** Not sent: failed or cancelled. */
  failed: number;
  /** Sent whole, and refused by the Media Manager (or the backend): sending them again cannot help. */
  refused: number;
  /** Not sent: already in their folder (not a failure). */
  skipped: number;
  bytesTotal: number;
  bytesUploaded: number;
  bytesPerSecond: number;
}

export interface RunResult {
  files: readonly FileView[];
  totals: RunTotals;
  /** Stopped by a signal before every file settled. */
  interrupted: boolean;
  durationMs: number;
}

/** How a run is shown: progress bars, plain lines, JSON lines, or failures only. */
export interface Reporter {
  started(target: TargetView, files: readonly FileView[]): void;
  /** A file's state changed. */
  changed(file: FileView): void;
  /** Bytes moved; at most every progress interval. */
  progressed(files: readonly FileView[], totals: RunTotals): void;
  warned(message: string): void;
  finished(result: RunResult, exitCode: ExitCode): void;
  /** The run could not start: a usage error or an unreachable server. */
  failed(message: string, exitCode: ExitCode): void;
}

export function totalsOf(files: readonly FileView[]): RunTotals {
  let bytesTotal = 0;
  let bytesUploaded = 0;
  let bytesPerSecond = 0;
  let ready = 0;
  let failed = 0;
  let refused = 0;
  let skipped = 0;
  for (const file of files) {
    bytesTotal += file.size;
    bytesUploaded += file.bytesUploaded;
    bytesPerSecond += file.bytesPerSecond;
    if (file.state === 'ready') ready += 1;
    if (file.state === 'failed' || file.state === 'cancelled') failed += 1;
    if (file.state === 'refused') refused += 1;
    if (file.state === 'skipped') skipped += 1;
  }
  return { files: files.length, ready, failed, refused, skipped, bytesTotal, bytesUploaded, bytesPerSecond };
}
