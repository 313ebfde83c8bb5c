import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileResumeStore } from '../../src/upload-engine/node/file-resume-store.js';
import type { ResumeRecord } from '../../src/upload-engine/resume/resume-store.js';
import { tempDir } from '../support/local-app.js';

function record(name: string, createdAt: number, extra: Partial<ResumeRecord> = {}): ResumeRecord {
  return {
    fingerprint: JSON.stringify([name, 10, 1, `shoot/day 1/${name}`, '', '/clients']),
    name,
    size: 10,
    lastModified: 1,
    relativePath: `shoot/day 1/${name}`,
    meta: { displayName: name, mimeType: 'video/mp4', labels: ['a'], private: false, filePath: '/clients/shoot/day 1' },
    uploadUrl: 'http://127.0.0.1:5173/upload/tus',
    uploadToken: `token-${name}`,
    tusUrl: `http://127.0.0.1:5173/upload/tus/${name}`,
    createdAt,
    ...extra,
  };
}

describe('FileResumeStore', () => {
  const root = tempDir('rmu-resume-store-');
  let count = 0;
  const freshDir = () => path.join(root, `store-${++count}`);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('saves, finds by fingerprint, replaces, removes; a missing directory holds nothing', () => {
    const store = new FileResumeStore(freshDir());
    expect(store.listUnfinished()).toEqual([]);
    const clip = record('clip.mp4', 2);
    store.save(clip);
    expect(store.get(clip.fingerprint)).toEqual(clip);
    store.save({ ...clip, bytesOnServer: 4, hash: { offset: 4, state: 'AAAA' } });
    expect(store.get(clip.fingerprint)).toMatchObject({ bytesOnServer: 4, hash: { offset: 4, state: 'AAAA' } });
    store.remove(clip.fingerprint);
    expect(store.get(clip.fingerprint)).toBeUndefined();
    store.remove('never saved');
  });

  it('keeps records for another process: a new store over the same directory lists them oldest first', () => {
    const dir = freshDir();
    const first = new FileResumeStore(dir);
    first.save(record('b.mp4', 20));
    first.save(record('a.mp4', 10));
    first.save(record('c.mp4', 30));
    const later = new FileResumeStore(dir);
    expect(later.listUnfinished().map((r) => r.name)).toEqual(['a.mp4', 'b.mp4', 'c.mp4']);
    expect(later.get(record('a.mp4', 10).fingerprint)).toEqual(record('a.mp4', 10));
  });

  it('writes through a temporary file and leaves none behind', () => {
    const dir = freshDir();
    const store = new FileResumeStore(dir);
    for (let size = 0; size < 5; size++) store.save(record('clip.mp4', 1, { bytesOnServer: size }));
    expect(fs.readdirSync(dir)).toHaveLength(1);
    expect(fs.readdirSync(dir)[0]).toMatch(/^[0-9a-f]{64}\.json$/);
  });

  it('ignores corrupt files, records of the wrong shape, a record under another name, and temporary files', () => {
    const dir = freshDir();
    const store = new FileResumeStore(dir);
    const good = record('good.mp4', 1);
    store.save(good);
    const [goodFile] = fs.readdirSync(dir);
    const misplaced = record('misplaced.mp4', 2);
    store.save(misplaced);
    const misplacedFile = fs.readdirSync(dir).find((name) => name !== goodFile)!;
    fs.renameSync(path.join(dir, misplacedFile), path.join(dir, `${'0'.repeat(64)}.json`));
    fs.writeFileSync(path.join(dir, `${'1'.repeat(64)}.json`), '{"fingerprint": "half a rec');
    fs.writeFileSync(path.join(dir, `${'2'.repeat(64)}.json`), JSON.stringify({ fingerprint: 'x', name: 3 }));
    fs.writeFileSync(path.join(dir, `${goodFile}.123.abcd.tmp`), JSON.stringify(record('temp.mp4', 0)));
    fs.mkdirSync(path.join(dir, 'a-folder.json'));

    expect(store.listUnfinished()).toEqual([good]);
    expect(store.get(misplaced.fingerprint)).toBeUndefined();
  });

  it('reads an unreadable record as absent and reports a write it could not make without throwing', () => {
    const blocker = freshDir();
    fs.writeFileSync(blocker, 'a file where the directory should be');
    const errors: unknown[] = [];
    const store = new FileResumeStore(blocker, (error) => errors.push(error));
    store.save(record('clip.mp4', 1));
    expect(errors).toHaveLength(1);
    expect(store.get(record('clip.mp4', 1).fingerprint)).toBeUndefined();
    expect(store.listUnfinished()).toEqual([]);
  });
});
