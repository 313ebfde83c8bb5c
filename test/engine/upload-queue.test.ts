import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualConnectivity } from '../../src/upload-engine/connectivity.js';
import { MemoryResumeStore } from '../../src/upload-engine/resume/resume-store.js';
import { UploadQueue, type UploadQueueOptions } from '../../src/upload-engine/queue/upload-queue.js';
import type { UploadItem, UploadItemState, UploadQueueSnapshot } from '../../src/upload-engine/queue/upload-item.js';
import type { UploadBackend } from '../../src/upload-engine/upload-backend.js';
import { fakeSource, FakeBackend, FakeFinalize, ScriptedTransport, UPLOAD_URL } from './support/fakes.js';
import { withMeta } from '../../src/upload-engine/upload-source.js';

/** Lets pending promise chains and microtasks run (timers are fake). */
async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(0);
}

function setup(options: Partial<UploadQueueOptions> = {}) {
  const backend = new FakeBackend();
  const transport = new ScriptedTransport();
  const finalize = new FakeFinalize();
  const connectivity = new ManualConnectivity(true);
  const store = new MemoryResumeStore();
  const queue = new UploadQueue({
    backend,
    transport,
    fetch: finalize.fetch,
    connectivity,
    resumeStore: store,
    retryDelays: [0, 100, 200],
    statusPollIntervalMs: 1000,
    progressIntervalMs: 200,
    ...options,
  });
  const item = (id: string): UploadItem => {
    const found = queue.getItem(id);
    if (!found) throw new Error(`no item ${id}`);
    return found;
  };
  const states = () => Object.fromEntries(queue.getSnapshot().items.map((i) => [i.name, i.state]));
  return { queue, backend, transport, finalize, connectivity, store, item, states };
}

describe('UploadQueue, the state machine (scripted transport)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('takes a file from queued to ready: session, bytes, finalize, record, processing, poll', async () => {
    const { queue, backend, transport, finalize, item } = setup();
    const seen: UploadItemState[] = [];
    queue.subscribe((snapshot) => {
      const state = snapshot.items[0]?.state;
      if (state && seen.at(-1) !== state) seen.push(state);
    });
    const [added] = queue.add(withMeta([fakeSource('clip.mp4', 1000, { relativePath: 'trip/day1/clip.mp4' })], { labels: ['raw'] }));
    const id = added!.id;
    expect(item(id).state).toBe('uploading');
    await settle();
    expect(backend.sessionRequests).toEqual([
      { mimeType: 'video/mp4', fileName: 'clip.mp4', sizeInBytes: '1000', filePath: '/trip/day1', labels: ['raw'] },
    ]);
    const transfer = transport.of('clip.mp4');
    expect(transfer.request.metadata).toEqual({ filename: 'clip.mp4', contentType: 'video/mp4', token: 'token-1' });
    expect(transfer.request.resumeUrl).toBeUndefined();

    transfer.url().progress(400);
    transfer.complete();
    await settle();
    expect(finalize.calls).toEqual([`${UPLOAD_URL}/token-1?filename=clip.mp4`]);
    expect(backend.recorded).toEqual(['file-token-1']);
    expect(item(id)).toMatchObject({ state: 'processing', fileId: 'file-token-1', bytesUploaded: 1000 });

    backend.statuses.set('file-token-1', 'READY');
    await vi.advanceTimersByTimeAsync(1000);
    expect(item(id)).toMatchObject({ state: 'ready', url: 'https://static.test/file-token-1' });
    expect(seen).toEqual(['uploading', 'finalizing', 'processing', 'ready']);
    await queue.dispose();
  });

  it('ends a file the backend refuses to record as refused, with its reason, and one the Media Manager stops knowing while processing', async () => {
    const { queue, backend, transport, item } = setup();
    backend.unknown.add('file-token-1');
    const [refused, lost] = queue.add(withMeta([fakeSource('refused.mp4'), fakeSource('lost.mp4')]));
    await settle();
    transport.of('refused.mp4').complete();
    transport.of('lost.mp4').complete();
    await settle();
    expect(item(refused!.id)).toMatchObject({ state: 'refused', error: { fatal: true, message: 'The file is not in the Media Manager' } });
    expect(item(lost!.id).state).toBe('processing');
    backend.unknown.add('file-token-2');
    await vi.advanceTimersByTimeAsync(1000);
    expect(item(lost!.id)).toMatchObject({
      state: 'refused',
      error: { fatal: true, message: 'The file is no longer in the Media Manager.' },
    });
    await queue.dispose();
  });

  /** One file sent and finalized, that the Media Manager then reports FAILED (with or without why). */
  async function failedInProcessing(options: { withReason: boolean }) {
    const context = setup();
    const [added] = context.queue.add(withMeta([fakeSource('fake.mp4')]));
    await settle();
    context.transport.of('fake.mp4').complete();
    await settle();
    context.backend.statuses.set('file-token-1', 'FAILED');
    if (!options.withReason) context.backend.reasonless.add('file-token-1');
    return { ...context, id: added!.id };
  }

  it('ends a file the Media Manager fails in processing as refused, with its reason', async () => {
    const { queue, item, id } = await failedInProcessing({ withReason: true });
    await vi.advanceTimersByTimeAsync(1000);
    expect(item(id)).toMatchObject({
      state: 'refused',
      failureCode: 'UNRECOGNIZED_CONTENT',
      failureDescription: 'The bytes are not a video/mp4',
      error: { code: 'PROCESSING_FAILED', fatal: true, message: 'The bytes are not a video/mp4' },
    });
    await queue.dispose();
  });

  it('waits a few polls for the reason of a FAILED file that the log does not know yet', async () => {
    const { queue, backend, item, id } = await failedInProcessing({ withReason: false });
    await vi.advanceTimersByTimeAsync(2000);
    expect(item(id).state).toBe('processing');
    backend.reasonless.delete('file-token-1');
    await vi.advanceTimersByTimeAsync(1000);
    expect(item(id)).toMatchObject({ state: 'refused', failureDescription: 'The bytes are not a video/mp4' });
    await queue.dispose();
  });

  it('fails a FAILED file without a reason once the reason is overdue', async () => {
    const { queue, item, id } = await failedInProcessing({ withReason: false });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(item(id)).toMatchObject({
      state: 'refused',
      error: { code: 'PROCESSING_FAILED', message: 'The Media Manager could not process the file.' },
    });
    await queue.dispose();
  });

  it('shows the reason of a FAILED file when it arrives after the file was failed without one', async () => {
    const { queue, backend, item, id } = await failedInProcessing({ withReason: false });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(item(id).error?.message).toBe('The Media Manager could not process the file.');
    backend.reasonless.delete('file-token-1');
    await vi.advanceTimersByTimeAsync(4000);
    expect(item(id)).toMatchObject({
      state: 'refused',
      failureCode: 'UNRECOGNIZED_CONTENT',
      failureDescription: 'The bytes are not a video/mp4',
      error: { code: 'PROCESSING_FAILED', fatal: true, message: 'The bytes are not a video/mp4' },
    });
    const polls = backend.statusCalls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(backend.statusCalls.length).toBe(polls);
    await queue.dispose();
  });

  it('offers only what can change a refusal: no retry of the same bytes, no cancel; it can be taken off the list', async () => {
    const { queue, backend, transport, item, id } = await failedInProcessing({ withReason: true });
    const [sent] = queue.add(withMeta([fakeSource('other.mp4')]));
    await settle();
    transport.of('other.mp4').complete();
    await settle();
    backend.statuses.set('file-token-2', 'READY');
    await vi.advanceTimersByTimeAsync(1000);
    expect(item(sent!.id).state).toBe('ready');
    expect(item(id).actions).toEqual({ pause: false, resume: false, cancel: false, retry: false, rename: false, remove: true });

    const { totals, actions } = queue.getSnapshot();
    expect(totals.count).toMatchObject({ refused: 1, failed: 0, ready: 1 });
    expect(totals.busy).toBe(false);
    // Its bytes all arrived: they count as sent, not as "not sent".
    expect(totals).toMatchObject({ bytesTotal: 2000, bytesUploaded: 2000, bytesFailed: 0 });
    expect(actions).toMatchObject({ retryFailed: false, cancelAll: false, clearFinished: true });

    const sessions = backend.sessionRequests.length;
    queue.retry(id);
    queue.retryFailed();
    await queue.cancel(id);
    await settle();
    expect(backend.sessionRequests.length).toBe(sessions);
    expect(item(id).state).toBe('refused');

    queue.clearFinished();
    expect(queue.getSnapshot().items).toEqual([]);
    await queue.dispose();
  });

  it('stops asking for a late reason after a while', async () => {
    const { queue, backend, id } = await failedInProcessing({ withReason: false });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    const polls = backend.statusCalls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(backend.statusCalls.length).toBe(polls);
    expect(queue.getItem(id)?.error?.message).toBe('The Media Manager could not process the file.');
    await queue.dispose();
  });

  it('sends `concurrency` files at a time and starts the next as a slot frees', async () => {
    const { queue, transport, states } = setup({ concurrency: 2 });
    queue.add(withMeta(['a', 'b', 'c', 'd', 'e'].map((name) => fakeSource(name))));
    await settle();
    expect(states()).toEqual({ a: 'uploading', b: 'uploading', c: 'queued', d: 'queued', e: 'queued' });
    transport.of('a').complete();
    await settle();
    expect(states()).toMatchObject({ a: 'processing', b: 'uploading', c: 'uploading', d: 'queued' });
    queue.setConcurrency(4);
    await settle();
    expect(states()).toMatchObject({ d: 'uploading', e: 'uploading' });
    expect(queue.getSnapshot().concurrency).toBe(4);
    await queue.dispose();
  });

  it('gets the next files’ sessions ready while every slot sends, and sends one the moment a slot frees', async () => {
    const { queue, backend, transport, states } = setup({ concurrency: 1 });
    queue.add(withMeta(['a', 'b', 'c', 'd'].map((name) => fakeSource(name))));
    await settle();
    // a sends; b has its session but stays queued and sends nothing; c and d wait.
    expect(states()).toEqual({ a: 'uploading', b: 'queued', c: 'queued', d: 'queued' });
    expect(backend.sessionRequests.map((request) => request.fileName)).toEqual(['a', 'b']);
    expect(transport.transfers.map((t) => t.request.metadata.filename)).toEqual(['a']);

    transport.of('a').complete();
    await settle();
    expect(states()).toMatchObject({ b: 'uploading', c: 'queued', d: 'queued' });
    expect(transport.of('b').request.session.uploadToken).toBe('token-2');
    expect(backend.sessionRequests.map((request) => request.fileName)).toEqual(['a', 'b', 'c']);

    // A prepared file that is paused never sends: the next one takes the slot.
    await queue.pause(queue.getSnapshot().items.find((i) => i.name === 'c')!.id);
    transport.of('b').complete();
    await settle();
    expect(states()).toMatchObject({ c: 'paused', d: 'uploading' });
    expect(transport.transfers.map((t) => t.request.metadata.filename)).toEqual(['a', 'b', 'd']);
    await queue.dispose();
  });

  it('prepares the sessions of files about to be added (as many as are sent at once); add() sends with them, asking nothing more', async () => {
    const { queue, backend, transport } = setup({ concurrency: 2 });
    const files = withMeta(['a', 'b', 'c'].map((name) => fakeSource(name)));
    queue.prepare(files);
    await settle();
    expect(backend.sessionRequests.map((request) => request.fileName)).toEqual(['a', 'b']);
    queue.prepare(files); // the same files again: nothing more is asked
    await settle();
    expect(backend.sessionRequests).toHaveLength(2);

    queue.add(files);
    await settle();
    expect(transport.of('a').request.session.uploadToken).toBe('token-1');
    expect(transport.of('b').request.session.uploadToken).toBe('token-2');
    // c was not among the first two: its session is asked for when it is next, as before.
    expect(backend.sessionRequests.map((request) => request.fileName)).toEqual(['a', 'b', 'c']);
    await queue.dispose();
  });

  it('warms its md5s up when files are prepared, so the click that sends them does not start the worker', async () => {
    const warmUp = vi.fn();
    const { queue } = setup({ md5Hashing: { open: () => Promise.reject(new Error('not used')), dispose: () => undefined, warmUp } });
    queue.prepare([]);
    expect(warmUp).not.toHaveBeenCalled();
    queue.prepare(withMeta([fakeSource('a')]));
    expect(warmUp).toHaveBeenCalledTimes(1);
    await queue.dispose();
  });

  it('uses no prepared session for a file added with other metadata, or dropped from what is prepared', async () => {
    const { queue, backend, transport } = setup();
    const [a, b] = ['a', 'b'].map((name) => fakeSource(name));
    queue.prepare(withMeta([a!, b!]));
    queue.prepare(withMeta([a!])); // b is no longer about to be added
    await settle();
    queue.add(withMeta([a!], { displayName: 'renamed' }));
    queue.add(withMeta([b!]));
    await settle();
    expect(backend.sessionRequests.map((request) => request.fileName)).toEqual(['a', 'b', 'renamed', 'b']);
    expect(transport.of('renamed').request.session.uploadToken).toBe('token-3');
    expect(transport.of('b').request.session.uploadToken).toBe('token-4');
    await queue.dispose();
  });

  it('asks again when the prepared session was refused, and fails the file with the refusal', async () => {
    const { queue, backend, item } = setup();
    backend.refuse = () => ({
      ok: false,
      code: 'INVALID_REQUEST',
      reason: 'The file name is not allowed.',
      violations: [{ field: 'fileName', description: 'is not allowed', violatedRule: 'FORMAT' }],
    });
    const files = withMeta([fakeSource('refused.mp4')]);
    queue.prepare(files);
    await settle();
    const [added] = queue.add(files);
    await settle();
    expect(backend.sessionRequests).toHaveLength(2);
    expect(item(added!.id)).toMatchObject({ state: 'failed', error: { code: 'INVALID_REQUEST', fatal: true } });
    await queue.dispose();
  });

  it('pauses (the slot goes to the next file) and resumes the same session from its tus URL', async () => {
    const { queue, backend, transport, item, states } = setup({ concurrency: 1 });
    const [a] = queue.add(withMeta([fakeSource('a'), fakeSource('b')]));
    await settle();
    const first = transport.of('a').url(`${UPLOAD_URL}/tus-a`).progress(300);
    await queue.pause(a!.id);
    expect(first.aborted).toBe(true);
    expect(item(a!.id)).toMatchObject({ state: 'paused', pauseReason: 'user', bytesUploaded: 300 });
    await settle();
    expect(states()).toEqual({ a: 'paused', b: 'uploading' });

    queue.resume(a!.id);
    expect(item(a!.id).state).toBe('queued');
    transport.of('b').complete();
    await settle();
    const second = transport.of('a');
    expect(second).not.toBe(first);
    expect(second.request.resumeUrl).toBe(`${UPLOAD_URL}/tus-a`);
    expect(second.request.session.uploadToken).toBe('token-1');
    expect(backend.sessionRequests).toHaveLength(2); // a and b, none for the resume
    await queue.dispose();
  });

  it('pauses and resumes everything, and a queued file pauses without starting', async () => {
    const { queue, states } = setup({ concurrency: 1 });
    queue.add(withMeta([fakeSource('a'), fakeSource('b')]));
    await settle();
    await queue.pauseAll();
    expect(states()).toEqual({ a: 'paused', b: 'paused' });
    queue.resumeAll();
    await settle();
    expect(states()).toEqual({ a: 'uploading', b: 'queued' });
    await queue.dispose();
  });

  it('pausing while the session is being created leaves no trace of the old run', async () => {
    const { queue, backend, transport, item } = setup();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const create = backend.createUploadSession.bind(backend);
    backend.createUploadSession = async (request) => {
      await gate;
      return create(request);
    };
    const [a] = queue.add(withMeta([fakeSource('a')]));
    await settle();
    await queue.pause(a!.id);
    queue.resume(a!.id);
    release();
    await settle();
    expect(item(a!.id).state).toBe('uploading');
    expect(transport.transfers).toHaveLength(1); // only the current run started a transfer
    transport.of('a').complete();
    await settle();
    expect(item(a!.id)).toMatchObject({ state: 'processing', fileId: `file-${transport.of('a').request.session.uploadToken}` });
    await queue.dispose();
  });

  it('cancels: the tus upload is terminated, the resume record forgotten; a retry starts a new session', async () => {
    const { queue, backend, transport, store, item } = setup();
    const [a] = queue.add(withMeta([fakeSource('a')]));
    await settle();
    transport.of('a').url(`${UPLOAD_URL}/tus-a`).progress(500);
    expect(store.listUnfinished().map((r) => r.tusUrl)).toEqual([`${UPLOAD_URL}/tus-a`]);
    await queue.cancel(a!.id);
    expect(item(a!.id)).toMatchObject({ state: 'cancelled' });
    expect(transport.terminated).toEqual([`${UPLOAD_URL}/tus-a`]);
    expect(store.listUnfinished()).toEqual([]);

    queue.retry(a!.id);
    await settle();
    expect(item(a!.id)).toMatchObject({ state: 'uploading', bytesUploaded: 0 });
    expect(backend.sessionRequests).toHaveLength(2);
    expect(transport.of('a').request.resumeUrl).toBeUndefined();
    await queue.dispose();
  });

  it('cancels a paused file that holds no transfer, and cancelAll leaves finished files alone', async () => {
    const { queue, transport, states } = setup({ concurrency: 1 });
    const [a] = queue.add(withMeta([fakeSource('a'), fakeSource('b'), fakeSource('c')]));
    await settle();
    transport.of('a').url(`${UPLOAD_URL}/tus-a`);
    await queue.pause(a!.id);
    await settle();
    transport.of('b').complete();
    await settle();
    await queue.cancelAll();
    expect(states()).toEqual({ a: 'cancelled', b: 'processing', c: 'cancelled' });
    expect(transport.terminated).toEqual([`${UPLOAD_URL}/tus-a`]);
    queue.clearFinished();
    expect(states()).toEqual({ b: 'processing' });
    await queue.dispose();
  });

  it('never moves bytesUploaded backwards, across retries and a pause', async () => {
    const { queue, transport, item } = setup();
    const [a] = queue.add(withMeta([fakeSource('a', 1000)]));
    await settle();
    const seen: number[] = [];
    const transfer = transport.of('a').url();
    for (const bytes of [100, 500, 300, 0, 400, 700]) {
      transfer.progress(bytes);
      seen.push(item(a!.id).bytesUploaded);
    }
    transfer.accept(600);
    seen.push(item(a!.id).bytesUploaded);
    expect(seen).toEqual([100, 500, 500, 500, 500, 700, 700]);

    await queue.pause(a!.id);
    queue.resume(a!.id);
    await settle();
    transport.of('a').progress(600); // tus starts again at the server's offset
    expect(item(a!.id).bytesUploaded).toBe(700);
    transport.of('a').progress(5000); // never more than the file
    expect(item(a!.id).bytesUploaded).toBe(1000);
    await queue.dispose();
  });

  it('measures speed and ETA per file and overall, from bytes sent after the transfer (re)started', async () => {
    const { queue, transport, item } = setup({ progressIntervalMs: 200 });
    const [a] = queue.add(withMeta([fakeSource('a', 10_000_000)]));
    await settle();
    const transfer = transport.of('a');
    transfer.progress(2_000_000); // a resumed upload reports the server offset first: not speed
    await vi.advanceTimersByTimeAsync(50);
    for (let step = 1; step <= 20; step++) {
      transfer.progress(2_000_000 + step * 100_000); // 100 kB every 100 ms: 1 MB/s
      await vi.advanceTimersByTimeAsync(100);
    }
    const { bytesPerSecond, secondsLeft } = item(a!.id);
    expect(bytesPerSecond).toBeCloseTo(1_000_000, -2);
    expect(secondsLeft).toBeCloseTo(6, 3);
    const totals = queue.getSnapshot().totals;
    expect(totals.bytesPerSecond).toBeCloseTo(1_000_000, -2);
    expect(totals).toMatchObject({ bytesTotal: 10_000_000, bytesUploaded: 4_000_000 });
    expect(totals.secondsLeft).toBeCloseTo(6, 3);

    await queue.pause(a!.id);
    expect(item(a!.id)).toMatchObject({ bytesPerSecond: 0, secondsLeft: undefined });
    await queue.dispose();
  });

  it('pauses uploading files when offline and resumes them when back online, not those the user paused', async () => {
    const { queue, transport, connectivity, item, states } = setup({ concurrency: 2 });
    const [a, b] = queue.add(withMeta([fakeSource('a'), fakeSource('b'), fakeSource('c')]));
    await settle();
    const firstA = transport.of('a').url(`${UPLOAD_URL}/tus-a`).progress(200);
    transport.of('b').url(`${UPLOAD_URL}/tus-b`);

    connectivity.setOnline(false);
    expect(firstA.aborted).toBe(true);
    expect(states()).toEqual({ a: 'paused', b: 'paused', c: 'queued' }); // nothing starts offline
    expect(item(a!.id).pauseReason).toBe('offline');
    await settle();
    expect(queue.getSnapshot().online).toBe(false);
    await queue.pause(b!.id); // the user's pause wins

    connectivity.setOnline(true);
    await settle();
    expect(states()).toEqual({ a: 'uploading', b: 'paused', c: 'uploading' });
    expect(transport.of('a').request.resumeUrl).toBe(`${UPLOAD_URL}/tus-a`);
    expect(item(a!.id).bytesUploaded).toBe(200);
    await queue.dispose();
  });

  it('pauses instead of failing when a transfer gives up on a network error while offline', async () => {
    const { queue, transport, connectivity, item } = setup();
    const [a] = queue.add(withMeta([fakeSource('a')]));
    await settle();
    // tus-js-client does not retry while offline; the error may arrive before the offline event
    vi.spyOn(connectivity, 'isOnline').mockReturnValue(false);
    transport.of('a').fail({ fatal: false });
    await settle();
    expect(item(a!.id)).toMatchObject({ state: 'paused', pauseReason: 'offline' });
    vi.mocked(connectivity.isOnline).mockRestore();
    await queue.dispose();
  });

  it('fails fatally without retrying, or retriably; retryFailed retries only the latter', async () => {
    const { queue, transport, backend, states, item } = setup();
    const [fatal] = queue.add(withMeta([fakeSource('fatal'), fakeSource('transient')]));
    await settle();
    transport.of('fatal').fail({ code: 'NOT_AUTHORIZED', message: 'The upload token is not valid', fatal: true, status: 401 });
    transport.of('transient').fail({ code: 'NETWORK', message: 'The upload server could not be reached', fatal: false });
    await settle();
    expect(states()).toEqual({ fatal: 'failed', transient: 'failed' });
    expect(item(fatal!.id).error).toMatchObject({ fatal: true, message: 'The upload token is not valid' });
    expect(transport.transfers).toHaveLength(2);

    queue.retryFailed();
    await settle();
    expect(states()).toEqual({ fatal: 'failed', transient: 'uploading' });
    // the transient failure kept its session and continues the same upload
    expect(transport.of('transient').request.session.uploadToken).toBe('token-2');
    expect(backend.sessionRequests).toHaveLength(2);
    queue.retry(fatal!.id); // an explicit retry is the user's call
    await settle();
    expect(item(fatal!.id).state).toBe('uploading');
    await queue.dispose();
  });

  it('shows the server refusal of a session as a fatal failure, and retries a backend that is down', async () => {
    const { queue, backend, item } = setup();
    backend.refuse = () => ({
      ok: false,
      code: 'INVALID_REQUEST',
      reason: 'The destination folder id names no folder of this site.',
      violations: [{ field: 'parentFolderId', description: 'names no folder of this site', violatedRule: 'FORMAT' }],
    });
    const [refused] = queue.add(withMeta([fakeSource('a')]));
    await settle();
    expect(item(refused!.id).error).toMatchObject({
      code: 'INVALID_REQUEST',
      fatal: true,
      message: 'The destination folder id names no folder of this site.',
    });

    backend.refuse = undefined;
    backend.failCreate = 2;
    const [retried] = queue.add(withMeta([fakeSource('b')]));
    await vi.advanceTimersByTimeAsync(400);
    expect(item(retried!.id).state).toBe('uploading');
    expect(backend.sessionRequests).toHaveLength(4);

    backend.failCreate = 10;
    const [down] = queue.add(withMeta([fakeSource('c')]));
    await vi.advanceTimersByTimeAsync(1000);
    expect(item(down!.id)).toMatchObject({ state: 'failed', error: { code: 'SERVER_ERROR', fatal: false } });
    await queue.dispose();
  });

  it('retries a finalize that met a network fault or a 5xx, and takes UPLOAD_TOKEN_USED as an earlier success', async () => {
    const { queue, transport, finalize, item } = setup();
    finalize.answers.push('network', { status: 503, body: { message: 'busy' } });
    finalize.answers.push({
      status: 409,
      body: {
        message: 'used',
        details: { applicationError: { code: 'UPLOAD_TOKEN_USED', description: 'used', data: { fileId: 'file-earlier' } } },
      },
    });
    const [a] = queue.add(withMeta([fakeSource('a')]));
    await settle();
    transport.of('a').complete();
    await vi.advanceTimersByTimeAsync(500);
    expect(finalize.calls).toHaveLength(3);
    expect(item(a!.id)).toMatchObject({ state: 'processing', fileId: 'file-earlier' });
    await queue.dispose();
  });

  it('fails a finalize refused with a 4xx at once, with the reason', async () => {
    const { queue, transport, finalize, item } = setup();
    finalize.answers.push({
      status: 400,
      body: {
        message: 'INVALID_ARGUMENT',
        details: {
          validationError: { fieldViolations: [{ field: 'filename', description: 'is required', violatedRule: 'REQUIRED_FIELD' }] },
        },
      },
    });
    const [a] = queue.add(withMeta([fakeSource('a')]));
    await settle();
    transport.of('a').complete();
    await settle();
    expect(finalize.calls).toHaveLength(1);
    expect(item(a!.id)).toMatchObject({
      state: 'failed',
      error: { code: 'INVALID_REQUEST', fatal: true, status: 400, message: 'The file name is required.' },
    });
    await queue.dispose();
  });

  it('retries a file whose name the finalize refused under a new name, on the same session, without sending its bytes again', async () => {
    const { queue, backend, transport, finalize, store, item } = setup();
    finalize.answers.push({
      status: 400,
      body: {
        message: 'INVALID_ARGUMENT',
        details: { validationError: { fieldViolations: [{ field: 'filename', description: 'is invalid', violatedRule: 'INVALID' }] } },
      },
    });
    const [a] = queue.add(withMeta([fakeSource('a')]));
    await settle();
    transport.of('a').url(`${UPLOAD_URL}/tus-a`).complete();
    await settle();
    expect(item(a!.id)).toMatchObject({ state: 'failed', actions: { rename: true, retry: true } });

    queue.retry(a!.id, { displayName: 'Holiday.mp4' });
    await settle();
    expect(item(a!.id).meta.displayName).toBe('Holiday.mp4');
    const again = transport.of('Holiday.mp4');
    expect(again.request.resumeUrl).toBe(`${UPLOAD_URL}/tus-a`);
    expect(backend.sessionRequests).toHaveLength(1);
    again.complete();
    await settle();
    expect(finalize.calls.at(-1)).toBe(`${UPLOAD_URL}/token-1?filename=Holiday.mp4`);
    expect(item(a!.id)).toMatchObject({ state: 'processing', actions: { rename: false } });
    expect(store.listUnfinished()).toEqual([]);
    await queue.dispose();
  });

  it('refuses a retry under an empty name before any request, saying why', async () => {
    const { queue, transport, finalize, item } = setup();
    finalize.answers.push({ status: 400, body: { message: 'INVALID_ARGUMENT' } });
    const [a] = queue.add(withMeta([fakeSource('a')]));
    await settle();
    transport.of('a').complete();
    await settle();
    const transfers = transport.transfers.length;
    queue.retry(a!.id, { displayName: '   ' });
    await settle();
    expect(item(a!.id)).toMatchObject({ state: 'failed', error: { code: 'INVALID_REQUEST', fatal: true } });
    expect(item(a!.id).error?.message).toMatch(/name/i);
    expect(transport.transfers).toHaveLength(transfers);
    await queue.dispose();
  });

  it('keeps the bytes the server confirmed with the resume record, and forgets an unfinished upload on request', async () => {
    const { queue, transport, store } = setup();
    const [a] = queue.add(withMeta([fakeSource('a', 5000)]));
    await settle();
    transport.of('a').url(`${UPLOAD_URL}/tus-a`).progress(3000).accept(2048);
    expect(store.listUnfinished()[0]).toMatchObject({ tusUrl: `${UPLOAD_URL}/tus-a`, bytesOnServer: 2048 });
    await queue.pause(a!.id);

    // A later page: the same store, another queue.
    const later = setup({ resumeStore: store });
    const [record] = later.queue.unfinishedUploads();
    await later.queue.forgetUnfinished(record!.fingerprint);
    expect(store.listUnfinished()).toEqual([]);
    expect(later.transport.terminated).toEqual([`${UPLOAD_URL}/tus-a`]);
    await later.queue.dispose();
    await queue.dispose();
  });

  it('resumes from a stored record: same token, the stored tus URL, no new session', async () => {
    const { queue, backend, transport, store, item } = setup();
    const source = fakeSource('clip.mp4', 5000);
    store.save({
      fingerprint: JSON.stringify(['clip.mp4', 5000, source.lastModified, '', '', '']),
      name: 'clip.mp4',
      size: 5000,
      lastModified: source.lastModified,
      meta: { displayName: 'Holiday clip.mp4', mimeType: 'video/mp4', labels: ['trip'] },
      uploadUrl: UPLOAD_URL,
      uploadToken: 'stored-token',
      tusUrl: `${UPLOAD_URL}/stored-tus`,
      createdAt: 1,
    });
    const a = queue.resumeUpload(source, queue.unfinishedUploadOf(source)!);
    await settle();
    expect(item(a!.id)).toMatchObject({ resumed: true, meta: { displayName: 'Holiday clip.mp4', labels: ['trip'] } });
    expect(backend.sessionRequests).toEqual([]);
    const transfer = transport.of('Holiday clip.mp4');
    expect(transfer.request.resumeUrl).toBe(`${UPLOAD_URL}/stored-tus`);
    expect(transfer.request.session).toEqual({ uploadUrl: UPLOAD_URL, uploadToken: 'stored-token' });
    transfer.url(`${UPLOAD_URL}/stored-tus`).complete();
    await settle();
    expect(item(a!.id)).toMatchObject({ state: 'processing', fileId: 'file-stored-token' });
    expect(store.listUnfinished()).toEqual([]);
    await queue.dispose();
  });

  it('starts a new session when a stored upload is gone, after checking it was not finalized unseen', async () => {
    const { queue, backend, transport, finalize, store, item } = setup();
    const source = fakeSource('a', 5000);
    const fingerprint = JSON.stringify(['a', 5000, source.lastModified, '', '', '']);
    store.save({
      fingerprint,
      name: 'a',
      size: 5000,
      lastModified: source.lastModified,
      meta: { displayName: 'a', mimeType: 'video/mp4' },
      uploadUrl: UPLOAD_URL,
      uploadToken: 'old',
      tusUrl: `${UPLOAD_URL}/gone`,
      createdAt: 1,
    });
    finalize.answers.push({
      status: 410,
      body: { details: { applicationError: { code: 'UPLOAD_TERMINATED', description: 'cancelled' } } },
    });
    const a = queue.resumeUpload(source, queue.unfinishedUploadOf(source)!);
    await settle();
    transport.of('a').progress(3000);
    transport.of('a').fail({ code: 'UPLOAD_GONE', fatal: true, status: 404 }, true);
    await settle();
    expect(finalize.calls).toEqual([`${UPLOAD_URL}/old?filename=a`]);
    expect(backend.sessionRequests).toHaveLength(1);
    const fresh = transport.of('a');
    expect(fresh.request).toMatchObject({ resumeUrl: undefined, session: { uploadToken: 'token-1' } });
    expect(item(a!.id)).toMatchObject({ state: 'uploading', bytesUploaded: 0 });
    expect(store.get(fingerprint)).toBeUndefined();
    fresh.complete();
    await settle();
    expect(item(a!.id).state).toBe('processing');
    await queue.dispose();
  });

  it('a stored upload found finalized (UPLOAD_TOKEN_USED) is a success, not a second upload', async () => {
    const { queue, backend, transport, finalize, store, item } = setup();
    const source = fakeSource('a', 5000);
    store.save({
      fingerprint: JSON.stringify(['a', 5000, source.lastModified, '', '', '']),
      name: 'a',
      size: 5000,
      lastModified: source.lastModified,
      meta: { displayName: 'a', mimeType: 'video/mp4' },
      uploadUrl: UPLOAD_URL,
      uploadToken: 'old',
      tusUrl: `${UPLOAD_URL}/finalized`,
      createdAt: 1,
    });
    finalize.answers.push({
      status: 409,
      body: { details: { applicationError: { code: 'UPLOAD_TOKEN_USED', description: 'used', data: { fileId: 'file-old' } } } },
    });
    const a = queue.resumeUpload(source, queue.unfinishedUploadOf(source)!);
    await settle();
    transport.of('a').fail({ code: 'UPLOAD_GONE', fatal: true, status: 404 }, true);
    await settle();
    expect(backend.sessionRequests).toEqual([]);
    expect(transport.transfers).toHaveLength(1);
    expect(item(a!.id)).toMatchObject({ state: 'processing', fileId: 'file-old' });
    await queue.dispose();
  });

  it('starts over once with a new session when a session created in this run is lost, and fails if the new one is lost too', async () => {
    const { queue, backend, transport, finalize, item } = setup();
    const [a] = queue.add(withMeta([fakeSource('a')]));
    await settle();
    // e.g. a creation whose answer was lost: the retried creation is refused as already started
    const gone = { code: 'UPLOAD_GONE', message: 'An upload already exists for this token', fatal: false, status: 409 } as const;
    finalize.answers.push({ status: 401, body: {} });
    transport.of('a').fail(gone, true);
    await settle();
    expect(backend.sessionRequests).toHaveLength(2);
    expect(item(a!.id).state).toBe('uploading');
    expect(transport.transfers).toHaveLength(2);
    transport.transfers[1]!.fail(gone, true);
    await settle();
    expect(item(a!.id)).toMatchObject({ state: 'failed', error: { fatal: false, status: 409 } });
    expect(backend.sessionRequests).toHaveLength(2);
    queue.retryFailed(); // the lost session was forgotten: a retry asks for a new one
    await settle();
    expect(backend.sessionRequests).toHaveLength(3);
    await queue.dispose();
  });
});

describe('UploadQueue, snapshots and notifications', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('returns the same frozen snapshot until something changes', async () => {
    const { queue } = setup();
    const empty = queue.getSnapshot();
    expect(queue.getSnapshot()).toBe(empty);
    expect(Object.isFrozen(empty)).toBe(true);
    queue.add(withMeta([fakeSource('a')]));
    const one = queue.getSnapshot();
    expect(one).not.toBe(empty);
    expect(Object.isFrozen(one.items)).toBe(true);
    expect(Object.isFrozen(one.items[0])).toBe(true);
    expect(empty.items).toEqual([]);
    await queue.dispose();
  });

  it('tells state changes once per batch and progress at most every progressIntervalMs', async () => {
    const { queue, transport } = setup({ progressIntervalMs: 200 });
    const snapshots: UploadQueueSnapshot[] = [];
    queue.subscribe((snapshot) => snapshots.push(snapshot));
    const thousand = Array.from({ length: 1000 }, (_, index) => fakeSource(`file-${index}`));
    queue.add(withMeta(thousand));
    await settle();
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]!.totals.count).toMatchObject({ uploading: 3, queued: 997 });
    expect(snapshots[0]!.totals.bytesTotal).toBe(1_000_000);

    snapshots.length = 0;
    const transfer = transport.of('file-0');
    for (let bytes = 1; bytes <= 500; bytes++) transfer.progress(bytes); // 500 progress events at once
    await settle();
    expect(snapshots).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]!.items[0]!.bytesUploaded).toBe(500);
    // untouched items keep their identity, so a UI can skip them
    expect(snapshots[0]!.items[500]).toBe(queue.getSnapshot().items[500]);

    snapshots.length = 0;
    transfer.complete();
    await settle();
    expect(snapshots.length).toBeGreaterThanOrEqual(1);
    expect(snapshots.at(-1)!.totals.count).toMatchObject({ processing: 1, uploading: 3, queued: 996 });
    await queue.dispose();
  });

  it('stops telling after unsubscribe', async () => {
    const { queue } = setup();
    const listener = vi.fn();
    const unsubscribe = queue.subscribe(listener);
    queue.add(withMeta([fakeSource('a')]));
    await settle();
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    queue.add(withMeta([fakeSource('b')]));
    await settle();
    expect(listener).toHaveBeenCalledTimes(1);
    await queue.dispose();
  });

  it('accepts the web methods as its backend (a type check)', () => {
    type WebMethods = typeof import('../../src/backend/uploads.web.js');
    const asBackend = (web: WebMethods): UploadBackend => web;
    expect(asBackend).toBeTypeOf('function');
  });
});
