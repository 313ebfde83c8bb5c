import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualConnectivity } from '../../src/upload-engine/connectivity.js';
import { MemoryResumeStore } from '../../src/upload-engine/resume/resume-store.js';
import { forgettingFileHandles, MemoryFileHandleStore } from '../../src/upload-engine/resume/file-handles.js';
import { reopenFiles } from '../../src/upload-engine/resume/reopen-files.js';
import { UploadQueue } from '../../src/upload-engine/queue/upload-queue.js';
import { uploadFingerprint, withMeta } from '../../src/upload-engine/upload-source.js';
import { fakeSource, FakeBackend, FakeFinalize, ScriptedTransport } from './support/fakes.js';
import { fileOf, LAST_MODIFIED, PlayedFileHandle as PlayedHandle, resumeRecordOf as recordOf } from '../support/played-file-handle.js';

describe('reopening kept files (reopenFiles)', () => {
  beforeEach(() => {
    PlayedHandle.openRequests = 0;
    PlayedHandle.mostOpenRequests = 0;
  });

  it('reads a file still granted without asking, as a source with its handle and its folder path', async () => {
    const record = recordOf('clip.mp4', 10, { relativePath: 'trip/clip.mp4' });
    const handle = new PlayedHandle('clip.mp4', () => fileOf('clip.mp4', 10));
    const [reopened] = await reopenFiles([{ record, handle: handle.asHandle() }]);
    expect(reopened && 'source' in reopened).toBe(true);
    if (!reopened || !('source' in reopened)) return;
    expect(reopened.source).toMatchObject({ name: 'clip.mp4', size: 10, lastModified: LAST_MODIFIED, relativePath: 'trip/clip.mp4' });
    expect(reopened.source.fileHandle).toBe(handle);
    expect(uploadFingerprint(reopened.source, record.meta)).toBe(record.fingerprint);
    expect(handle.requests).toBe(0);
  });

  it('asks the browser once per file that needs it, one question at a time, and reads only those allowed', async () => {
    const allowed = new PlayedHandle('a.mp4', () => fileOf('a.mp4', 10), 'prompt', ['granted']);
    const refused = new PlayedHandle('b.mp4', () => fileOf('b.mp4', 10), 'prompt', ['denied']);
    const blocked = new PlayedHandle('c.mp4', () => fileOf('c.mp4', 10), 'denied');
    const reopened = await reopenFiles([
      { record: recordOf('a.mp4', 10), handle: allowed.asHandle() },
      { record: recordOf('b.mp4', 10), handle: refused.asHandle() },
      { record: recordOf('c.mp4', 10), handle: blocked.asHandle() },
    ]);
    expect(reopened.map((one) => ('source' in one ? 'continued' : one.refusal.kind))).toEqual([
      'continued',
      'permission-denied',
      'permission-denied',
    ]);
    expect([allowed.requests, refused.requests, blocked.requests]).toEqual([1, 1, 0]);
    expect(PlayedHandle.mostOpenRequests).toBe(1);
    expect([refused.reads, blocked.reads]).toEqual([0, 0]);
  });

  it('does not continue a file whose size or modification time changed, and says which', async () => {
    const reopened = await reopenFiles([
      { record: recordOf('grown.mp4', 10), handle: new PlayedHandle('grown.mp4', () => fileOf('grown.mp4', 12)).asHandle() },
      {
        record: recordOf('edited.mp4', 10),
        handle: new PlayedHandle('edited.mp4', () => fileOf('edited.mp4', 10, LAST_MODIFIED + 60_000)).asHandle(),
      },
    ]);
    expect(reopened.map((one) => ('refusal' in one ? one.refusal : undefined))).toEqual([
      { kind: 'changed-size', size: 12 },
      { kind: 'changed-date', lastModified: LAST_MODIFIED + 60_000 },
    ]);
  });

  it('tells a file moved or deleted since from one the browser will not read', async () => {
    const failing = (name: string) => () => {
      throw new DOMException('no', name);
    };
    const reopened = await reopenFiles([
      { record: recordOf('gone.mp4', 10), handle: new PlayedHandle('gone.mp4', failing('NotFoundError')).asHandle() },
      { record: recordOf('locked.mp4', 10), handle: new PlayedHandle('locked.mp4', failing('NotAllowedError')).asHandle() },
      { record: recordOf('odd.mp4', 10), handle: new PlayedHandle('odd.mp4', failing('NotReadableError')).asHandle() },
    ]);
    expect(reopened.map((one) => ('refusal' in one ? one.refusal.kind : 'continued'))).toEqual(['gone', 'permission-denied', 'unreadable']);
  });
});

describe('the queue keeps handles with resume records', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup() {
    const backend = new FakeBackend();
    const transport = new ScriptedTransport();
    const store = new MemoryResumeStore();
    const fileHandles = new MemoryFileHandleStore();
    const queue = new UploadQueue({
      backend,
      transport,
      fetch: new FakeFinalize().fetch,
      connectivity: new ManualConnectivity(true),
      resumeStore: store,
      fileHandles,
      retryDelays: [0],
      statusPollIntervalMs: 1000,
    });
    return { queue, backend, transport, store, fileHandles };
  }
  const settle = () => vi.advanceTimersByTimeAsync(0);

  it('keeps the handle once the upload exists on the server, and drops it with the record when the file is done', async () => {
    const { queue, transport, fileHandles } = setup();
    const handle = new PlayedHandle('clip.mp4', () => fileOf('clip.mp4', 5000)).asHandle();
    const [file] = withMeta([fakeSource('clip.mp4', 5000, { fileHandle: handle })]);
    queue.add([file!]);
    await settle();
    const fingerprint = uploadFingerprint(file!.source, file!.meta);
    expect(await fileHandles.all()).toEqual(new Map());
    transport.of('clip.mp4').url().progress(1000);
    await settle();
    expect(await fileHandles.all()).toEqual(new Map([[fingerprint, handle]]));
    transport.of('clip.mp4').complete();
    await settle();
    expect(await fileHandles.all()).toEqual(new Map());
    await queue.dispose();
  });

  it('lists the unfinished uploads with a handle, drops handles whose record is gone, and forgets one with its handle', async () => {
    const { queue, store, fileHandles } = setup();
    const kept = recordOf('kept.mp4', 10);
    const repick = recordOf('repick.mp4', 10);
    store.save(kept);
    store.save(repick);
    const handle = new PlayedHandle('kept.mp4', () => fileOf('kept.mp4', 10)).asHandle();
    await fileHandles.save(kept.fingerprint, handle);
    await fileHandles.save('finished elsewhere', handle);
    expect(await queue.keptUploads()).toEqual([{ record: kept, handle }]);
    expect([...(await fileHandles.all()).keys()]).toEqual([kept.fingerprint]);
    await queue.forgetUnfinished(kept.fingerprint);
    expect(await fileHandles.all()).toEqual(new Map());
    await queue.dispose();
  });

  it('continues the unchanged files from their stored upload and leaves a changed one unfinished, with why', async () => {
    const { queue, backend, transport, store, fileHandles } = setup();
    const same = recordOf('same.mp4', 5000);
    const changed = recordOf('changed.mp4', 5000);
    store.save(same);
    store.save(changed);
    await fileHandles.save(
      same.fingerprint,
      new PlayedHandle('same.mp4', () => fileOf('same.mp4', 5000), 'prompt', ['granted']).asHandle(),
    );
    await fileHandles.save(changed.fingerprint, new PlayedHandle('changed.mp4', () => fileOf('changed.mp4', 4000)).asHandle());

    const continuing = queue.continueFromHandles(await queue.keptUploads());
    await vi.advanceTimersByTimeAsync(10);
    const outcomes = await continuing;
    expect(outcomes.map((one) => ('refusal' in one ? one.refusal.kind : 'continued'))).toEqual(['continued', 'changed-size']);
    await settle();
    expect(backend.sessionRequests).toEqual([]);
    expect(transport.of('same.mp4').request.resumeUrl).toBe(same.tusUrl);
    expect(queue.getSnapshot().items.map((item) => [item.name, item.resumed])).toEqual([['same.mp4', true]]);
    expect(queue.unfinishedUploads()).toEqual([changed]);

    // A second Continue (a double click) does not reopen or add the file already going.
    expect(await queue.continueFromHandles(await queue.keptUploads())).toHaveLength(1);
    expect(queue.getSnapshot().items).toHaveLength(1);
    await queue.dispose();
  });

  it('a store without handles keeps records as before', () => {
    const store = new MemoryResumeStore();
    const handles = new MemoryFileHandleStore();
    const wrapped = forgettingFileHandles(store, handles);
    const record = recordOf('a.mp4', 10);
    wrapped.save(record);
    expect(wrapped.get(record.fingerprint)).toEqual(record);
    expect(wrapped.listUnfinished()).toEqual([record]);
    wrapped.remove(record.fingerprint);
    expect(store.get(record.fingerprint)).toBeUndefined();
  });
});
