import { describe, expect, it, vi } from 'vitest';
import {
  droppedFromEntries,
  entriesOfDrop,
  openEntry,
  pickedFromFileList,
  readInBatches,
  sizeOfEntry,
  sourcesOfPicked,
  type DroppedFile,
  type PickedFile,
} from '../../src/dashboard/files/picked-files.js';
import { fakeDirectory, fakeFile, fileIn } from './support/fake-entries.js';

const summary = (picked: PickedFile[]) => picked.map(({ file, folderPath }) => [folderPath, file.name]);
const droppedSummary = (dropped: DroppedFile[]) => dropped.map(({ entry, folderPath }) => [folderPath, entry.name]);

describe('pickedFromFileList', () => {
  it('gives each file of a folder pick its folders as folderPath', () => {
    const files = [fileIn('Shoot/day 1/a.jpg'), fileIn('Shoot/day 1/raw/b.cr2'), fileIn('Shoot/c.txt')];
    expect(summary(pickedFromFileList(files))).toEqual([
      ['Shoot/day 1', 'a.jpg'],
      ['Shoot/day 1/raw', 'b.cr2'],
      ['Shoot', 'c.txt'],
    ]);
  });

  it('leaves out hidden entries inside a picked folder, as the command line does; a hidden folder picked itself is kept', () => {
    const files = [
      fileIn('Shoot/a.jpg'),
      fileIn('Shoot/.DS_Store'),
      fileIn('Shoot/.git/config'),
      fileIn('Shoot/day 1/._a.jpg'),
      fileIn('.config/app.json'),
    ];
    expect(summary(pickedFromFileList(files))).toEqual([
      ['Shoot', 'a.jpg'],
      ['.config', 'app.json'],
    ]);
  });

  it('gives files picked on their own an empty folderPath, with or without webkitRelativePath', () => {
    const plain = new File(['x'], 'plain.mp4');
    const empty = fileIn('', 'empty.mp4');
    const picked = pickedFromFileList([plain, empty]);
    expect(summary(picked)).toEqual([
      ['', 'plain.mp4'],
      ['', 'empty.mp4'],
    ]);
    expect(picked[0]?.file).toBe(plain);
  });
});

describe('entriesOfDrop', () => {
  it('keeps the entries of dropped files only', () => {
    const a = fakeFile(new File(['a'], 'a.txt'));
    const folder = fakeDirectory('Folder', [[]]);
    const dataTransfer = {
      items: [
        { kind: 'file', webkitGetAsEntry: () => a },
        { kind: 'string', webkitGetAsEntry: vi.fn(() => a) },
        { kind: 'file', webkitGetAsEntry: () => null },
        { kind: 'file', webkitGetAsEntry: () => folder },
      ],
    } as unknown as DataTransfer;
    expect(entriesOfDrop(dataTransfer)).toEqual([a, folder]);
  });
});

describe('droppedFromEntries', () => {
  it('walks nested folders, keeping each file’s folders under what was dropped', async () => {
    const entries = [
      fakeFile(new File(['1'], 'loose.txt')),
      fakeDirectory('Shoot', [
        [
          fakeFile(new File(['2'], 'cover.jpg')),
          fakeDirectory('day 1', [[fakeFile(new File(['3'], 'a.jpg'))], [fakeFile(new File(['4'], 'b.jpg'))], []]),
        ],
        [fakeDirectory('empty', [[]]), fakeDirectory('day 2', [[fakeDirectory('raw', [[fakeFile(new File(['5'], 'c.cr2'))], []])], []])],
        [],
      ]),
    ];
    expect(droppedSummary(await droppedFromEntries(entries))).toEqual([
      ['', 'loose.txt'],
      ['Shoot', 'cover.jpg'],
      ['Shoot/day 1', 'a.jpg'],
      ['Shoot/day 1', 'b.jpg'],
      ['Shoot/day 2/raw', 'c.cr2'],
    ]);
  });

  it('leaves out hidden entries inside a dropped folder, as the command line does; a hidden file dropped itself is kept', async () => {
    const entries = [
      fakeFile(new File(['1'], '.env')),
      fakeDirectory('Shoot', [
        [
          fakeFile(new File(['2'], 'cover.jpg')),
          fakeFile(new File(['3'], '.DS_Store')),
          fakeDirectory('.git', [[fakeFile(new File(['4'], 'HEAD'))], []]),
          fakeDirectory('day 1', [[fakeFile(new File(['5'], '._a.jpg')), fakeFile(new File(['6'], 'a.jpg'))], []]),
        ],
        [],
      ]),
    ];
    expect(droppedSummary(await droppedFromEntries(entries))).toEqual([
      ['', '.env'],
      ['Shoot', 'cover.jpg'],
      ['Shoot/day 1', 'a.jpg'],
    ]);
  });

  it('reads a directory in batches until readEntries answers none', async () => {
    const batches = [
      Array.from({ length: 100 }, (_, i) => fakeFile(new File(['x'], `f${i}.txt`))),
      Array.from({ length: 100 }, (_, i) => fakeFile(new File(['x'], `g${i}.txt`))),
      [fakeFile(new File(['x'], 'last.txt'))],
      [],
    ];
    const folder = fakeDirectory('Big', batches);
    const dropped = await droppedFromEntries([folder]);
    expect(dropped).toHaveLength(201);
    expect(dropped.at(-1)).toMatchObject({ folderPath: 'Big' });
    expect(dropped.at(-1)?.entry.name).toBe('last.txt');
    expect(folder.readCalls()).toBe(4);
  });

  it('gives back the entries themselves, and opens no file (their sizes and bytes are read later)', async () => {
    const entry = fakeFile(new File(['payload'], 'clip.mp4', { type: 'video/mp4', lastModified: 42 }));
    const broken = fakeFile(new File([''], 'gone.txt'), new DOMException('gone', 'NotFoundError'));
    const dropped = await droppedFromEntries([entry, fakeDirectory('F', [[broken], []])]);
    expect(dropped).toEqual([
      { entry, folderPath: '' },
      { entry: broken, folderPath: 'F' },
    ]);
    expect(entry.opened() + broken.opened()).toBe(0);
  });

  it('gives nothing for an empty drop or an empty folder', async () => {
    expect(await droppedFromEntries([])).toEqual([]);
    expect(await droppedFromEntries([fakeDirectory('Empty', [[]])])).toEqual([]);
  });
});

describe('sizeOfEntry and openEntry', () => {
  const clip = new File(['0123456789'], 'clip.mp4', { type: 'video/mp4', lastModified: 1_700_000_000_000 });

  it('reads the size and date from the metadata without opening the file; opens it where there is no metadata', async () => {
    const entry = fakeFile(clip);
    expect(await sizeOfEntry(entry)).toEqual({ size: 10, lastModified: 1_700_000_000_000 });
    expect(entry.opened()).toBe(0);
    const withoutMetadata = fakeFile(clip, undefined, { metadata: false });
    expect(await sizeOfEntry(withoutMetadata)).toEqual({ size: 10, lastModified: 1_700_000_000_000 });
    expect(withoutMetadata.opened()).toBe(1);
    expect(await openEntry(entry)).toBe(clip);
  });

  it('says why a file cannot be read: gone, not allowed, or another fault', async () => {
    const failing = (name: string) => fakeFile(clip, new DOMException('no', name));
    expect(await sizeOfEntry(failing('NotFoundError'))).toBe('gone');
    expect(await openEntry(failing('NotFoundError'))).toBe('gone');
    expect(await sizeOfEntry(failing('SecurityError'))).toBe('permission-denied');
    expect(await openEntry(failing('NotAllowedError'))).toBe('permission-denied');
    expect(await openEntry(failing('NotReadableError'))).toBe('unreadable');
  });
});

describe('readInBatches', () => {
  it('hands the answers on in batches, not one by one, and every answer once', async () => {
    vi.useFakeTimers();
    try {
      const releases: Array<() => void> = [];
      const items = Array.from({ length: 10 }, (_, i) => i);
      const batches: number[][] = [];
      const done = readInBatches(
        items,
        (item) => new Promise<number>((resolve) => releases.push(() => resolve(item * 2))),
        (answers) => batches.push([...answers.values()]),
        { everyMs: 100, inFlight: 10 },
      );
      // Nothing is read in the task that asked (a click's): that one draws what it changed.
      expect(releases).toEqual([]);
      await vi.advanceTimersByTimeAsync(0);
      expect(releases).toHaveLength(10);
      for (const release of releases.slice(0, 4)) release();
      await vi.advanceTimersByTimeAsync(50);
      expect(batches).toEqual([]);
      await vi.advanceTimersByTimeAsync(60);
      expect(batches).toEqual([[0, 2, 4, 6]]);
      for (const release of releases.slice(4)) release();
      // The readers give the page's thread back between answers (a timer), and the last batch follows at once.
      await vi.runAllTimersAsync();
      await done;
      expect(batches[0]).toEqual([0, 2, 4, 6]);
      expect(batches.length).toBeLessThanOrEqual(3);
      expect(batches.flat().sort((a, b) => a - b)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks at most `inFlight` at a time, in order', async () => {
    let asked = 0;
    let most = 0;
    const order: number[] = [];
    const answers: number[] = [];
    await readInBatches(
      Array.from({ length: 50 }, (_, i) => i),
      async (item) => {
        asked += 1;
        most = Math.max(most, asked);
        order.push(item);
        await new Promise((resolve) => setTimeout(resolve, 1));
        asked -= 1;
        return item;
      },
      (batch) => answers.push(...batch.values()),
      { everyMs: 5, inFlight: 4 },
    );
    expect(most).toBe(4);
    expect(order).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(answers.sort((a, b) => a - b)).toEqual(order);
  });
});

describe('sourcesOfPicked', () => {
  it('keeps the folder tree only when asked, whatever webkitRelativePath says', () => {
    const picked = pickedFromFileList([fileIn('Shoot/day 1/a.jpg'), fileIn('b.jpg')]);
    expect(sourcesOfPicked(picked, { keepFolderTree: true }).map((source) => [source.name, source.relativePath])).toEqual([
      ['a.jpg', 'Shoot/day 1/a.jpg'],
      ['b.jpg', undefined],
    ]);
    expect(sourcesOfPicked(picked, { keepFolderTree: false }).map((source) => source.relativePath)).toEqual([undefined, undefined]);
    expect(sourcesOfPicked(picked, { keepFolderTree: false })[0]?.size).toBe(picked[0]?.file.size);
  });
});
