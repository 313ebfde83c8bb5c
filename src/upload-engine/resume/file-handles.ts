import { createStore, delMany, entries, setMany, type UseStore } from 'idb-keyval';
import type { ResumeRecord, ResumeStore } from './resume-store';

/**
 * Where the browser gives a file's handle (the File System Access API: showOpenFilePicker, and
 * DataTransferItem.getAsFileSystemHandle() on a drop, in Chromium-based browsers), the handle is
 * kept beside the file's resume record, so an upload continues after a restart without the file
 * being chosen again. Handles are structured-cloneable, so they live in IndexedDB; localStorage
 * keeps only strings.
 */
export interface FileHandleStore {
  save(fingerprint: string, handle: FileSystemFileHandle): Promise<void>;
  /** Every handle kept, by the fingerprint of its resume record. */
  all(): Promise<Map<string, FileSystemFileHandle>>;
  remove(fingerprints: readonly string[]): Promise<void>;
}

export class MemoryFileHandleStore implements FileHandleStore {
  private readonly handles = new Map<string, FileSystemFileHandle>();

  async save(fingerprint: string, handle: FileSystemFileHandle): Promise<void> {
    this.handles.set(fingerprint, handle);
  }

  async all(): Promise<Map<string, FileSystemFileHandle>> {
    return new Map(this.handles);
  }

  async remove(fingerprints: readonly string[]): Promise<void> {
    for (const fingerprint of fingerprints) this.handles.delete(fingerprint);
  }
}

const DATABASE = 'resumable-media-uploader';
const OBJECT_STORE = 'file-handles';

/**
 * The handles in IndexedDB (idb-keyval: one object store, its requests as promises), keyed by
 * `prefix` + fingerprint as the resume records are in localStorage, so the page and the widget
 * each see their own. Every failure (storage blocked, a private mode, a quota) is an empty answer:
 * the upload goes on, it only needs its file chosen again after a restart.
 */
export class IndexedDbFileHandleStore implements FileHandleStore {
  private readonly database: UseStore;

  constructor(private readonly prefix: string) {
    this.database = createStore(DATABASE, OBJECT_STORE);
  }

  async save(fingerprint: string, handle: FileSystemFileHandle): Promise<void> {
    await quietly(() => setMany([[this.prefix + fingerprint, handle]], this.database), undefined);
  }

  async all(): Promise<Map<string, FileSystemFileHandle>> {
    const kept = await quietly(() => entries<IDBValidKey, unknown>(this.database), []);
    const handles = new Map<string, FileSystemFileHandle>();
    for (const [key, value] of kept) {
      if (typeof key === 'string' && key.startsWith(this.prefix) && isFileHandle(value)) handles.set(key.slice(this.prefix.length), value);
    }
    return handles;
  }

  async remove(fingerprints: readonly string[]): Promise<void> {
    if (fingerprints.length === 0) return;
    await quietly(
      () =>
        delMany(
          fingerprints.map((fingerprint) => this.prefix + fingerprint),
          this.database,
        ),
      undefined,
    );
  }
}

/** `fallback` when IndexedDB refuses, whether it throws at once (opening a database where storage is blocked) or later. */
async function quietly<T>(operation: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await operation();
  } catch {
    return fallback;
  }
}

function isFileHandle(value: unknown): value is FileSystemFileHandle {
  return typeof FileSystemFileHandle !== 'undefined' && value instanceof FileSystemFileHandle;
}

/** IndexedDB's handle store where the browser has both IndexedDB and file handles; none elsewhere (the re-pick path). */
export function openBrowserFileHandleStore(prefix: string): FileHandleStore | undefined {
  try {
    if (typeof indexedDB === 'undefined' || typeof FileSystemFileHandle === 'undefined') return undefined;
    return new IndexedDbFileHandleStore(prefix);
  } catch {
    // Reading `indexedDB` itself throws where storage is blocked.
    return undefined;
  }
}

/** A resume store whose removals also drop the record's file handle: a finished, cancelled or forgotten upload keeps no handle. */
export function forgettingFileHandles(store: ResumeStore, handles: FileHandleStore): ResumeStore {
  return {
    get: (fingerprint) => store.get(fingerprint),
    save: (record: ResumeRecord) => store.save(record),
    listUnfinished: () => store.listUnfinished(),
    remove(fingerprint) {
      store.remove(fingerprint);
      void handles.remove([fingerprint]);
    },
  };
}
