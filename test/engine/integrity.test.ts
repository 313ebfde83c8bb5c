import { describe, expect, it, vi } from 'vitest';
import crypto from 'node:crypto';
import { MemoryResumeStore } from '../../src/upload-engine/resume/resume-store.js';
import { UploadQueue } from '../../src/upload-engine/queue/upload-queue.js';
import { ManualConnectivity } from '../../src/upload-engine/connectivity.js';
import { withMeta } from '../../src/upload-engine/upload-source.js';
import fs from 'node:fs';
import path from 'node:path';
import { type HashProgress, RunningMd5 } from '../../src/upload-engine/run/integrity.js';
import { type FileToHash, md5OnThisThread } from '../../src/upload-engine/md5/md5-hashing.js';
import { tempDir } from '../support/local-app.js';
import { nodeMd5Thread } from '../../src/upload-engine/node/node-md5-thread.js';
import { fakeSource, FakeBackend, FakeFinalize, ScriptedTransport, UPLOAD_URL } from './support/fakes.js';
import {
  HASH_HISTORY_KEY,
  HASH_NOT_MD5_NOTICE,
  MemoryHashHistory,
  StorageHashHistory,
  type HashHistoryStore,
} from '../../src/upload-engine/run/arrival-check.js';

const md5 = (bytes: Buffer) => crypto.createHash('md5').update(bytes).digest('hex');

/** A file of `size` random bytes whose reads are recorded, as [start, end) ranges. */
function fileOf(name: string, size: number) {
  const bytes = crypto.randomBytes(size);
  const reads: Array<[number, number]> = [];
  const source = fakeSource(name, size, {
    read: async (start: number, end: number) => {
      reads.push([start, end]);
      return new Uint8Array(bytes.subarray(start, end));
    },
  });
  return { bytes, reads, source };
}

/** Hashing runs on real promises (WebAssembly) and yields with real timers: wait for its effects. */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 30_000, interval: 5 });
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function setup(store = new MemoryResumeStore(), hashHistory: HashHistoryStore = new MemoryHashHistory()) {
  const backend = new FakeBackend();
  const transport = new ScriptedTransport();
  const finalize = new FakeFinalize();
  const queue = new UploadQueue({
    backend,
    transport,
    fetch: finalize.fetch,
    connectivity: new ManualConnectivity(true),
    resumeStore: store,
    retryDelays: [0],
    statusPollIntervalMs: 1000,
    hashHistory,
  });
  const item = (id: string) => queue.getItem(id)!;
  return { queue, backend, transport, finalize, store, item };
}

const answered = (hash: string | undefined, sizeInBytes?: number) => ({
  status: 200,
  body: {
    file: {
      id: 'file-1',
      url: 'https://static.test/file-1',
      hash,
      sizeInBytes: sizeInBytes === undefined ? undefined : String(sizeInBytes),
    },
  },
});
/** A site on which a file's hash was seen to be its md5. */
const md5Site = () => {
  const history = new MemoryHashHistory();
  history.write({ matched: true, unexplained: 0 });
  return history;
};

describe('end-to-end integrity: the md5 of the file against the hash of what arrived', () => {
  it('marks a file verified when the hash of what arrived is its md5, reading each byte of it once', async () => {
    const { queue, transport, finalize, item } = setup();
    const file = fileOf('a.bin', 10 * 1024 * 1024);
    finalize.answers.push(answered(md5(file.bytes)));
    const [a] = queue.add(withMeta([file.source]));
    await settle();
    transport
      .of('a.bin')
      .url()
      .accept(4 * 1024 * 1024)
      .accept(8 * 1024 * 1024);
    await settle();
    transport.of('a.bin').complete();
    await eventually(() => expect(item(a!.id)).toMatchObject({ state: 'processing', verified: true }));
    const read = file.reads.reduce((sum, [start, end]) => sum + (end - start), 0);
    expect(read).toBe(file.bytes.length);
    expect(file.reads[0]![0]).toBe(0);
    await queue.dispose();
  });

  it('on a site whose hashes are md5s, removes a copy whose md5 differs and fails it; a retry sends it again on a new session', async () => {
    const { queue, backend, transport, finalize, item } = setup(new MemoryResumeStore(), md5Site());
    const file = fileOf('b.bin', 300_000);
    finalize.answers.push(answered('0'.repeat(32), 300_000), answered(md5(file.bytes), 300_000));
    const [b] = queue.add(withMeta([file.source]));
    await settle();
    transport.of('b.bin').url().complete();
    await eventually(() => expect(item(b!.id).state).toBe('failed'));
    expect(item(b!.id)).toMatchObject({
      state: 'failed',
      error: {
        code: 'INTEGRITY',
        fatal: false,
        message: 'The file that arrived differs from yours (another md5). It was removed: retry to send it again.',
      },
    });
    expect(backend.discarded).toEqual([{ fileId: 'file-1', expected: { sizeInBytes: '300000', md5: md5(file.bytes) } }]);
    expect(backend.recorded).toEqual([]);
    expect(item(b!.id).actions.retry).toBe(true);

    queue.retry(b!.id);
    await eventually(() => expect(transport.transfers).toHaveLength(2));
    expect(backend.sessionRequests).toHaveLength(2);
    expect(transport.of('b.bin').request.resumeUrl).toBeUndefined();
    transport.of('b.bin').url().complete();
    await eventually(() => expect(item(b!.id)).toMatchObject({ state: 'processing', verified: true }));
    // The file's md5 was kept: the retry did not read the file again.
    expect(file.reads.reduce((sum, [start, end]) => sum + (end - start), 0)).toBe(300_000);
    await queue.dispose();
  });

  it('removes a copy of another size whatever its hash, and fails it with both sizes', async () => {
    const { queue, backend, transport, finalize, item } = setup();
    const file = fileOf('short.bin', 5000);
    finalize.answers.push(answered(undefined, 4096));
    const [added] = queue.add(withMeta([file.source]));
    await settle();
    transport.of('short.bin').url().complete();
    await eventually(() => expect(item(added!.id).state).toBe('failed'));
    expect(item(added!.id).error?.message).toBe(
      'The file that arrived has 4096 bytes; yours has 5000. It was removed: retry to send it again.',
    );
    expect(backend.discarded.map((one) => one.fileId)).toEqual(['file-1']);
    await queue.dispose();
  });

  it('keeps one copy and stops, recorded, when the backend cannot remove it (a visitor may not)', async () => {
    const { queue, backend, transport, finalize, item } = setup(new MemoryResumeStore(), md5Site());
    (backend as { discardArrivedCopy?: unknown }).discardArrivedCopy = undefined;
    const file = fileOf('kept.bin', 2000);
    finalize.answers.push(answered('1'.repeat(32), 2000));
    const [added] = queue.add(withMeta([file.source]));
    await settle();
    transport.of('kept.bin').url().complete();
    await eventually(() => expect(item(added!.id).state).toBe('failed'));
    expect(item(added!.id).error).toMatchObject({
      code: 'INTEGRITY',
      fatal: true,
      message: expect.stringContaining('kept as it arrived and not sent again'),
    });
    expect(backend.recorded).toEqual(['file-1']);
    expect(item(added!.id).actions.retry).toBe(true);
    expect(queue.getSnapshot().actions.retryFailed).toBe(false);
    await queue.dispose();
  });

  it.each([
    ['absent', undefined],
    ['another digest (SHA-256)', 'a'.repeat(64)],
    ['not hex', 'not-a-hash-at-all-but-32-chars!!'],
  ])('compares no hash that is not an md5 (%s): the size is checked, and the item says so', async (_what, hash) => {
    const { queue, transport, finalize, item } = setup();
    const file = fileOf('sized.bin', 1234);
    finalize.answers.push(answered(hash, 1234));
    const [added] = queue.add(withMeta([file.source]));
    await settle();
    transport.of('sized.bin').url().complete();
    await eventually(() => expect(item(added!.id).state).toBe('processing'));
    expect(item(added!.id)).toMatchObject({ verified: undefined, integrityNote: 'Checked by its size: Wix gave no md5 of the file.' });
    await queue.dispose();
  });

  it('keeps copies whose md5-shaped hash never matches while sizes do; the second time, the site is checked by size, said once, and remembered', async () => {
    const history = new MemoryHashHistory();
    const { queue, backend, transport, finalize, item } = setup(new MemoryResumeStore(), history);
    const first = fileOf('one.bin', 100);
    const second = fileOf('two.bin', 200);
    finalize.answers.push(answered('1'.repeat(32), 100), answered('2'.repeat(32), 200));
    const [one] = queue.add(withMeta([first.source]));
    await settle();
    transport.of('one.bin').url().complete();
    await eventually(() => expect(item(one!.id).state).toBe('processing'));
    expect(item(one!.id).integrityNote).toMatch(/^Checked by its size: Wix's checksum of it is not the md5 of your file/);
    expect(queue.getSnapshot().notices).toEqual([]);
    const [two] = queue.add(withMeta([second.source]));
    await settle();
    transport.of('two.bin').url().complete();
    await eventually(() => expect(item(two!.id).state).toBe('processing'));
    expect(queue.getSnapshot().notices).toEqual([{ kind: 'hash-not-md5', message: HASH_NOT_MD5_NOTICE }]);
    expect(backend.discarded).toEqual([]);
    expect(backend.recorded).toEqual(['file-1', 'file-1']);
    expect(backend.sessionRequests).toHaveLength(2);
    await queue.dispose();
    // The next page on this site knows it from the start.
    expect(setup(new MemoryResumeStore(), history).queue.getSnapshot().notices).toEqual([
      { kind: 'hash-not-md5', message: HASH_NOT_MD5_NOTICE },
    ]);
  });

  it('hashes the file a little ahead of the bytes sent, a step at a time, before the server confirms them, and keeps how far it got', async () => {
    const store = new MemoryResumeStore();
    const { queue, transport } = setup(store);
    const file = fileOf('sent.bin', 40 * 1024 * 1024);
    queue.add(withMeta([file.source]));
    await settle();
    const transfer = transport.of('sent.bin').url(`${UPLOAD_URL}/tus-sent`);
    for (let sent = 64 * 1024; sent <= 6 * 1024 * 1024; sent += 64 * 1024) transfer.progress(sent);
    await eventually(() => expect(store.listUnfinished()[0]?.hash?.offset).toBeGreaterThanOrEqual(10 * 1024 * 1024));
    await settle();
    const hashed = store.listUnfinished()[0]!.hash!.offset;
    expect(hashed).toBeLessThanOrEqual(14 * 1024 * 1024);
    expect(file.reads.reduce((sum, [start, end]) => sum + (end - start), 0)).toBe(hashed);
    await queue.dispose();
  });

  it('continues the md5 of a resumed upload from the stored progress, never reading the hashed part again', async () => {
    const store = new MemoryResumeStore();
    const first = setup(store);
    const file = fileOf('c.bin', 12 * 1024 * 1024);
    const [c] = first.queue.add(withMeta([file.source]));
    await settle();
    first.transport
      .of('c.bin')
      .url(`${UPLOAD_URL}/tus-c`)
      .accept(8 * 1024 * 1024);
    await settle();
    await eventually(() => expect(store.listUnfinished()[0]?.hash?.offset).toBe(8 * 1024 * 1024));
    await first.queue.pause(c!.id);
    await first.queue.dispose();

    // After a reload: a new queue, the same store, the file chosen again.
    const later = setup(store);
    later.finalize.answers.push(answered(md5(file.bytes)));
    const again = fileOf('c.bin', 0);
    const readsBefore = file.reads.length;
    const resumed = later.queue.resumeUpload(file.source, later.queue.unfinishedUploadOf(file.source)!);
    await settle();
    later.transport.of('c.bin').complete();
    await eventually(() => expect(later.item(resumed.id)).toMatchObject({ state: 'processing', verified: true }));
    const readAfter = file.reads.slice(readsBefore);
    expect(Math.min(...readAfter.map(([start]) => start))).toBe(8 * 1024 * 1024);
    expect(again.reads).toEqual([]);
    await later.queue.dispose();
  });

  it('leaves a file unverified, not failed, when Wix gives no hash', async () => {
    const { queue, transport, item } = setup();
    const file = fileOf('d.bin', 1000);
    const [d] = queue.add(withMeta([file.source]));
    await settle();
    transport.of('d.bin').url().complete();
    await eventually(() => expect(item(d!.id).state).toBe('processing'));
    expect(item(d!.id).verified).toBeUndefined();
    await queue.dispose();
  });
});

/** A file on disk, as both sides read it: this thread through `read` (each read's start recorded), a worker by its path. */
function fileOnDisk(dir: string, name: string, bytes: Buffer): FileToHash & { reads: number[] } {
  const filePath = path.join(dir, name);
  fs.writeFileSync(filePath, bytes);
  const reads: number[] = [];
  return {
    reads,
    workerReadable: filePath,
    read: async (start, end) => {
      reads.push(start);
      return new Uint8Array(fs.readFileSync(filePath).subarray(start, end));
    },
  };
}

describe.each([
  ['on this thread', () => md5OnThisThread],
  ['on a worker thread', () => nodeMd5Thread()],
])('RunningMd5 %s', (where, hashingOf) => {
  const dir = tempDir('rmu-md5-');

  it('equals the md5 of the whole file however its progress was split, saved and loaded', async () => {
    const hashing = hashingOf();
    const bytes = crypto.randomBytes(9 * 1024 * 1024 + 17);
    const file = fileOnDisk(dir, 'split.bin', bytes);
    let saved: HashProgress | undefined;
    const first = await RunningMd5.start(hashing, file, undefined, (progress) => (saved = progress));
    first.advanceTo(5 * 1024 * 1024 + 3);
    await eventually(() => expect(saved?.offset).toBe(5 * 1024 * 1024 + 3));
    const second = await RunningMd5.start(hashing, file, saved, () => undefined);
    expect(second.offset).toBe(5 * 1024 * 1024 + 3);
    expect(await second.digest(bytes.length)).toBe(md5(bytes));
    // The worker reads the file itself: the thread that sends reads nothing.
    if (where === 'on a worker thread') expect(file.reads).toEqual([]);
    else expect(file.reads[0]).toBe(0);
    hashing.dispose();
  });

  it('continues a state saved on the other side: the worker and this thread run the same hasher', async () => {
    const hashing = hashingOf();
    const other = hashing === md5OnThisThread ? nodeMd5Thread() : md5OnThisThread;
    const bytes = crypto.randomBytes(3 * 1024 * 1024);
    const file = fileOnDisk(dir, 'across.bin', bytes);
    let saved: HashProgress | undefined;
    (await RunningMd5.start(hashing, file, undefined, (progress) => (saved = progress))).advanceTo(1_000_001);
    await eventually(() => expect(saved?.offset).toBe(1_000_001));
    const continued = await RunningMd5.start(other, file, saved, () => undefined);
    expect(continued.offset).toBe(1_000_001);
    expect(await continued.digest(bytes.length)).toBe(md5(bytes));
    hashing.dispose();
    other.dispose();
  });

  it('starts over from the first byte when the saved state is not one it can load', async () => {
    const hashing = hashingOf();
    const bytes = crypto.randomBytes(100_000);
    const file = fileOnDisk(dir, 'unloadable.bin', bytes);
    const md5Run = await RunningMd5.start(hashing, file, { offset: 50_000, state: btoa('not a state') }, () => undefined);
    expect(md5Run.offset).toBe(0);
    expect(await md5Run.digest(bytes.length)).toBe(md5(bytes));
    hashing.dispose();
  });

  it('leaves the file unverified when it is shorter than when it was chosen', async () => {
    const hashing = hashingOf();
    const file = fileOnDisk(dir, 'shortened.bin', crypto.randomBytes(5_000));
    const md5Run = await RunningMd5.start(hashing, file, undefined, () => undefined);
    expect(await md5Run.digest(10_000)).toBeUndefined();
    hashing.dispose();
  });
});

describe('where what a site’s hashes are is kept', () => {
  it('outlives a reload in localStorage and a run in a file; what it cannot read is nothing seen', async () => {
    const { FakeStorage } = await import('./support/fake-storage.js');
    const { FileHashHistory } = await import('../../src/upload-engine/node/file-hash-history.js');
    const storage = new FakeStorage();
    new StorageHashHistory(storage).write({ matched: false, unexplained: 2 });
    expect(new StorageHashHistory(storage).read()).toEqual({ matched: false, unexplained: 2 });
    storage.setItem(HASH_HISTORY_KEY, '{"matched":"yes"}');
    expect(new StorageHashHistory(storage).read()).toEqual({ matched: false, unexplained: 0 });

    const file = path.join(tempDir('rmu-hash-history-'), 'target', 'hash-history.json');
    expect(new FileHashHistory(file).read()).toEqual({ matched: false, unexplained: 0 });
    new FileHashHistory(file).write({ matched: true, unexplained: 0 });
    expect(new FileHashHistory(file).read()).toEqual({ matched: true, unexplained: 0 });
  });
});
