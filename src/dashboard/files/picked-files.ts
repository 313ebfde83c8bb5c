import { sourceFromFile, type UploadSource } from '../../upload-engine';
import { isHiddenEntry } from '../../policies/upload-request-policy';
import type { FileWithHandle } from '../../shared/file-handle-picking';

/** A file the owner dropped or picked, with the folders it sat in under what was dropped. */
export interface PickedFile {
  file: File;
  /** "" for a file dropped on its own; "Shoot/day 1" for a file inside a dropped folder. */
  folderPath: string;
  /** Where the browser gave one (a file picked with showOpenFilePicker or dropped in Chromium): kept so the upload continues after a restart. */
  handle?: FileSystemFileHandle;
}

function parentPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/**
 * Files from an <input type="file">; a folder picker (webkitdirectory) gives each one's relative
 * path, and what is hidden inside the picked folder is left out (isHiddenEntry).
 */
export function pickedFromFileList(files: FileList | readonly File[]): PickedFile[] {
  return Array.from(files)
    .filter((file) => !(file.webkitRelativePath ?? '').split('/').slice(1).some(isHiddenEntry))
    .map((file) => ({ file, folderPath: parentPath(file.webkitRelativePath ?? '') }));
}

/**
 * The entries of a drop. It must run during the drop event itself: the browser empties the
 * DataTransfer as soon as the event handler returns.
 */
export function entriesOfDrop(dataTransfer: DataTransfer): FileSystemEntry[] {
  return Array.from(dataTransfer.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry())
    .filter((entry): entry is FileSystemEntry => entry !== null);
}

/**
 * A file of a dropped folder (or a file dropped on its own), known by its entry: its name and
 * folders as soon as the drop's tree is read. Its size and bytes are read later (sizeOfEntry,
 * openEntry): Chromium answers each file's metadata or File in its browser process, 0.2 to 1 ms
 * a file, seconds for 10,000, however many are asked at once.
 */
export interface DroppedFile {
  entry: FileSystemFileEntry;
  folderPath: string;
  /** Where the browser gave one (a file dropped on its own in Chromium): kept so the upload continues after a restart. */
  handle?: FileSystemFileHandle;
}

/** What the owner added: files picked or pasted (opened already), or dropped (opened when sent). */
export type AddedFile = PickedFile | DroppedFile;

export const isDropped = (added: AddedFile): added is DroppedFile => 'entry' in added;

/** Why a dropped file could not be read: moved or deleted since (gone), not allowed, changed since its size was read, or another fault. */
export type UnreadableReason = 'gone' | 'permission-denied' | 'changed' | 'unreadable';

/** A dropped file's size and modification time, from its metadata (no File is opened for it). */
export interface EntrySize {
  size: number;
  lastModified: number;
}

function reasonOfReadError(error: unknown): UnreadableReason {
  const name = error instanceof Error || (typeof DOMException !== 'undefined' && error instanceof DOMException) ? error.name : '';
  if (name === 'NotFoundError') return 'gone';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'permission-denied';
  return 'unreadable';
}

/** Chromium's getMetadata (not in TypeScript's DOM types, nor in every browser). */
interface EntryWithMetadata {
  getMetadata?(success: (metadata: { size: number; modificationTime: Date }) => void, failure?: (error: DOMException) => void): void;
}

/** The file itself, or why it could not be opened. */
export function openEntry(entry: FileSystemFileEntry): Promise<File | UnreadableReason> {
  return new Promise<File>((resolve, reject) => entry.file(resolve, reject)).catch(reasonOfReadError);
}

/**
 * Its size and modification time, or why they could not be read: from its metadata where the
 * browser gives it (Chromium: 2.2–3.5 s for 10,000 files, against 7–13 s to open them), else from
 * the opened file. The same values as the File's (its lastModified is the metadata's modificationTime).
 */
export async function sizeOfEntry(entry: FileSystemFileEntry): Promise<EntrySize | UnreadableReason> {
  const { getMetadata } = entry as FileSystemFileEntry & EntryWithMetadata;
  if (!getMetadata) {
    const file = await openEntry(entry);
    return typeof file === 'string' ? file : { size: file.size, lastModified: file.lastModified };
  }
  return new Promise<EntrySize>((resolve, reject) =>
    getMetadata.call(entry, ({ size, modificationTime }) => resolve({ size, lastModified: modificationTime.getTime() }), reject),
  ).catch(reasonOfReadError);
}

/**
 * The children of a directory, each batch as it is read: readEntries answers in batches (Chromium's
 * are of 100) until it answers none. Each batch is handed on at once, so a large folder's
 * subfolders are read while its next batch is.
 */
async function forEachBatch(directory: FileSystemDirectoryEntry, onBatch: (batch: FileSystemEntry[]) => void): Promise<void> {
  const reader = directory.createReader();
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return;
    onBatch(batch);
  }
}

const isDirectory = (entry: FileSystemEntry): entry is FileSystemDirectoryEntry => entry.isDirectory;
const isFile = (entry: FileSystemEntry): entry is FileSystemFileEntry => entry.isFile;

/**
 * Walks dropped files and folders without opening any file: a dropped folder keeps its tree in
 * each file's folderPath, and what is hidden inside it is left out (isHiddenEntry). Every folder is
 * read at once rather than one after another (each read is a round trip to the browser's file
 * system). The files come back in the tree's order.
 */
export async function droppedFromEntries(entries: FileSystemEntry[]): Promise<DroppedFile[]> {
  const walk = async (entry: FileSystemEntry, folderPath: string): Promise<DroppedFile[]> => {
    if (isFile(entry)) return [{ entry, folderPath }];
    if (!isDirectory(entry)) return [];
    const inner = folderPath ? `${folderPath}/${entry.name}` : entry.name;
    const children: Promise<DroppedFile[]>[] = [];
    await forEachBatch(entry, (batch) => {
      for (const child of batch) {
        if (isHiddenEntry(child.name)) continue;
        const walked = walk(child, inner);
        walked.catch(() => undefined); // its failure is the walk's, reported through Promise.all below
        children.push(walked);
      }
    });
    return (await Promise.all(children)).flat();
  };
  return (await Promise.all(entries.map((entry) => walk(entry, '')))).flat();
}

/**
 * Upload sources for picked or dropped files. With `keepFolderTree`, a file inside a dropped or
 * picked folder keeps its folders ("Shoot/day 1/a.jpg"), which become subfolders in the Media
 * Manager; without it, every file goes to the destination itself.
 */
export function sourcesOfPicked(picked: readonly PickedFile[], options: { keepFolderTree: boolean }): UploadSource[] {
  return picked.map(({ file, folderPath, handle }) => ({
    ...sourceFromFile(file),
    relativePath: options.keepFolderTree && folderPath ? `${folderPath}/${file.name}` : undefined,
    ...(handle ? { fileHandle: handle } : {}),
  }));
}

/** Files chosen with the browser's picker, with their handles (file-handle-picking.ts). */
export function pickedWithHandles(chosen: readonly FileWithHandle[]): PickedFile[] {
  return chosen.map(({ file, handle }) => ({ file, folderPath: '', handle }));
}

/**
 * The dropped files with the handles the drop gave (fileHandlesOfDrop: a file dropped on its own,
 * matched by name); a dropped folder's files are chosen again to continue after a restart.
 */
export function withDroppedHandles(dropped: readonly DroppedFile[], handles: ReadonlyMap<string, FileSystemFileHandle>): DroppedFile[] {
  if (handles.size === 0) return [...dropped];
  return dropped.map((one) => {
    const handle = one.folderPath === '' ? handles.get(one.entry.name) : undefined;
    return handle ? { ...one, handle } : one;
  });
}

/** How long reading answers may hold the page's thread before giving it back. */
const SLICE_MS = 10;

/**
 * Reads every item, `inFlight` at a time, and hands the answers on in batches: the first
 * `everyMs` after the first answer, then at most one every `everyMs`, the last as soon as all are
 * read. A page redrawn at each of 10,000 answers would spend its time drawing; 10,000 reads asked
 * in one go hold the page's thread for half a second (Chromium answers them one after another in
 * its browser process anyway, so a few hundred in flight keep it as busy).
 */
export async function readInBatches<Item, Answer>(
  items: readonly Item[],
  read: (item: Item) => Promise<Answer>,
  onBatch: (answers: ReadonlyMap<Item, Answer>) => void,
  { everyMs, inFlight }: { everyMs: number; inFlight: number },
): Promise<void> {
  let pending = new Map<Item, Answer>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    onBatch(batch);
  };
  // Not in the task that asked (Upload's click, a drop): that one draws what it changed, and 16
  // openings in it added 16-22 ms to the click's task (profiled, 10,000 files).
  await new Promise((resolve) => setTimeout(resolve, 0));
  let next = 0;
  let sliceStart = performance.now();
  const reader = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      const answer = await read(item);
      pending.set(item, answer);
      timer ??= setTimeout(flush, everyMs);
      // The answers' callbacks chain the next reads in microtasks: Chromium ran 10,000 openings in
      // one 10 s task. The page's thread is given back every SLICE_MS.
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        sliceStart = performance.now();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, items.length) }, reader));
  clearTimeout(timer);
  flush();
}

/**
 * The files added, every dropped one opened, for a page that sends them at once rather than
 * staging them (the quick-upload example): a dropped file that cannot be read (moved or deleted
 * since the drop) is left out, with why.
 */
export async function openAdded(
  added: readonly AddedFile[],
): Promise<{ picked: PickedFile[]; unreadable: Array<{ dropped: DroppedFile; reason: UnreadableReason }> }> {
  const opened = await Promise.all(added.map(async (one) => (isDropped(one) ? { one, file: await openEntry(one.entry) } : { one })));
  const picked: PickedFile[] = [];
  const unreadable: Array<{ dropped: DroppedFile; reason: UnreadableReason }> = [];
  for (const { one, file } of opened) {
    if (!isDropped(one)) picked.push(one);
    else if (typeof file === 'string') unreadable.push({ dropped: one, reason: file });
    else picked.push({ file: file!, folderPath: one.folderPath, ...(one.handle ? { handle: one.handle } : {}) });
  }
  return { picked, unreadable };
}
