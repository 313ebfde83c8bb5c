import { FingerprintedJsonFiles } from '../src/upload-engine/node/index.js';
import { isRecord } from '../src/shared/is-record.js';

/** A file whose bytes all arrived and were finalized into the Media Manager, by upload fingerprint. */
export interface FinishedUpload {
  fingerprint: string;
  fileId: string;
  /** Milliseconds since the epoch. */
  finishedAt: number;
}

function isFinishedUpload(value: unknown): value is FinishedUpload {
  return (
    isRecord(value) && typeof value.fingerprint === 'string' && typeof value.fileId === 'string' && typeof value.finishedAt === 'number'
  );
}

/**
 * The files a run finalized, kept beside the resume records: the engine forgets a file's resume
 * record once it is finalized, and without this a second run would send a finished file again.
 * Unreadable entries are ignored (that file is then sent again); `remove` is for a file gone from
 * the Media Manager, which the next run sends again.
 */
export class FinishedUploads extends FingerprintedJsonFiles<FinishedUpload> {
  constructor(directory: string, onWriteError: (error: unknown) => void = () => undefined) {
    super(directory, isFinishedUpload, onWriteError);
  }
}
