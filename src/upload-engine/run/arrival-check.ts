/**
 * Whether the file that arrived is the file that was chosen. Wix documents a file descriptor's
 * `hash` only as "File hash": it may be the md5 of the bytes (the local Wix's and, so far as seen,
 * Wix's), another digest, or absent. So the sizes are always compared, and the hash only when it
 * has the shape of an md5; a site whose md5-shaped hashes never match while the sizes do is
 * recognised (kept in a HashHistoryStore, which outlives a reload) and its files are checked by
 * size, saying so, instead of being failed or sent again.
 */

/** What the app has seen of a site's file hashes. */
export interface HashHistory {
  /** The hash of a file matched the md5 of its bytes: this site's hashes are md5s. */
  matched: boolean;
  /** Files whose md5-shaped hash differed from their md5 while their sizes matched, before any match. */
  unexplained: number;
}

/** Where a HashHistory is kept: localStorage in a page, a file for the command line. */
export interface HashHistoryStore {
  read(): HashHistory;
  write(history: HashHistory): void;
}

export class MemoryHashHistory implements HashHistoryStore {
  private history: HashHistory = { matched: false, unexplained: 0 };

  read(): HashHistory {
    return { ...this.history };
  }

  write(history: HashHistory): void {
    this.history = { ...history };
  }
}

function isHashHistory(value: unknown): value is HashHistory {
  const history = value as Partial<HashHistory> | null;
  return typeof history === 'object' && history !== null && typeof history.matched === 'boolean' && Number.isInteger(history.unexplained);
}

/** The parts of a Web Storage (localStorage) a history needs. */
export type HistoryStorage = Pick<Storage, 'getItem' | 'setItem'>;

export const HASH_HISTORY_KEY = 'resumable-media-uploader/hash-history';

/** A history in a Web Storage: survives a reload; what another code wrote there, or nothing, reads as nothing seen. */
export class StorageHashHistory implements HashHistoryStore {
  constructor(
    private readonly storage: HistoryStorage,
    private readonly key = HASH_HISTORY_KEY,
  ) {}

  read(): HashHistory {
    try {
      const value: unknown = JSON.parse(this.storage.getItem(this.key) ?? 'null');
      return isHashHistory(value) ? { matched: value.matched, unexplained: value.unexplained } : { matched: false, unexplained: 0 };
    } catch {
      return { matched: false, unexplained: 0 };
    }
  }

  write(history: HashHistory): void {
    try {
      this.storage.setItem(this.key, JSON.stringify(history));
    } catch {
      // Storage refused (private mode, quota): the history lasts as long as the page.
    }
  }
}

/** The page's history: localStorage when the browser lets the page use it, else in memory. */
export function openBrowserHashHistory(): HashHistoryStore {
  try {
    const storage = (globalThis as { localStorage?: HistoryStorage }).localStorage;
    if (storage) return new StorageHashHistory(storage);
  } catch {
    // Reading window.localStorage throws where storage is blocked.
  }
  return new MemoryHashHistory();
}

/** Unexplained differences (and no match ever) after which a site's hashes are taken not to be md5s. */
export const UNEXPLAINED_BEFORE_SIZE_ONLY = 2;

export const HASH_NOT_MD5_NOTICE = "Wix's checksums on this site are not md5s of the files, so uploads are checked by their size only.";

const MD5_SHAPE = /^[0-9a-f]{32}$/i;

/** Whether a hash has the shape of an md5 (32 hex digits): only such a value is compared with one. */
export function isMd5Shaped(hash: string | undefined | null): hash is string {
  return typeof hash === 'string' && MD5_SHAPE.test(hash);
}

/** Whether the history says this site's hashes are not md5s of the files. */
export function hashesAreNotMd5(history: HashHistory): boolean {
  return !history.matched && history.unexplained >= UNEXPLAINED_BEFORE_SIZE_ONLY;
}

export type Arrival =
  /** Same size, and the hash is the md5 of the chosen file. */
  | { verdict: 'verified' }
  /** Same size; the hash could not tell more (absent, not an md5, or not the bytes' md5 on this site): `note` says which. */
  | { verdict: 'size-checked'; note: string }
  /** Nothing to compare: Wix gave no size, and no md5 could be compared. */
  | { verdict: 'unchecked' }
  /** Surely not the chosen file: another size, or another md5 on a site whose hashes are md5s. */
  | { verdict: 'bad-copy'; reason: string };

export interface ArrivedFile {
  sizeInBytes?: string;
  hash?: string;
}

/**
 * Compares what arrived with the chosen file (`size` bytes, `md5` when it could be computed) and
 * learns from it into `history`.
 */
export function checkArrival(size: number, md5: string | undefined, arrived: ArrivedFile, history: HashHistoryStore): Arrival {
  const arrivedSize = arrived.sizeInBytes !== undefined && /^\d+$/.test(arrived.sizeInBytes) ? Number(arrived.sizeInBytes) : undefined;
  if (arrivedSize !== undefined && arrivedSize !== size) {
    return { verdict: 'bad-copy', reason: `The file that arrived has ${arrivedSize} bytes; yours has ${size}.` };
  }
  const sizeChecked = (note: string): Arrival => (arrivedSize === undefined ? { verdict: 'unchecked' } : { verdict: 'size-checked', note });
  if (!md5) return sizeChecked('Checked by its size (its md5 could not be computed).');
  if (!isMd5Shaped(arrived.hash)) return sizeChecked('Checked by its size: Wix gave no md5 of the file.');
  const known = history.read();
  if (arrived.hash.toLowerCase() === md5.toLowerCase()) {
    if (!known.matched) history.write({ matched: true, unexplained: 0 });
    return { verdict: 'verified' };
  }
  if (known.matched) return { verdict: 'bad-copy', reason: 'The file that arrived differs from yours (another md5).' };
  // An md5-shaped hash that differs, sizes equal, on a site never seen to match: Wix's hash may be
  // no md5 of the bytes. The copy is kept; once it happens again, the site's files are checked by size.
  const unexplained = known.unexplained + 1;
  history.write({ matched: false, unexplained });
  return hashesAreNotMd5({ matched: false, unexplained })
    ? { verdict: 'size-checked', note: HASH_NOT_MD5_NOTICE }
    : {
        verdict: 'size-checked',
        note: "Checked by its size: Wix's checksum of it is not the md5 of your file (it may not be an md5 on this site).",
      };
}
