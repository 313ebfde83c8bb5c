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

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/**
 * The children of a directory, each batch as it is read: readEntries answers in batches (Chromium's
 * are of 100) until it answers none. Each batch is handed on at once, so a large folder's files are
 * opened while its next batch is read.
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
 * Walks dropped files and folders; a dropped folder keeps its tree in each file's folderPath, and
 * what is hidden inside it is left out (isHiddenEntry). Every folder and file is read at once
 * rather than one after another: each read is a round trip to the browser's file system, and a
 * tree of 10,000 files read one by one took seconds. The files come back in the tree's order.
 */
export async function pickedFromEntries(entries: FileSystemEntry[]): Promise<PickedFile[]> {
  const walk = async (entry: FileSystemEntry, folderPath: string): Promise<PickedFile[]> => {
    if (isFile(entry)) return [{ file: await fileOf(entry), folderPath }];
    if (!isDirectory(entry)) return [];
    const inner = folderPath ? `${folderPath}/${entry.name}` : entry.name;
    const children: Promise<PickedFile[]>[] = [];
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
export function withDroppedHandles(picked: readonly PickedFile[], handles: ReadonlyMap<string, FileSystemFileHandle>): PickedFile[] {
  if (handles.size === 0) return [...picked];
  return picked.map((one) => {
    const handle = one.folderPath === '' ? handles.get(one.file.name) : undefined;
    return handle ? { ...one, handle } : one;
  });
}
