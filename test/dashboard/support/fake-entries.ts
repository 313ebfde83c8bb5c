/** Stand-ins for the File and Directory Entries API objects a drop gives (jsdom has none). */

/** A File as a folder picker (webkitdirectory) gives it: webkitRelativePath is "Folder/sub/name". */
export function fileIn(relativePath: string, name = relativePath.split('/').at(-1) ?? 'file', content = 'x'): File {
  const file = new File([content], name, { lastModified: 1_700_000_000_000 });
  Object.defineProperty(file, 'webkitRelativePath', { value: relativePath });
  return file;
}

export type FakeFileEntry = FileSystemFileEntry & { opened(): number };

export interface FakeFileOptions {
  /** Chromium's getMetadata; Firefox has none. */
  metadata?: boolean;
  /** The metadata is answered once this settles (a slow disk, 10,000 files). */
  metadataWhen?: Promise<unknown>;
  /** Opening the file fails so, while its metadata was read (removed between the drop and the upload). */
  openError?: DOMException;
  /** The File is given once this settles (the browser opening thousands of files, one after another). */
  openWhen?: Promise<unknown>;
}

/**
 * A dropped file's entry: `file()` gives the File (or fails with `error`), `getMetadata()` its size
 * and modification time (Chromium's). `opened()` counts the File's openings.
 */
export function fakeFile(
  file: File,
  error?: DOMException,
  { metadata = true, metadataWhen = Promise.resolve(), openError = error, openWhen }: FakeFileOptions = {},
): FakeFileEntry {
  let opened = 0;
  const entry = {
    isFile: true,
    isDirectory: false,
    name: file.name,
    file(success: (file: File) => void, failure?: (error: DOMException) => void) {
      opened += 1;
      // Asynchronous, as in browsers.
      const answer = () => (openError ? failure?.(openError) : success(file));
      if (openWhen) void openWhen.then(answer);
      else queueMicrotask(answer);
    },
    ...(metadata && {
      getMetadata(success: (metadata: { size: number; modificationTime: Date }) => void, failure?: (error: DOMException) => void) {
        void metadataWhen.then(() =>
          error ? failure?.(error) : success({ size: file.size, modificationTime: new Date(file.lastModified) }),
        );
      },
    }),
    opened: () => opened,
  };
  return entry as unknown as FakeFileEntry;
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
