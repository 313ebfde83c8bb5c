import { isRecord } from '../src/shared/is-record.js';
import { JsonFileDirectory } from '../src/upload-engine/node/json-file-directory.js';

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
 * Unreadable entries are ignored (that file is then sent again).
 */
export class FinishedUploads {
  private readonly files: JsonFileDirectory;

  constructor(
    directory: string,
    private readonly onWriteError: (error: unknown) => void = () => undefined,
  ) {
    this.files = new JsonFileDirectory(directory);
  }

  get(fingerprint: string): FinishedUpload | undefined {
    const value = this.files.read(fingerprint);
    return isFinishedUpload(value) && value.fingerprint === fingerprint ? value : undefined;
  }

  save(upload: FinishedUpload): void {
    try {
      this.files.write(upload.fingerprint, upload);
    } catch (error) {
      this.onWriteError(error);
    }
  }

  /** The file is gone from the Media Manager: the next run sends it again. */
  remove(fingerprint: string): void {
    try {
      this.files.remove(fingerprint);
    } catch (error) {
      this.onWriteError(error);
    }
  }
}
