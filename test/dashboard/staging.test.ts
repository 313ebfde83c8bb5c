import { describe, expect, it } from 'vitest';
import {
  applySettings,
  awaitingSize,
  linksToImport,
  openedFiles,
  preparable,
  problemsOf,
  rename,
  stagedSizes,
  stageFiles,
  type StagedFile,
  type UploadSettings,
} from '../../src/dashboard/staging.js';
import type { EntrySize, PickedFile, UnreadableReason } from '../../src/dashboard/files/picked-files.js';
import {
  resolveUploadMeta,
  resumeRecordFor,
  uploadFingerprint,
  type ResumeRecord,
  type UploadMetaInput,
  type UploadSource,
} from '../../src/upload-engine/index.js';
import { MEDIA_ROOT_FOLDER_ID } from '../../src/shared/media-folders.js';
import { settings, openedSource } from './support/settings.js';
import { fakeFile } from './support/fake-entries.js';
import { APP_UPLOAD_LIMITS } from '../../src/policies/upload-request-policy.js';

const MAX = 1024 ** 3;
const NOTHING_QUEUED: ReadonlySet<string> = new Set();

function picked(name: string, folderPath = '', { size = 10, type = 'video/mp4', lastModified = 1_700_000_000_000 } = {}): PickedFile {
  return { file: new File(['x'.repeat(size)], name, { type, lastModified }), folderPath };
}

function stageOne(one: PickedFile, with_: UploadSettings = settings(), unfinished: ResumeRecord[] = []): StagedFile {
  const [staged] = stageFiles([one], with_, unfinished);
  if (!staged) throw new Error('nothing staged');
  return staged;
}

/** The record the upload queue saves when it starts a file. */
function recordFor(source: UploadSource, input: UploadMetaInput): ResumeRecord {
  return resumeRecordFor(
    source,
    resolveUploadMeta(source, input),
    { uploadUrl: 'https://upload.test/upload/tus', uploadToken: 'token-1' },
    'https://upload.test/upload/tus/abc',
    1,
  );
}

describe('stageFiles', () => {
  it('stages each file with its name as display name, a unique id and a copy of the settings', () => {
    const chosen = settings({ parentFolderId: 'folder-1', filePath: 'videos', labels: ['trip'], private: true });
    const staged = stageFiles([picked('a.mp4'), picked('b.mp4')], chosen, []);
    expect(staged.map((file) => file.meta.displayName)).toEqual(['a.mp4', 'b.mp4']);
    expect(new Set(staged.map((file) => file.id)).size).toBe(2);
    expect(staged[0]?.settings).toEqual(chosen);
    chosen.labels.push('later');
    expect(staged[0]?.settings.labels).toEqual(['trip']);
    expect(staged[0]?.settings.labels).not.toBe(staged[1]?.settings.labels);
    expect(staged.every((file) => file.resumes === undefined)).toBe(true);
  });

  it('ids stay unique across calls', () => {
    const first = stageOne(picked('a.mp4'));
    const second = stageOne(picked('a.mp4'));
    expect(first.id).not.toBe(second.id);
  });

  it('gives a file of a dropped folder its path inside that folder', () => {
    const loose = stageOne(picked('a.mp4'));
    const inFolder = stageOne(picked('b.jpg', 'Shoot/day 1'));
    expect(loose.source.relativePath).toBeUndefined();
    expect(inFolder.source.relativePath).toBe('Shoot/day 1/b.jpg');
    expect(inFolder.source).toMatchObject({ name: 'b.jpg', size: 10, type: 'video/mp4', lastModified: 1_700_000_000_000 });
  });
});

describe('the metadata of a staged file, resolved when staged, renamed or given settings', () => {
  it('takes the settings and the display name', () => {
    const staged = stageOne(
      picked('a.mp4'),
      settings({ parentFolderId: 'folder-1', filePath: ' videos//2024/ ', labels: ['x', 'y'], private: true }),
    );
    expect(rename([staged], staged.id, 'Holiday.mp4')[0]!.meta).toEqual({
      displayName: 'Holiday.mp4',
      mimeType: 'video/mp4',
      parentFolderId: 'folder-1',
      filePath: '/videos/2024',
      labels: ['x', 'y'],
      private: true,
    });
  });

  it('leaves out an empty path and no labels', () => {
    const { meta } = stageOne(picked('a.mp4'));
    expect(meta.filePath).toBeUndefined();
    expect(meta.labels).toBeUndefined();
    expect(meta.parentFolderId).toBe(MEDIA_ROOT_FOLDER_ID);
    expect(meta.private).toBe(false);
  });

  it("puts a dropped folder's subfolders under the chosen path in the destination", () => {
    const staged = stageOne(picked('b.jpg', 'Shoot/day 1'), settings({ filePath: 'videos/2024' }));
    expect(staged.meta.filePath).toBe('/videos/2024/Shoot/day 1');
    const atRoot = stageOne(picked('b.jpg', 'Shoot/day 1'));
    expect(atRoot.meta.filePath).toBe('/Shoot/day 1');
  });

  it('keeps the engine fingerprint of its metadata, also after new settings', () => {
    const staged = stageOne(picked('b.jpg', 'Shoot'), settings({ parentFolderId: 'folder-1', filePath: 'videos' }));
    expect(staged.fingerprint).toBe(uploadFingerprint(openedSource(staged), staged.meta));
    expect(JSON.parse(staged.fingerprint!)).toEqual(['b.jpg', 10, 1_700_000_000_000, 'Shoot/b.jpg', 'folder-1', '/videos/Shoot']);
    const moved = applySettings([staged], new Set([staged.id]), settings({ filePath: 'other' }))[0]!;
    expect(JSON.parse(moved.fingerprint!)).toEqual(['b.jpg', 10, 1_700_000_000_000, 'Shoot/b.jpg', MEDIA_ROOT_FOLDER_ID, '/other/Shoot']);
  });
});

describe('problemsOf', () => {
  it('has no entry for files that may be sent', () => {
    const staged = stageFiles([picked('a.mp4'), picked('b.mp4', 'F')], settings(), []);
    expect(problemsOf(staged, NOTHING_QUEUED, MAX).size).toBe(0);
  });

  it('refuses a file larger than the size limit', () => {
    const big = stageOne(picked('big.mp4', '', { size: 2000 }));
    const fits = stageOne(picked('fits.mp4', '', { size: 1000 }));
    const problems = problemsOf([big, fits], NOTHING_QUEUED, 1000);
    expect(problems.get(big.id)).toMatchObject({
      code: 'FILE_TOO_LARGE',
      fatal: true,
      message: 'The file is 2 kB; files up to 1 kB can be uploaded.',
    });
    expect(problems.has(fits.id)).toBe(false);
  });

  it('refuses a display name over 255 characters, with the limit in the message', () => {
    const staged = stageOne(picked('a.mp4'));
    const ok = rename([staged], staged.id, 'n'.repeat(255));
    expect(problemsOf(ok, NOTHING_QUEUED, MAX).size).toBe(0);
    const tooLong = rename([staged], staged.id, 'n'.repeat(256));
    expect(problemsOf(tooLong, NOTHING_QUEUED, MAX).get(staged.id)).toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'The file name must be at most 255 characters long (got 256).',
    });
  });

  it('refuses a label over 200 characters, naming which label', () => {
    const staged = stageOne(picked('a.mp4'), settings({ labels: ['fine', 'l'.repeat(201)] }));
    expect(problemsOf([staged], NOTHING_QUEUED, MAX).get(staged.id)?.message).toBe(
      'Label 2 must be at most 200 characters long (got 201).',
    );
  });

  it("counts a dropped folder's subfolders in the 100-character folder path limit", () => {
    const base = 'p'.repeat(90);
    const shallow = stageOne(picked('a.jpg', 'abc'), settings({ filePath: base }));
    const deep = stageOne(picked('a.jpg', 'abc/defghij'), settings({ filePath: base }));
    const problems = problemsOf([shallow, deep], NOTHING_QUEUED, MAX);
    expect(problems.has(shallow.id)).toBe(false); // "/ppp…/abc": 95 characters
    expect(problems.get(deep.id)?.message).toBe('The folder path must be at most 100 characters long (got 103).');
  });

  it('refuses an empty display name or one with control characters before any byte is sent', () => {
    const [a, b, c] = stageFiles([picked('a.mp4'), picked('b.mp4'), picked('c.mp4')], settings(), []);
    const staged = [rename([a!], a!.id, '')[0]!, rename([b!], b!.id, '   ')[0]!, rename([c!], c!.id, 'two\nlines.mp4')[0]!];
    const problems = problemsOf(staged, NOTHING_QUEUED, MAX);
    expect(problems.get(staged[0]!.id)?.message).toBe('The file name must not be empty.');
    expect(problems.get(staged[1]!.id)?.message).toBe('The file name must not be empty.');
    expect(problems.get(staged[2]!.id)?.message).toBe(
      'The file name must not contain control or text-direction characters (found U+000A).',
    );
  });

  it('refuses ".." in the folder path', () => {
    const staged = stageOne(picked('a.mp4'), settings({ filePath: 'videos/../secret' }));
    expect(problemsOf([staged], NOTHING_QUEUED, MAX).get(staged.id)?.message).toBe(
      'The folder path must not contain "." or ".." segments.',
    );
  });

  it('refuses the same file twice in the list (the later one), but not the same file to another folder', () => {
    const [first, again] = stageFiles([picked('a.mp4'), picked('a.mp4')], settings(), []);
    const elsewhere = stageOne(picked('a.mp4'), settings({ filePath: 'other' }));
    const otherFile = stageOne(picked('a.mp4', '', { lastModified: 5 }));
    const problems = problemsOf([first!, again!, elsewhere, otherFile], NOTHING_QUEUED, MAX);
    expect([...problems.keys()]).toEqual([again!.id]);
    expect(problems.get(again!.id)).toMatchObject({
      code: 'DUPLICATE',
      message: 'This file is already in the list, going to the same folder.',
    });
  });

  it('refuses a file the queue already uploads to the same place', () => {
    const staged = stageOne(picked('a.mp4', 'F'));
    const other = stageOne(picked('b.mp4', 'F'));
    const problems = problemsOf([staged, other], new Set([staged.fingerprint!]), MAX);
    expect(problems.get(staged.id)?.code).toBe('DUPLICATE');
    expect(problems.has(other.id)).toBe(false);
  });

  it('sees files become duplicates, or stop being, when settings are applied', () => {
    const [a, b] = stageFiles([picked('a.mp4'), picked('a.mp4')], settings(), []);
    const moved = applySettings([a!, b!], new Set([b!.id]), settings({ filePath: 'elsewhere' }));
    expect(problemsOf(moved, NOTHING_QUEUED, MAX).size).toBe(0);
    const back = applySettings(moved, new Set([b!.id]), settings());
    expect(problemsOf(back, NOTHING_QUEUED, MAX).get(b!.id)?.code).toBe('DUPLICATE');
  });
});

describe('applySettings', () => {
  it('changes the selected files only, each with its own copy', () => {
    const [a, b, c] = stageFiles([picked('a.mp4'), picked('b.mp4'), picked('c.mp4')], settings(), []);
    const next = settings({ parentFolderId: 'folder-2', labels: ['new'], private: true });
    const applied = applySettings([a!, b!, c!], new Set([a!.id, c!.id]), next);
    expect(applied[0]?.settings).toEqual(next);
    expect(applied[1]).toBe(b);
    expect(applied[2]?.settings).toEqual(next);
    expect(applied[0]?.settings.labels).not.toBe(next.labels);
    expect(applied[0]?.settings.labels).not.toBe(applied[2]?.settings.labels);
    expect(applied[0]?.meta.displayName).toBe('a.mp4');
  });

  it('leaves a file that continues an earlier upload as it is', () => {
    const one = picked('a.mp4');
    const record = recordFor(openedSource(stageOne(one)), { displayName: 'a.mp4', parentFolderId: MEDIA_ROOT_FOLDER_ID, private: false });
    const resuming = stageOne(one, settings(), [record]);
    const applied = applySettings([resuming], new Set([resuming.id]), settings({ parentFolderId: 'folder-9' }));
    expect(applied[0]).toBe(resuming);
  });
});

describe('rename', () => {
  it('changes one display name and keeps the other files as they are', () => {
    const [a, b] = stageFiles([picked('a.mp4'), picked('b.mp4')], settings(), []);
    const renamed = rename([a!, b!], a!.id, 'Better name.mp4');
    expect(renamed[0]).toMatchObject({ id: a!.id, meta: { displayName: 'Better name.mp4' } });
    expect(renamed[0]?.source).toBe(a!.source);
    expect(renamed[1]).toBe(b);
    expect(a!.meta.displayName).toBe('a.mp4');
  });
});

describe('a staged file matching an unfinished upload', () => {
  const cases: Array<[string, PickedFile, UploadMetaInput]> = [
    [
      'a loose file at the top level',
      picked('clip.mp4'),
      { displayName: 'clip.mp4', parentFolderId: MEDIA_ROOT_FOLDER_ID, private: false },
    ],
    [
      'a loose file into new subfolders, renamed, with labels',
      picked('clip.mp4'),
      { displayName: 'Holiday.mp4', parentFolderId: 'folder-1', filePath: '/videos/2024', labels: ['trip', 'sea'], private: true },
    ],
    [
      'a file of a dropped folder',
      picked('a.jpg', 'Shoot/day 1'),
      { displayName: 'a.jpg', parentFolderId: MEDIA_ROOT_FOLDER_ID, private: false },
    ],
    [
      'a file of a dropped folder into new subfolders',
      picked('a.jpg', 'Shoot/day 1'),
      { displayName: 'Renamed.jpg', parentFolderId: 'folder-1', filePath: '/videos/Shoot', labels: ['x'], private: true },
    ],
    ['a file whose folder repeats the path', picked('a.jpg', 'videos'), { displayName: 'a.jpg', filePath: '/videos' }],
    [
      'a file with an explicit type and no folder id',
      picked('notes.bin', '', { type: '' }),
      { displayName: 'notes.bin', mimeType: 'application/x-custom' },
    ],
  ];

  it.each(cases)('%s: keeps the record’s metadata and fingerprint', (_name, one, startedWith) => {
    const source = openedSource(stageOne(one));
    const record = recordFor(source, startedWith);

    // Staged again with other settings: it keeps the record's metadata, not the new settings.
    const staged = stageOne(
      one,
      settings({ parentFolderId: 'folder-other', filePath: 'elsewhere', labels: ['new'], private: !startedWith.private }),
      [record],
    );
    expect(staged.resumes).toBe(record);
    expect(staged.meta.displayName).toBe(record.meta.displayName);
    expect(staged.fingerprint).toBe(record.fingerprint);
    expect(staged.meta).toEqual(record.meta);
  });

  it('a resuming file is not a duplicate of itself, but is one of the item already continuing it', () => {
    const one = picked('clip.mp4', 'F');
    const record = recordFor(openedSource(stageOne(one)), { displayName: 'clip.mp4', filePath: '/v' });
    const staged = stageOne(one, settings(), [record]);
    expect(problemsOf([staged], NOTHING_QUEUED, MAX).size).toBe(0);
    expect(problemsOf([staged], new Set([record.fingerprint]), MAX).get(staged.id)?.code).toBe('DUPLICATE');
  });

  it('a rename does not change what a resuming file is sent with', () => {
    const one = picked('clip.mp4');
    const record = recordFor(openedSource(stageOne(one)), { displayName: 'Started as.mp4' });
    const staged = stageOne(one, settings(), [record]);
    const [renamed] = rename([staged], staged.id, 'Other.mp4');
    expect(renamed!.meta.displayName).toBe('Started as.mp4');
  });

  it.each([
    ['another modification time', picked('clip.mp4', '', { lastModified: 7 })],
    ['another size', picked('clip.mp4', '', { size: 11 })],
    ['another name', picked('clip2.mp4')],
    ['another folder of the drop', picked('clip.mp4', 'Other')],
  ])('is not matched by a file with %s', (_name, other) => {
    const record = recordFor(openedSource(stageOne(picked('clip.mp4'))), { displayName: 'Started as.mp4' });
    const staged = stageOne(other, settings(), [record]);
    expect(staged.resumes).toBeUndefined();
    expect(staged.meta.displayName).toBe(other.file.name);
  });
});

describe('a dropped file, staged before its size is read', () => {
  const video = (name: string, size = 10, lastModified = 1_700_000_000_000) =>
    new File(['x'.repeat(size)], name, { type: 'video/mp4', lastModified });
  const dropped = (name: string, folderPath = 'Shoot') => ({ entry: fakeFile(video(name)), folderPath });

  it('is checked for its name and folders at once, for its size and against the list once its size is read', () => {
    const deep = Array.from({ length: APP_UPLOAD_LIMITS.maxFolderDepth + 1 }, (_, level) => `l${level}`).join('/');
    const [ok, tooDeep, twice] = stageFiles([dropped('a.mp4'), dropped('b.mp4', deep), dropped('a.mp4')], settings(), []);
    expect(ok!.source).toMatchObject({ name: 'a.mp4', relativePath: 'Shoot/a.mp4', type: '' });
    expect(ok!.source.size).toBeUndefined();
    expect(ok!.fingerprint).toBeUndefined();
    expect(awaitingSize([ok!, tooDeep!, twice!])).toHaveLength(3);
    const before = problemsOf([ok!, tooDeep!, twice!], NOTHING_QUEUED, MAX, true);
    expect([...before.keys()]).toEqual([tooDeep!.id]);
    expect(before.get(tooDeep!.id)?.message).toMatch(/at most \d+ folders/);

    const sizes = new Map([ok!, tooDeep!, twice!].map((file) => [file.id, { size: 10, lastModified: 1_700_000_000_000 }] as const));
    const sized = stagedSizes([ok!, tooDeep!, twice!], sizes, []);
    expect(awaitingSize(sized)).toEqual([]);
    expect(sized[0]!.fingerprint).toBe(JSON.stringify(['a.mp4', 10, 1_700_000_000_000, 'Shoot/a.mp4', MEDIA_ROOT_FOLDER_ID, '/Shoot']));
    const after = problemsOf(sized, NOTHING_QUEUED, 5, true);
    expect([...after.values()].map((problem) => problem.code)).toEqual(['FILE_TOO_LARGE', 'FILE_TOO_LARGE', 'FILE_TOO_LARGE']);
    expect(problemsOf(sized, NOTHING_QUEUED, MAX, true).get(sized[2]!.id)?.code).toBe('DUPLICATE');
  });

  it('continues an unfinished upload once its size and date say it is that file', () => {
    const picked: PickedFile = { file: video('a.mp4'), folderPath: 'Shoot' };
    const record = recordFor(openedSource(stageOne(picked)), {
      displayName: 'Started as.mp4',
      parentFolderId: MEDIA_ROOT_FOLDER_ID,
      filePath: '/Shoot',
    });
    const [staged] = stageFiles([dropped('a.mp4')], settings(), [record]);
    expect(staged!.resumes).toBeUndefined();
    const [sized] = stagedSizes([staged!], new Map([[staged!.id, { size: 10, lastModified: 1_700_000_000_000 }]]), [record]);
    expect(sized!.resumes).toBe(record);
    expect(sized!.meta.displayName).toBe('Started as.mp4');
  });

  it('says why it cannot be read, and refuses a file that changed between its size and its opening', () => {
    const [gone, changed, fine] = stageFiles([dropped('gone.mp4'), dropped('changed.mp4'), dropped('fine.mp4')], settings(), []);
    const sized = stagedSizes(
      [gone!, changed!, fine!],
      new Map<string, EntrySize | UnreadableReason>([
        [gone!.id, 'gone'],
        [changed!.id, { size: 10, lastModified: 1_700_000_000_000 }],
        [fine!.id, { size: 10, lastModified: 1_700_000_000_000 }],
      ]),
      [],
    );
    expect(sized[0]!.source).toMatchObject({ unreadable: 'gone' });
    const file = video('fine.mp4');
    const opened = openedFiles(
      sized,
      new Map([
        [changed!.id, video('changed.mp4', 12, 1_700_000_000_500)],
        [fine!.id, file],
      ]),
    );
    expect(opened[1]!.source).toMatchObject({ unreadable: 'changed' });
    expect(openedSource(opened[2]!)).toMatchObject({
      data: file,
      name: 'fine.mp4',
      size: 10,
      type: 'video/mp4',
      relativePath: 'Shoot/fine.mp4',
    });
    // Its MIME type is the File's, now that it is opened.
    expect(opened[2]!.meta.mimeType).toBe('video/mp4');
    expect(sized[2]!.meta.mimeType).toBe('application/octet-stream');
  });
});

describe('which staged files get their sessions ready while the owner looks', () => {
  const existing = { fileId: 'f1', displayName: 'a.mp4', sizeInBytes: '10', createdDate: '2026-12-01T00:00:00.000Z' };

  it('a file whose check for duplicates is on its way, or found none, or was chosen to go as a copy: not one already there, nor one not yet read', () => {
    const file = stageOne(picked('a.mp4'));
    expect(preparable(file, { state: 'checking' })).toBe(true);
    expect(preparable(file, { state: 'new' })).toBe(true);
    expect(preparable(file, { state: 'unchecked' })).toBe(true);
    expect(preparable(file, { state: 'exists', existing })).toBe(false);
    expect(preparable({ ...file, uploadAsCopy: true }, { state: 'exists', existing })).toBe(true);
    const [unread] = stageFiles([{ entry: fakeFile(new File(['x'], 'b.mp4')), folderPath: '' }], settings(), []);
    expect(preparable(unread!, undefined)).toBe(false);
  });
});

describe('links typed to import', () => {
  it('makes a file of each link with the settings, and keeps each line that is not a link with why', () => {
    const typed = ' https://example.com/a/clip.mp4 \r\n\r\nwww.example.com/b.mp4\nhttps://example.com/c.png\nhttps://example.com/c.png';
    const { files, problems } = linksToImport(typed, settings({ filePath: 'linked', labels: ['l'], private: true }));
    expect(files.map((file) => [file.source.link, file.meta.displayName, file.meta.filePath, file.meta.private])).toEqual([
      ['https://example.com/a/clip.mp4', 'clip.mp4', '/linked', true],
      ['https://example.com/c.png', 'c.png', '/linked', true],
      ['https://example.com/c.png', 'c.png', '/linked', true],
    ]);
    expect(problems).toEqual([
      {
        line: 'www.example.com/b.mp4',
        kind: 'not-a-link',
        violation: expect.objectContaining({ description: expect.stringContaining('full web address') }),
      },
    ]);
  });

  it('takes at most 100 links at once', () => {
    const typed = Array.from({ length: 101 }, (_, index) => `https://example.com/${index}.png`).join('\n');
    const { files, problems } = linksToImport(typed, settings());
    expect(files).toEqual([]);
    expect(problems).toEqual([{ line: '', kind: 'too-many', given: 101 }]);
  });
});
