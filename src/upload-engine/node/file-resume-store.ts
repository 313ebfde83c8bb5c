import { isResumeRecord, type ResumeRecord, type ResumeStore } from '../resume/resume-store';
import { FingerprintedJsonFiles } from './json-file-directory';

/**
 * Resume records as JSON files in a directory (Node only), so an upload continues after the
 * process that began it is gone: a command-line run killed and started again. Keyed like the
 * page's records (the upload fingerprint). A record that cannot be read is ignored, as the page
 * ignores a corrupt localStorage entry: that file then starts over.
 */
export class FileResumeStore implements ResumeStore {
  private readonly records: FingerprintedJsonFiles<ResumeRecord>;

  /**
   * `onWriteError` hears of a record that could not be written (a read-only or full disk); the
   * upload goes on, but cannot be continued by a later process.
   */
  constructor(directory: string, onWriteError: (error: unknown) => void = () => undefined) {
    this.records = new FingerprintedJsonFiles(directory, isResumeRecord, onWriteError);
  }

  get directory(): string {
    return this.records.directory;
  }

  get(fingerprint: string): ResumeRecord | undefined {
    return this.records.get(fingerprint);
  }

  save(record: ResumeRecord): void {
    this.records.save(record);
  }

  remove(fingerprint: string): void {
    this.records.remove(fingerprint);
  }

  listUnfinished(): ResumeRecord[] {
    return this.records.all().sort((a, b) => a.createdAt - b.createdAt);
  }
}
