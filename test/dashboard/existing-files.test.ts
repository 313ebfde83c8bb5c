import { describe, expect, it } from 'vitest';
import { existingFilesCalls, existingFilesFound, keysAsked, NOT_LISTED } from '../../src/shared/existing-files.js';
import { EXISTING_FILES_LIMITS } from '../../src/shared/upload-methods.js';

const file = (folder: string, index: number, sizeInBytes = 10) => ({
  parentFolderId: 'media-root',
  filePath: folder,
  displayName: `f-${index}.bin`,
  sizeInBytes,
});

describe('the findExistingFiles calls', () => {
  it('asks once per folder, however its path is written, and the same file once', () => {
    const calls = existingFilesCalls([file('/a/b', 1), file('a/b/', 2), file('/a//b', 1), file('/c', 1)]);
    expect(calls).toEqual([
      {
        destinations: [
          {
            parentFolderId: 'media-root',
            filePath: '/a/b',
            files: [
              { displayName: 'f-1.bin', sizeInBytes: '10' },
              { displayName: 'f-2.bin', sizeInBytes: '10' },
            ],
          },
          { parentFolderId: 'media-root', filePath: '/c', files: [{ displayName: 'f-1.bin', sizeInBytes: '10' }] },
        ],
      },
    ]);
  });

  it('stays within the limits of a call: files in all, then folders', () => {
    const { filesPerCall, foldersPerCall } = EXISTING_FILES_LIMITS;
    const many = Array.from({ length: filesPerCall + 5 }, (_, index) => file('/big', index));
    const big = existingFilesCalls(many);
    expect(big.map((call) => call.destinations.map((destination) => destination.files.length))).toEqual([[filesPerCall], [5]]);
    const folders = existingFilesCalls(Array.from({ length: foldersPerCall + 1 }, (_, index) => file(`/f${index}`, 0)));
    expect(folders.map((call) => call.destinations.length)).toEqual([foldersPerCall, 1]);
    expect(keysAsked(big[0]!)).toHaveLength(filesPerCall);
  });

  it('reads an answer by name and size: another size is another file', () => {
    const [call] = existingFilesCalls([file('/a', 1, 10), file('/a', 2, 20)]);
    const found = existingFilesFound(call!, [
      {
        exists: true,
        listedAll: true,
        existing: [
          { fileId: 'x', displayName: 'f-1.bin', sizeInBytes: '10' },
          { fileId: 'y', displayName: 'f-2.bin', sizeInBytes: '21' },
        ],
      },
    ]);
    expect([...found.values()]).toEqual([{ fileId: 'x', displayName: 'f-1.bin', sizeInBytes: '10' }, null]);
  });

  it('tells a file not found in a folder listed only in part from one that is not there', () => {
    const [call] = existingFilesCalls([file('/a', 1, 10), file('/a', 2, 20), file('/b', 3, 30)]);
    const found = existingFilesFound(call!, [
      { exists: true, listedAll: false, existing: [{ fileId: 'x', displayName: 'f-1.bin', sizeInBytes: '10' }] },
      { exists: true, listedAll: true, existing: [] },
    ]);
    expect([...found.values()]).toEqual([{ fileId: 'x', displayName: 'f-1.bin', sizeInBytes: '10' }, NOT_LISTED, null]);
  });
});
