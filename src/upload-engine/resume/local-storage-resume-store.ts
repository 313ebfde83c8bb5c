import { isResumeRecord, MemoryResumeStore, type ResumeRecord, type ResumeStore } from './resume-store';

/** The parts of the Web Storage API the store uses; window.localStorage, or a fake in Node. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export const RESUME_KEY_PREFIX = 'resumable-media-uploader/resume/';

/** One storage key per upload, so that two tabs uploading different files do not overwrite each other. */
export class LocalStorageResumeStore implements ResumeStore {
  private readonly storage: KeyValueStorage;

  constructor(
    storage?: KeyValueStorage,
    private readonly prefix = RESUME_KEY_PREFIX,
  ) {
    const resolved = storage ?? (globalThis as { localStorage?: KeyValueStorage }).localStorage;
    if (!resolved) throw new Error('LocalStorageResumeStore needs a Storage: there is no localStorage here');
    this.storage = resolved;
  }

  get(fingerprint: string): ResumeRecord | undefined {
    return this.read(this.prefix + fingerprint);
  }

  save(record: ResumeRecord): void {
    try {
      this.storage.setItem(this.prefix + record.fingerprint, JSON.stringify(record));
    } catch {
      // Quota exceeded or storage disabled (private mode): the upload goes on, it just cannot be resumed after a reload.
    }
  }

  remove(fingerprint: string): void {
    try {
      this.storage.removeItem(this.prefix + fingerprint);
    } catch {
      // Storage disabled: nothing was saved either.
    }
  }

  listUnfinished(): ResumeRecord[] {
    const keys: string[] = [];
    try {
      for (let index = 0; index < this.storage.length; index++) {
        const key = this.storage.key(index);
        if (key?.startsWith(this.prefix)) keys.push(key);
      }
    } catch {
      return [];
    }
    return keys
      .map((key) => this.read(key))
      .filter((record): record is ResumeRecord => record !== undefined)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  private read(key: string): ResumeRecord | undefined {
    let text: string | null;
    try {
      text = this.storage.getItem(key);
    } catch {
      return undefined;
    }
    if (text === null) return undefined;
    try {
      const value: unknown = JSON.parse(text);
      return isResumeRecord(value) && this.prefix + value.fingerprint === key ? value : undefined;
    } catch {
      return undefined;
    }
  }
}

/** A resume store for the page, and whether its records outlive a reload. */
export interface BrowserResumeStore {
  store: ResumeStore;
  /** false when the browser refuses storage (a dashboard iframe with third-party storage blocked, private modes). */
  survivesReload: boolean;
}

const PROBE_KEY = `${RESUME_KEY_PREFIX}probe`;

/**
 * localStorage when the browser lets this page use it; otherwise a store in memory, so uploads go
 * on (and resume after a dropped connection) but cannot be continued after a reload. Reading
 * `window.localStorage` itself throws where storage is blocked.
 */
export function openBrowserResumeStore(prefix = RESUME_KEY_PREFIX): BrowserResumeStore {
  try {
    const storage = (globalThis as { localStorage?: KeyValueStorage }).localStorage;
    if (!storage) throw new Error('no localStorage');
    storage.setItem(PROBE_KEY, '1');
    storage.removeItem(PROBE_KEY);
    return { store: new LocalStorageResumeStore(storage, prefix), survivesReload: true };
  } catch {
    return { store: new MemoryResumeStore(), survivesReload: false };
  }
}
