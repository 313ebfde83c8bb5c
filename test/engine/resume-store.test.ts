import { describe, expect, it } from 'vitest';
import { LocalStorageResumeStore, RESUME_KEY_PREFIX } from '../../src/upload-engine/resume/local-storage-resume-store.js';
import { MemoryResumeStore, type ResumeRecord, type ResumeStore } from '../../src/upload-engine/resume/resume-store.js';
import { FakeStorage } from './support/fake-storage.js';

function record(name: string, createdAt: number, extra: Partial<ResumeRecord> = {}): ResumeRecord {
  return {
    fingerprint: JSON.stringify([name, 10, 1, '', '', '']),
    name,
    size: 10,
    lastModified: 1,
    meta: { displayName: name, mimeType: 'video/mp4', labels: ['a'], private: false, filePath: '/x' },
    uploadUrl: 'https://upload.test/upload/tus',
    uploadToken: `token-${name}`,
    tusUrl: `https://upload.test/upload/tus/${name}`,
    createdAt,
    ...extra,
  };
}

const stores: Array<[string, () => ResumeStore]> = [
  ['MemoryResumeStore', () => new MemoryResumeStore()],
  ['LocalStorageResumeStore', () => new LocalStorageResumeStore(new FakeStorage())],
];

describe.each(stores)('%s', (_name, create) => {
  it('saves, finds by fingerprint, replaces, removes', () => {
    const store = create();
    const clip = record('clip.mp4', 2);
    store.save(clip);
    expect(store.get(clip.fingerprint)).toEqual(clip);
    store.save({ ...clip, tusUrl: 'https://upload.test/upload/tus/other' });
    expect(store.get(clip.fingerprint)?.tusUrl).toBe('https://upload.test/upload/tus/other');
    store.remove(clip.fingerprint);
    expect(store.get(clip.fingerprint)).toBeUndefined();
    store.remove('never saved');
  });

  it('lists unfinished uploads oldest first', () => {
    const store = create();
    store.save(record('b', 20));
    store.save(record('a', 10));
    store.save(record('c', 30));
    expect(store.listUnfinished().map((r) => r.name)).toEqual(['a', 'b', 'c']);
  });
});

describe('LocalStorageResumeStore', () => {
  it('keeps records across instances over the same storage (a reload)', () => {
    const storage = new FakeStorage();
    new LocalStorageResumeStore(storage).save(record('clip.mp4', 1));
    const reloaded = new LocalStorageResumeStore(storage);
    expect(reloaded.listUnfinished()).toEqual([record('clip.mp4', 1)]);
    expect(storage.getItem(RESUME_KEY_PREFIX + record('clip.mp4', 1).fingerprint)).toBe(JSON.stringify(record('clip.mp4', 1)));
  });

  it("ignores other keys, corrupt JSON and records of the wrong shape, and leaves others' keys alone", () => {
    const storage = new FakeStorage();
    storage.setItem('someone-else', 'x');
    storage.setItem(`${RESUME_KEY_PREFIX}broken`, '{not json');
    storage.setItem(`${RESUME_KEY_PREFIX}shape`, JSON.stringify({ fingerprint: 'shape', name: 1 }));
    const misfiled = record('misfiled', 1);
    storage.setItem(`${RESUME_KEY_PREFIX}elsewhere`, JSON.stringify(misfiled));
    const store = new LocalStorageResumeStore(storage);
    store.save(record('good', 5));
    expect(store.listUnfinished().map((r) => r.name)).toEqual(['good']);
    expect(store.get('broken')).toBeUndefined();
    expect(storage.getItem('someone-else')).toBe('x');
  });

  it('goes on when the storage is full or disabled (the upload just cannot survive a reload)', () => {
    const full = new LocalStorageResumeStore(new FakeStorage(0));
    expect(() => full.save(record('a', 1))).not.toThrow();
    expect(full.listUnfinished()).toEqual([]);

    const throwing = {
      length: 0,
      key: () => null,
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const disabled = new LocalStorageResumeStore(throwing);
    expect(() => disabled.save(record('a', 1))).not.toThrow();
    expect(disabled.get('a')).toBeUndefined();
    expect(() => disabled.remove('a')).not.toThrow();
  });

  it('uses a separate key space per prefix, and says so when there is no localStorage', () => {
    const storage = new FakeStorage();
    const one = new LocalStorageResumeStore(storage, 'one/');
    const two = new LocalStorageResumeStore(storage, 'two/');
    one.save(record('a', 1));
    expect(two.listUnfinished()).toEqual([]);
    expect(() => new LocalStorageResumeStore()).toThrow(/no localStorage/);
  });
});
