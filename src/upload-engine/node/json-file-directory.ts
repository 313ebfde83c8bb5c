import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SUFFIX = '.json';

/**
 * JSON values in one directory, one file per key (Node only). A write goes to a temporary file
 * that is then renamed over the old one, so a process killed mid-write leaves the old value or
 * the new one, never half of either. A file that cannot be read or parsed reads as absent.
 */
export class JsonFileDirectory {
  constructor(readonly directory: string) {}

  /** The key's file: a hash, since keys may hold any character (resume keys are JSON arrays of names). */
  fileOf(key: string): string {
    return path.join(this.directory, createHash('sha256').update(key).digest('hex') + SUFFIX);
  }

  read(key: string): unknown {
    return readJson(this.fileOf(key));
  }

  /** Throws when the directory cannot be created or written (a read-only or full disk). */
  write(key: string, value: unknown): void {
    fs.mkdirSync(this.directory, { recursive: true });
    const file = this.fileOf(key);
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      fs.writeFileSync(temporary, JSON.stringify(value));
      fs.renameSync(temporary, file);
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      throw error;
    }
  }

  remove(key: string): void {
    fs.rmSync(this.fileOf(key), { force: true });
  }

  /** Every value that can be read, with its file; a missing directory holds none. */
  readAll(): Array<{ file: string; value: unknown }> {
    let names: string[];
    try {
      names = fs.readdirSync(this.directory);
    } catch {
      return [];
    }
    return names
      .filter((name) => name.endsWith(SUFFIX))
      .map((name) => {
        const file = path.join(this.directory, name);
        return { file, value: readJson(file) };
      })
      .filter((entry) => entry.value !== undefined);
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Values keyed by their own `fingerprint`, one JSON file each. A file that does not hold such a
 * value, or holds another key's, reads as absent. A write that fails (a read-only or full disk)
 * goes to `onWriteError` and the caller's work goes on: these files only let a later process
 * continue it.
 */
export class FingerprintedJsonFiles<T extends { fingerprint: string }> {
  private readonly files: JsonFileDirectory;

  constructor(
    directory: string,
    private readonly isValue: (value: unknown) => value is T,
    private readonly onWriteError: (error: unknown) => void = () => undefined,
  ) {
    this.files = new JsonFileDirectory(directory);
  }

  get directory(): string {
    return this.files.directory;
  }

  get(fingerprint: string): T | undefined {
    const value = this.files.read(fingerprint);
    return this.isValue(value) && value.fingerprint === fingerprint ? value : undefined;
  }

  save(value: T): void {
    try {
      this.files.write(value.fingerprint, value);
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

  /** Every readable value, each in its own key's file. */
  all(): T[] {
    return this.files
      .readAll()
      .flatMap(({ file, value }) => (this.isValue(value) && this.files.fileOf(value.fingerprint) === file ? [value] : []));
  }
}
