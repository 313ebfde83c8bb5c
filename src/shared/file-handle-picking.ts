/**
 * Choosing files with their handles, where the browser gives them (the File System Access API in
 * Chromium-based browsers), for the page and the widget alike: a kept handle lets an upload
 * continue after a restart without the file being chosen again (upload-engine/resume/file-handles.ts).
 */

/** The parts of the API used here (not in TypeScript's DOM types). */
interface FileAccessWindow {
  showOpenFilePicker?(options: { multiple: boolean }): Promise<FileSystemFileHandle[]>;
}
interface HandleGivingItem {
  getAsFileSystemHandle?(): Promise<FileSystemHandle | null>;
}

export interface FileWithHandle {
  file: File;
  handle: FileSystemFileHandle;
}

/**
 * Whether files can be chosen with their handles here. Not in a frame of another origin: Chromium
 * refuses the picker there (a SecurityError), where the plain file input still works. Wix shows a
 * dashboard page in an iframe ("Add Self-hosted Dashboard Page Extensions", dev.wix.com: the
 * extension "adds an iframe page to a site dashboard"); whether a CLI page's frame shares the
 * dashboard's origin is not documented, so it is asked here, at run time, and either answer works
 * (without the picker, files are chosen again after a restart, and the page says so).
 */
function canPickFileHandles(): boolean {
  if (typeof (window as FileAccessWindow).showOpenFilePicker !== 'function') return false;
  try {
    return window.top === window.self || window.top?.location.origin === window.location.origin;
  } catch {
    return false;
  }
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/**
 * Files chosen with the browser's picker, each with its handle (from a click): none when the dialog is closed; undefined when the browser refuses the
 * picker, to fall back to the file input.
 */
async function pickFileHandles(): Promise<FileWithHandle[] | undefined> {
  const picker = (window as FileAccessWindow).showOpenFilePicker;
  if (!picker) return undefined;
  try {
    const handles = await picker.call(window, { multiple: true });
    return Promise.all(handles.map(async (handle) => ({ file: await handle.getFile(), handle })));
  } catch (error) {
    return isAbort(error) ? [] : undefined;
  }
}

/**
 * What "choose files" does: the browser's picker with handles where it can (canPickFileHandles),
 * else `openInput` (the plain file input), also when the browser refuses the picker.
 */
export function chooseFilesWithHandles(openInput: () => void, onChosen: (files: FileWithHandle[]) => void): void {
  if (!canPickFileHandles()) {
    openInput();
    return;
  }
  void pickFileHandles().then((picked) => {
    if (picked === undefined) openInput();
    else if (picked.length > 0) onChosen(picked);
  });
}

/**
 * The handles of a drop's files (Chromium), by name; undefined where the browser gives none. It
 * must run during the drop event itself: the browser empties the drop's items once the event
 * returns. A dropped folder gives a folder's handle, not its files': they are not among these.
 */
export function fileHandlesOfDrop(dataTransfer: DataTransfer): Promise<Map<string, FileSystemFileHandle>> | undefined {
  const items = Array.from(dataTransfer.items).filter((item) => item.kind === 'file') as Array<DataTransferItem & HandleGivingItem>;
  if (!items.some((item) => typeof item.getAsFileSystemHandle === 'function')) return undefined;
  const asked = items.map((item) => item.getAsFileSystemHandle?.().catch(() => null));
  return Promise.all(asked).then((handles) => {
    const byName = new Map<string, FileSystemFileHandle>();
    for (const handle of handles) if (handle?.kind === 'file') byName.set(handle.name, handle as FileSystemFileHandle);
    return byName;
  });
}
