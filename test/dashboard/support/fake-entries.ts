/** Stand-ins for the File and Directory Entries API objects a drop gives (jsdom has none). */

/** A File as a folder picker (webkitdirectory) gives it: webkitRelativePath is "Folder/sub/name". */
export function fileIn(relativePath: string, name = relativePath.split('/').at(-1) ?? 'file', content = 'x'): File {
  const file = new File([content], name, { lastModified: 1_700_000_000_000 });
  Object.defineProperty(file, 'webkitRelativePath', { value: relativePath });
  return file;
}

export function fakeFile(file: File, error?: DOMException): FileSystemFileEntry {
  const entry = {
    isFile: true,
    isDirectory: false,
    name: file.name,
    file(success: (file: File) => void, failure?: (error: DOMException) => void) {
      // Asynchronous, as in browsers.
      queueMicrotask(() => (error ? failure?.(error) : success(file)));
    },
  };
  return entry as unknown as FileSystemFileEntry;
}

export type FakeDirectory = FileSystemDirectoryEntry & { readCalls(): number };

/**
 * A directory whose reader answers the given batches one per readEntries call, as Chrome does
 * (at most 100 entries a call); the last batch should be empty. Every createReader() starts over.
 */
export function fakeDirectory(name: string, batches: FileSystemEntry[][]): FakeDirectory {
  let calls = 0;
  const entry = {
    isFile: false,
    isDirectory: true,
    name,
    createReader() {
      let next = 0;
      return {
        readEntries(success: (entries: FileSystemEntry[]) => void) {
          calls += 1;
          const batch = batches[next] ?? [];
          next += 1;
          setTimeout(() => success(batch), 0);
        },
      };
    },
    readCalls: () => calls,
  };
  return entry as unknown as FakeDirectory;
}
