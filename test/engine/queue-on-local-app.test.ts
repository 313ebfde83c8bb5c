import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualConnectivity } from '../../src/upload-engine/connectivity.js';
import { LocalStorageResumeStore } from '../../src/upload-engine/resume/local-storage-resume-store.js';
import { sourceFromPath } from '../../src/upload-engine/node/node-source.js';
import type { ResumeStore } from '../../src/upload-engine/resume/resume-store.js';
import { createTusTransport } from '../../src/upload-engine/tus-transport.js';
import type { UploadBackend } from '../../src/upload-engine/upload-backend.js';
import type { FetchLike } from '../../src/upload-engine/run/finalize.js';
import type { UploadItem, UploadItemState } from '../../src/upload-engine/queue/upload-item.js';
import { UploadQueue } from '../../src/upload-engine/queue/upload-queue.js';
import { startTestApp, tempDir } from '../support/local-app.js';
import { md5OfUrl, writeRandomFile } from '../support/files.js';
import { callWebMethod, waitFor } from '../support/wix-http.js';
import type { UploadStatusReport } from '../../src/shared/upload-methods.js';
import { FakeStorage } from './support/fake-storage.js';
import { httpBackend } from './support/http-backend.js';
import { RecordingHttpStack, type RecordedRequest } from './support/recording-http-stack.js';
import { withMeta } from '../../src/upload-engine/upload-source.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

const MIB = 1024 * 1024;
const CHUNK = 2 * MIB;

describe('the upload engine on the real local app', () => {
  let app: App;
  let token: string;
  const dir = tempDir('rmu-engine-');
  const queues: UploadQueue[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    token = await app.issueToken('USER');
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.dispose()));
  });
  afterAll(() => app.close());

  function makeQueue(
    options: {
      stack?: RecordingHttpStack;
      backend?: UploadBackend;
      resumeStore?: ResumeStore;
      connectivity?: ManualConnectivity;
      fetch?: FetchLike;
    } = {},
  ) {
    const stack = options.stack ?? new RecordingHttpStack();
    const backend = options.backend ?? httpBackend(app.url, token);
    const connectivity = options.connectivity ?? new ManualConnectivity(true);
    const queue = new UploadQueue({
      backend,
      transport: createTusTransport({ chunkSize: CHUNK, retryDelays: [0, 50, 100], connectivity, httpStack: stack }),
      connectivity,
      resumeStore: options.resumeStore,
      fetch: options.fetch,
      retryDelays: [0, 50, 100],
      statusPollIntervalMs: 50,
      progressIntervalMs: 50,
    });
    queues.push(queue);
    return { queue, stack, backend, connectivity };
  }

  function until(queue: UploadQueue, id: string, states: UploadItemState[], timeoutMs = 20_000): Promise<UploadItem> {
    return waitFor(
      async () => {
        const item = queue.getItem(id);
        return item && states.includes(item.state) ? item : undefined;
      },
      `${id} to be ${states.join(' or ')}`,
      timeoutMs,
    );
  }

  /** Runs `action` once, when the n-th PATCH answer arrives (before tus-js-client sees it). */
  function onPatch(stack: RecordingHttpStack, n: number, action: (request: RecordedRequest) => void): void {
    let patches = 0;
    stack.afterResponse = (request) => {
      if (request.method === 'PATCH' && ++patches === n) action(request);
    };
  }

  it('uploads files from disk three at a time, to READY, byte for byte', async () => {
    const { queue, stack } = makeQueue();
    const files = [
      writeRandomFile(dir, 'one.bin', 5 * MIB + 3),
      writeRandomFile(dir, 'two.bin', 1),
      writeRandomFile(dir, 'three.bin', 3 * MIB),
      writeRandomFile(dir, 'four.bin', 700 * 1024),
    ];
    const items = queue.add(
      withMeta(
        files.map((file, index) => sourceFromPath(file.path, '', { relativePath: index === 0 ? `shoot/raw/one.bin` : undefined })),
        { labels: ['engine'] },
      ),
    );
    expect(queue.getSnapshot().totals.count).toMatchObject({ uploading: 3, queued: 1 });
    for (const [index, item] of items.entries()) {
      const ready = await until(queue, item.id, ['ready', 'failed']);
      expect(ready.error).toBeUndefined();
      expect(ready).toMatchObject({ state: 'ready', size: fs.statSync(files[index]!.path).size });
      expect(ready.bytesUploaded).toBe(ready.size);
      expect(ready.fileId).toMatch(/~mv2\.bin$/);
      expect(await md5OfUrl(ready.url)).toBe(files[index]!.md5);
    }
    const bytesTotal = 8 * MIB + 4 + 700 * 1024;
    expect(queue.getSnapshot().totals).toMatchObject({ files: 4, bytesTotal, bytesUploaded: bytesTotal });
    expect(stack.count('POST')).toBe(4);
    const folders = await fetch(`${app.url}/site-media/v1/folders`, { headers: { Authorization: token } }).then((r) => r.json());
    expect((folders as { folders: { displayName: string }[] }).folders.map((f) => f.displayName)).toContain('shoot');
  });

  it('makes a dropped tree deeper than filePath allows once per folder, files racing for one folder sharing its creation', async () => {
    const { queue, backend } = makeQueue();
    const depth = 40;
    const levels = Array.from({ length: depth }, (_, level) => `level-${level + 1}`);
    // 3 files in each of the 40 folders, all added at once: the first files of a folder race for it.
    const sources = levels.flatMap((_, level) =>
      [1, 2, 3].map((n) => {
        const file = writeRandomFile(dir, `deep-${level}-${n}.bin`, 16);
        return sourceFromPath(file.path, '', { relativePath: `${['archive', ...levels.slice(0, level + 1)].join('/')}/f${n}.bin` });
      }),
    );
    expect(`/archive/${levels.join('/')}`.length).toBeGreaterThan(100);
    const items = queue.add(withMeta(sources));
    expect(items.filter((item) => item.state === 'failed')).toEqual([]);
    for (const item of items) expect((await until(queue, item.id, ['ready', 'failed'], 60_000)).error).toBeUndefined();
    expect(queue.getSnapshot().folders).toEqual([
      { name: 'archive', files: 120, ready: 120, notSent: 0, bytesTotal: 120 * 16, bytesUploaded: 120 * 16, state: 'done' },
    ]);

    // One call per folder (archive and its 40 levels), whatever the number of files in each.
    expect((backend as ReturnType<typeof httpBackend>).calls.createFolderPath).toBe(depth + 1);
    // The Media Manager holds the tree once, each file in its own folder.
    const fileIds = items.map((item) => queue.getItem(item.id)!.fileId!);
    const folderOfFile = new Map<string, string | undefined>();
    for (let start = 0; start < fileIds.length; start += 50) {
      const { body } = await callWebMethod<{ ok: true; reports: UploadStatusReport[] }>(
        app.url,
        token,
        'getUploadStatus',
        fileIds.slice(start, start + 50),
      );
      for (const report of body.result.reports) folderOfFile.set(report.fileId, report.parentFolderId);
    }
    let parent = 'media-root';
    for (const [level, name] of ['archive', ...levels].entries()) {
      const { body } = await callWebMethod<{ ok: true; folders: { id: string; displayName: string }[] }>(
        app.url,
        token,
        'listFolders',
        parent,
      );
      const named = body.result.folders.filter((folder) => folder.displayName === name);
      expect(named, name).toHaveLength(1);
      parent = named[0]!.id;
      if (level > 0) {
        const inIt = items.filter((item) => item.meta.filePath === `/${['archive', ...levels.slice(0, level)].join('/')}`);
        expect(inIt).toHaveLength(3);
        for (const item of inIt) expect(folderOfFile.get(queue.getItem(item.id)!.fileId!)).toBe(parent);
      }
    }
  }, 120_000);

  it('answers parallel requests for one new folder path with one folder', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        callWebMethod<{ ok: boolean; folderId?: string }>(app.url, token, 'createFolderPath', undefined, '/race/a/b'),
      ),
    );
    const ids = new Set(answers.map(({ body }) => body.result.folderId));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toBeTruthy();
    const { body } = await callWebMethod<{ ok: true; folders: { displayName: string }[] }>(app.url, token, 'listFolders', 'media-root');
    expect(body.result.folders.filter((folder) => folder.displayName === 'race')).toHaveLength(1);
  });

  it('finalizes through the backend when its own finalize PUT gets no answer (a cross-origin refusal looks the same)', async () => {
    const backend = httpBackend(app.url, token);
    const refusedPuts: string[] = [];
    const fetchWithoutCors: FetchLike = async (url, init) => {
      if (init.method === 'PUT') {
        refusedPuts.push(url);
        throw new TypeError('Failed to fetch');
      }
      return fetch(url, init);
    };
    const { queue } = makeQueue({ backend, fetch: fetchWithoutCors });
    const file = writeRandomFile(dir, 'cors.bin', 300 * 1024);
    const [item] = queue.add(withMeta([sourceFromPath(file.path, '')]));
    const ready = await until(queue, item!.id, ['ready', 'failed']);
    expect(ready.error).toBeUndefined();
    expect(ready.state).toBe('ready');
    expect(refusedPuts).toHaveLength(1);
    expect(backend.calls.finalizeUploadFromServer).toBe(1);
    expect(await md5OfUrl(ready.url)).toBe(file.md5);
  });

  it('pauses mid-upload and resumes from the server offset, sending only the rest', async () => {
    const file = writeRandomFile(dir, 'paused.bin', 16 * MIB);
    const { queue, stack } = makeQueue();
    let id = '';
    onPatch(stack, 3, () => void queue.pause(id));
    id = queue.add(withMeta([sourceFromPath(file.path)]))[0]!.id;
    const paused = await until(queue, id, ['paused', 'failed']);
    expect(paused).toMatchObject({ state: 'paused', pauseReason: 'user' });
    // paused as the third PATCH's answer arrived, before tus-js-client read it: the item may show less than the server has
    expect(paused.bytesUploaded).toBeLessThanOrEqual(3 * CHUNK);

    stack.afterResponse = undefined;
    const before = stack.requests.length;
    queue.resume(id);
    const ready = await until(queue, id, ['ready', 'failed']);
    expect(ready).toMatchObject({ state: 'ready', bytesUploaded: 16 * MIB });
    const after = stack.requests.slice(before);
    expect(after[0]).toMatchObject({ method: 'HEAD', status: 200, uploadOffset: 3 * CHUNK });
    expect(after.filter((r) => r.method === 'POST')).toEqual([]);
    expect(stack.bytesSent(before)).toBe(16 * MIB - 3 * CHUNK);
    expect(await md5OfUrl(ready.url)).toBe(file.md5);
  });

  it('resumes after a reload: a new queue, the persisted record, the same file selected again', async () => {
    const file = writeRandomFile(dir, 'reloaded.bin', 12 * MIB);
    const storage = new FakeStorage();
    const first = makeQueue({ resumeStore: new LocalStorageResumeStore(storage) });
    onPatch(first.stack, 2, () => void first.queue.dispose()); // the tab closes
    const [started] = first.queue.add(withMeta([sourceFromPath(file.path, 'application/octet-stream')], { labels: ['reload'] }));
    expect(started!.state).toBe('uploading');
    const patches = () => first.stack.requests.filter((r) => r.method === 'PATCH');
    // The second PATCH's answer, however slow the machine: what the server holds when the tab is gone.
    const offset = await waitFor(async () => (patches().length >= 2 ? patches()[1]?.uploadOffset : undefined), 'the second PATCH answered');
    expect(offset).toBe(2 * CHUNK);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(patches()).toHaveLength(2);

    const store = new LocalStorageResumeStore(storage);
    const [unfinished] = store.listUnfinished();
    expect(unfinished).toMatchObject({ name: 'reloaded.bin', size: 12 * MIB, meta: { labels: ['reload'] } });
    expect(unfinished!.tusUrl).toMatch(new RegExp(`^${app.url}/upload/tus/`));

    const backend = httpBackend(app.url, token);
    const second = makeQueue({ resumeStore: store, backend });
    expect(second.queue.unfinishedUploads().map((record) => record.name)).toEqual(['reloaded.bin']);
    const again = sourceFromPath(file.path, 'application/octet-stream');
    const resumed = second.queue.resumeUpload(again, second.queue.unfinishedUploadOf(again)!);
    expect(second.queue.unfinishedUploads()).toEqual([]);
    expect(resumed).toMatchObject({ resumed: true, meta: { labels: ['reload'] } });
    const ready = await until(second.queue, resumed!.id, ['ready', 'failed']);
    expect(ready.error).toBeUndefined();
    expect(backend.calls.createUploadSession).toBeUndefined();
    expect(second.stack.requests[0]).toMatchObject({ method: 'HEAD', url: unfinished!.tusUrl, uploadOffset: 2 * CHUNK });
    expect(second.stack.bytesSent()).toBe(12 * MIB - 2 * CHUNK);
    expect(await md5OfUrl(ready.url)).toBe(file.md5);
    expect(store.listUnfinished()).toEqual([]);
  });

  it('lists an unfinished upload with what the server holds now, more than its record when the page closed mid-request', async () => {
    const file = writeRandomFile(dir, 'listed.bin', 12 * MIB);
    const storage = new FakeStorage();
    const first = makeQueue({ resumeStore: new LocalStorageResumeStore(storage) });
    onPatch(first.stack, 2, () => void first.queue.dispose()); // closed as the second request's answer came
    first.queue.add(withMeta([sourceFromPath(file.path, 'application/octet-stream')]));
    const patches = () => first.stack.requests.filter((r) => r.method === 'PATCH');
    await waitFor(async () => (patches().length >= 2 ? patches()[1]?.uploadOffset : undefined), 'the second PATCH answered');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const store = new LocalStorageResumeStore(storage);
    expect(store.listUnfinished()[0]?.bytesOnServer ?? 0).toBeLessThan(2 * CHUNK);

    const second = makeQueue({ resumeStore: store });
    const [listed] = await second.queue.unfinishedUploadsAsOnServer();
    expect(listed).toMatchObject({ name: 'listed.bin', bytesOnServer: 2 * CHUNK });
    expect(second.stack.requests.map((r) => [r.method, r.status])).toEqual([['HEAD', 200]]);
    expect(store.listUnfinished()[0]?.bytesOnServer).toBe(2 * CHUNK);
  });

  it('records a finalized upload whose record the page never sent (closed in between) when the page comes back, without the file', async () => {
    const file = writeRandomFile(dir, 'closed-early.bin', 2 * MIB);
    const storage = new FakeStorage();
    const working = httpBackend(app.url, token);
    // The tab closes after the finalize, while its record is on its way.
    const neverAnswers: UploadBackend = { ...httpBackend(app.url, token), recordUpload: () => new Promise(() => undefined) };
    const first = makeQueue({ backend: neverAnswers, resumeStore: new LocalStorageResumeStore(storage) });
    const [item] = first.queue.add(withMeta([sourceFromPath(file.path, 'application/octet-stream')]));
    const finalized = await waitFor(async () => first.queue.getItem(item!.id)?.fileId, 'the finalize');
    await first.queue.dispose();
    const log = async () =>
      (await working.getUploadStatus([finalized])).ok
        ? (await callWebMethod<UploadStatusReport[]>(app.url, token, 'listRecentUploads', 100)).body.result.filter(
            (r) => r.fileId === finalized,
          )
        : [];
    expect(await log()).toEqual([]);

    const store = new LocalStorageResumeStore(storage);
    const second = makeQueue({ resumeStore: store, backend: working });
    // Nothing for the user to select again: the bytes are all there.
    expect(second.queue.unfinishedUploads()).toEqual([]);
    await waitFor(async () => ((await log()).length === 1 ? true : undefined), 'the upload logged');
    expect((await log())[0]).toMatchObject({ fileId: finalized, displayName: 'closed-early.bin' });
    await waitFor(async () => (store.listUnfinished().length === 0 ? true : undefined), 'the record gone');
    expect(working.calls.createUploadSession).toBeUndefined();
  });

  it('starts over with a new session when the stored upload no longer exists on the server', async () => {
    const file = writeRandomFile(dir, 'gone.bin', 3 * MIB);
    const storage = new FakeStorage();
    const first = makeQueue({ resumeStore: new LocalStorageResumeStore(storage) });
    onPatch(first.stack, 1, () => void first.queue.dispose());
    first.queue.add(withMeta([sourceFromPath(file.path)]));
    await waitFor(async () => (first.stack.count('PATCH') >= 1 ? true : undefined), 'a PATCH');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [record] = new LocalStorageResumeStore(storage).listUnfinished();
    expect(record?.tusUrl).toBeDefined();
    // the upload is deleted behind our back (e.g. cancelled from another tab)
    const deleted = await fetch(record!.tusUrl!, { method: 'DELETE', headers: { 'Tus-Resumable': '1.0.0' } });
    expect(deleted.status).toBe(204);

    const backend = httpBackend(app.url, token);
    const second = makeQueue({ resumeStore: new LocalStorageResumeStore(storage), backend });
    const reselected = sourceFromPath(file.path);
    const again = second.queue.resumeUpload(reselected, second.queue.unfinishedUploadOf(reselected)!);
    const ready = await until(second.queue, again!.id, ['ready', 'failed']);
    expect(ready.error).toBeUndefined();
    expect(second.stack.requests[0]).toMatchObject({ method: 'HEAD', status: 404 });
    expect(backend.calls.createUploadSession).toBe(1);
    expect(await md5OfUrl(ready.url)).toBe(file.md5);
  });

  it('cancels: the server deletes the upload and the resume record goes', async () => {
    const file = writeRandomFile(dir, 'cancelled.bin', 8 * MIB);
    const store = new LocalStorageResumeStore(new FakeStorage());
    const { queue, stack } = makeQueue({ resumeStore: store });
    let id = '';
    let cancelled: Promise<void> | undefined;
    onPatch(stack, 2, () => (cancelled = queue.cancel(id)));
    id = queue.add(withMeta([sourceFromPath(file.path)]))[0]!.id;
    await until(queue, id, ['cancelled', 'failed']);
    await cancelled;
    const tusUrl = stack.requests.find((r) => r.method === 'PATCH')!.url;
    expect(stack.requests.filter((r) => r.method === 'DELETE')).toEqual([expect.objectContaining({ url: tusUrl, status: 204 })]);
    const head = await fetch(tusUrl, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } });
    expect([404, 410]).toContain(head.status);
    expect(store.listUnfinished()).toEqual([]);
    expect(queue.getItem(id)!.state).toBe('cancelled');
  });

  it('refuses a 256-character name with its reason, before asking the backend', async () => {
    const file = writeRandomFile(dir, 'short.bin', 10);
    const backend = httpBackend(app.url, token);
    const { queue, stack } = makeQueue({ backend });
    const [refused] = queue.add(withMeta([sourceFromPath(file.path, 'application/octet-stream', { name: `${'x'.repeat(252)}.bin` })]));
    expect(refused).toMatchObject({
      state: 'failed',
      error: { code: 'INVALID_REQUEST', fatal: true, message: 'The file name must be at most 255 characters long (got 256).' },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(backend.calls).toEqual({});
    expect(stack.requests).toEqual([]);
  });

  it('pauses when the network goes away and continues from the server offset when it is back', async () => {
    const file = writeRandomFile(dir, 'offline.bin', 10 * MIB);
    const { queue, stack, connectivity } = makeQueue();
    onPatch(stack, 2, () => connectivity.setOnline(false));
    const [item] = queue.add(withMeta([sourceFromPath(file.path)]));
    const paused = await until(queue, item!.id, ['paused', 'failed']);
    expect(paused.pauseReason).toBe('offline');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(queue.getItem(item!.id)!.state).toBe('paused');

    const before = stack.requests.length;
    connectivity.setOnline(true);
    const ready = await until(queue, item!.id, ['ready', 'failed']);
    expect(ready.state).toBe('ready');
    expect(stack.requests[before]).toMatchObject({ method: 'HEAD', uploadOffset: 2 * CHUNK });
    expect(stack.bytesSent(before)).toBe(10 * MIB - 2 * CHUNK);
    expect(await md5OfUrl(ready.url)).toBe(file.md5);
  });

  it('retries a PATCH lost to a network fault, and completes', async () => {
    const file = writeRandomFile(dir, 'flaky.bin', 6 * MIB);
    const { queue, stack } = makeQueue();
    let patches = 0;
    stack.beforeSend = (request) => {
      if (request.method === 'PATCH' && ++patches === 2) throw new Error('ECONNRESET (simulated)');
    };
    const [item] = queue.add(withMeta([sourceFromPath(file.path)]));
    const ready = await until(queue, item!.id, ['ready', 'failed']);
    expect(ready.error).toBeUndefined();
    expect(stack.count('HEAD')).toBe(1); // tus-js-client asked the offset again before retrying
    expect(await md5OfUrl(ready.url)).toBe(file.md5);
  });

  it('fails after one new session, never repeating a request, when the server refuses the upload token (401)', async () => {
    const file = writeRandomFile(dir, 'refused.bin', 1000);
    const real = httpBackend(app.url, token);
    const forged: UploadBackend = {
      ...real,
      async createUploadSession(request) {
        const result = await real.createUploadSession(request);
        return result.ok ? { ok: true, session: { ...result.session, uploadToken: 'forged' } } : result;
      },
    };
    const { queue, stack } = makeQueue({ backend: forged });
    const [item] = queue.add(withMeta([sourceFromPath(file.path)]));
    const failed = await until(queue, item!.id, ['failed', 'ready']);
    expect(failed.error).toMatchObject({ fatal: false, status: 401, message: 'The upload token is not valid' });
    expect(stack.count('POST')).toBe(2);
  });

  it('fails a file the server finds too large (413) with the reason, without retrying', async () => {
    const small = await startTestApp({ maxUploadBytes: MIB });
    try {
      const file = writeRandomFile(dir, 'too-large.bin', MIB + 1);
      const { queue, stack } = makeQueue({ backend: httpBackend(small.url, await small.issueToken('USER')) });
      const [item] = queue.add(withMeta([sourceFromPath(file.path)]));
      const failed = await until(queue, item!.id, ['failed', 'ready']);
      expect(failed.error).toMatchObject({ code: 'FILE_TOO_LARGE', fatal: true, status: 413 });
      expect(failed.error!.message).not.toBe('');
      expect(stack.count('POST')).toBe(1);
    } finally {
      await small.close();
    }
  });
});
