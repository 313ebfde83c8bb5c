import { sourceFromFile, type UploadSource } from '../../upload-engine';
import { isHiddenEntry } from '../../policies/upload-request-policy';

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

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** All children of a directory: readEntries answers in batches until it answers none. */
async function childrenOf(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const children: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return children;
    children.push(...batch);
  }
}

const isDirectory = (entry: FileSystemEntry): entry is FileSystemDirectoryEntry => entry.isDirectory;
const isFile = (entry: FileSystemEntry): entry is FileSystemFileEntry => entry.isFile;

/**
 * Walks dropped files and folders; a dropped folder keeps its tree in each file's folderPath, and
 * what is hidden inside it is left out (isHiddenEntry).
 */
export async function pickedFromEntries(entries: FileSystemEntry[]): Promise<PickedFile[]> {
  const picked: PickedFile[] = [];
  const walk = async (entry: FileSystemEntry, folderPath: string): Promise<void> => {
    if (isFile(entry)) {
      picked.push({ file: await fileOf(entry), folderPath });
    } else if (isDirectory(entry)) {
      const inner = folderPath ? `${folderPath}/${entry.name}` : entry.name;
      for (const child of await childrenOf(entry)) if (!isHiddenEntry(child.name)) await walk(child, inner);
    }
  };
  for (const entry of entries) await walk(entry, '');
  return picked;
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

/** The File System Access API's parts the page uses (Chromium-based browsers; not in TypeScript's DOM types). */
interface FileAccessWindow {
  showOpenFilePicker?(options: { multiple: boolean }): Promise<FileSystemFileHandle[]>;
}
interface HandleGivingItem {
  getAsFileSystemHandle?(): Promise<FileSystemHandle | null>;
}

/**
 * Whether "Choose files" can pick files with their handles. Not in a frame of another origin:
 * Chromium refuses the picker there (a SecurityError), where the plain file input still works.
 */
export function canPickFileHandles(): boolean {
  if (typeof (window as FileAccessWindow).showOpenFilePicker !== 'function') return false;
  try {
    return window.top === window.self || window.top?.location.origin === window.location.origin;
  } catch {
    return false;
  }
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/**
 * Files chosen with the browser's picker, each with its handle (canPickFileHandles first): none when
 * the owner closes the dialog; undefined when the browser refuses the picker, to fall back to the file input.
 */
export async function pickFilesWithHandles(): Promise<PickedFile[] | undefined> {
  const picker = (window as FileAccessWindow).showOpenFilePicker;
  if (!picker) return undefined;
  try {
    const handles = await picker.call(window, { multiple: true });
    return Promise.all(handles.map(async (handle) => ({ file: await handle.getFile(), folderPath: '', handle })));
  } catch (error) {
    return isAbort(error) ? [] : undefined;
  }
}

/**
 * The handles of a drop's files (Chromium), by name. Like entriesOfDrop it must run during the
 * drop event itself; only files dropped on their own get one (a dropped folder's files are read
 * through its entries, and are chosen again to continue after a restart).
 */
export function fileHandlesOfDrop(dataTransfer: DataTransfer): Promise<Map<string, FileSystemFileHandle>> {
  const asked = Array.from(dataTransfer.items)
    .filter((item) => item.kind === 'file')
    .map((item) => (item as DataTransferItem & HandleGivingItem).getAsFileSystemHandle?.().catch(() => null));
  return Promise.all(asked).then((handles) => {
    const byName = new Map<string, FileSystemFileHandle>();
    for (const handle of handles) if (handle?.kind === 'file') byName.set(handle.name, handle as FileSystemFileHandle);
    return byName;
  });
}

/** The dropped files with the handles the drop gave (a file on its own, matched by name). */
export function withDroppedHandles(picked: readonly PickedFile[], handles: ReadonlyMap<string, FileSystemFileHandle>): PickedFile[] {
  if (handles.size === 0) return [...picked];
  return picked.map((one) => {
    const handle = one.folderPath === '' ? handles.get(one.file.name) : undefined;
    return handle ? { ...one, handle } : one;
  });
}
