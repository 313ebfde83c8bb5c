import { isResumeRecord, type ResumeRecord, type ResumeStore } from '../resume-store';
import { JsonFileDirectory } from './json-file-directory';

/**
 * Resume records as JSON files in a directory (Node only), so an upload continues after the
 * process that began it is gone: a command-line run killed and started again. Keyed like the
 * page's records (the upload fingerprint). A record that cannot be read is ignored, as the page
 * ignores a corrupt localStorage entry: that file then starts over.
 */
export class FileResumeStore implements ResumeStore {
  private readonly files: JsonFileDirectory;

  /**
   * `onWriteError` hears of a record that could not be written (a read-only or full disk); the
   * upload goes on, but cannot be continued by a later process.
   */
  constructor(
    directory: string,
    private readonly onWriteError: (error: unknown) => void = () => undefined,
  ) {
    this.files = new JsonFileDirectory(directory);
  }

  get directory(): string {
    return this.files.directory;
  }

  get(fingerprint: string): ResumeRecord | undefined {
    const value = this.files.read(fingerprint);
    return isResumeRecord(value) && value.fingerprint === fingerprint ? value : undefined;
  }

  save(record: ResumeRecord): void {
    try {
      this.files.write(record.fingerprint, record);
    } catch (error) {
      this.onWriteError(error);
    }
  }

  remove(fingerprint: string): void {
    try {
      this.files.remove(fingerprint);
    } catch (error) {
      this.onWriteError(error);
    }
  }

  listUnfinished(): ResumeRecord[] {
    return this.files
      .readAll()
      .flatMap(({ file, value }) => (isResumeRecord(value) && this.files.fileOf(value.fingerprint) === file ? [value] : []))
      .sort((a, b) => a.createdAt - b.createdAt);
  }
}
