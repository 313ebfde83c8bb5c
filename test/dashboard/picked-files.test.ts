import { describe, expect, it, vi } from 'vitest';
import {
  entriesOfDrop,
  pickedFromEntries,
  pickedFromFileList,
  sourcesOfPicked,
  type PickedFile,
} from '../../src/dashboard/files/picked-files.js';
import { fakeDirectory, fakeFile, fileIn } from './support/fake-entries.js';

const summary = (picked: PickedFile[]) => picked.map(({ file, folderPath }) => [folderPath, file.name]);

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

describe('pickedFromEntries', () => {
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
    expect(summary(await pickedFromEntries(entries))).toEqual([
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
    expect(summary(await pickedFromEntries(entries))).toEqual([
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
    const picked = await pickedFromEntries([folder]);
    expect(picked).toHaveLength(201);
    expect(picked.at(-1)).toMatchObject({ folderPath: 'Big' });
    expect(picked.at(-1)?.file.name).toBe('last.txt');
    expect(folder.readCalls()).toBe(4);
  });

  it('gives back the File objects themselves', async () => {
    const file = new File(['payload'], 'clip.mp4', { type: 'video/mp4', lastModified: 42 });
    const [picked] = await pickedFromEntries([fakeFile(file)]);
    expect(picked?.file).toBe(file);
  });

  it('fails when a file cannot be read', async () => {
    const broken = fakeFile(new File([''], 'gone.txt'), new DOMException('gone', 'NotFoundError'));
    await expect(pickedFromEntries([fakeDirectory('F', [[broken], []])])).rejects.toThrow('gone');
  });

  it('gives nothing for an empty drop or an empty folder', async () => {
    expect(await pickedFromEntries([])).toEqual([]);
    expect(await pickedFromEntries([fakeDirectory('Empty', [[]])])).toEqual([]);
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
