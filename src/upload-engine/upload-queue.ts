import type { UploadSession, UploadStatusReport } from '../shared/upload-api';
import type { ByteTransport, RunningTransfer, TransferOutcome } from './byte-transport';
import { defaultConnectivity, type Connectivity } from './connectivity';
import type { FetchLike, FinalizeResult } from './finalize';
import { checkBeforeUpload, sessionRequestFor } from './preflight';
import { MemoryResumeStore, resumeRecordFor, type ResumeRecord, type ResumeStore } from './resume-store';
import { ServerCalls } from './server-calls';
import { buildQueueSnapshot, SnapshotPublisher } from './snapshot-publisher';
import { secondsLeft, SpeedMeter } from './speed-meter';
import { StatusPoller } from './status-poller';
import { createTusTransport, DEFAULT_RETRY_DELAYS } from './tus-transport';
import type { UploadBackend } from './upload-backend';
import { toUploadError, UploadFailure, type UploadError } from './upload-error';
import type { UploadItem, UploadItemState, UploadQueueSnapshot } from './upload-item';
import { resolveUploadMeta, uploadFingerprint, type UploadMeta, type UploadMetaInput, type UploadSource } from './upload-source';

export interface UploadQueueOptions {
  backend: UploadBackend;
  /** How bytes are sent; by default tus-js-client with `chunkSize` and `retryDelays`. */
  transport?: ByteTransport;
  /** For the finalize PUT; by default the global fetch. */
  fetch?: FetchLike;
  /** By default in memory (nothing survives a reload); LocalStorageResumeStore in the browser. */
  resumeStore?: ResumeStore;
  /** By default the browser's online/offline events, or always online in Node. */
  connectivity?: Connectivity;
  /** Files sent at the same time; 3 by default. */
  concurrency?: number;
  /** Larger files are refused before any byte is sent; no limit by default. */
  maxFileSizeBytes?: number;
  chunkSize?: number;
  /** Waits between retries, for tus requests and backend calls alike. */
  retryDelays?: readonly number[];
  /** How often getUploadStatus is asked about files being processed; 2000 ms by default. */
  statusPollIntervalMs?: number;
  /** The most often listeners hear of progress (state changes are told at once); 200 ms by default. */
  progressIntervalMs?: number;
  /** Milliseconds; Date.now by default. */
  now?: () => number;
}

export type UploadMetaChoice = UploadMetaInput | ((source: UploadSource) => UploadMetaInput);

type Listener = (snapshot: UploadQueueSnapshot) => void;
type ItemPatch = { -readonly [K in keyof UploadItem]?: UploadItem[K] };

interface Run {
  controller: AbortController;
  transfer?: RunningTransfer;
}

interface Entry {
  readonly id: string;
  readonly source: UploadSource;
  readonly meta: UploadMeta;
  readonly fingerprint: string;
  item: UploadItem;
  session?: UploadSession;
  tusUrl?: string;
  /** Bumped whenever a run is started or stopped: callbacks of an older run see it and do nothing. */
  generation: number;
  run?: Run;
  readonly meter: SpeedMeter;
  /** The last raw progress of the current transfer, to count new bytes for the speed. */
  lastBytesSent?: number;
  /** Polls that answered FAILED without saying why (see applyStatus). */
  reasonlessFailures: number;
}

/** How many polls a FAILED file without a reason waits for the reason. */
const REASON_WAIT_POLLS = 3;

const CANCELLABLE: ReadonlySet<UploadItemState> = new Set(['queued', 'uploading', 'paused', 'failed']);

/**
 * The files to upload and the state of each. Framework-free: a UI subscribes and renders
 * getSnapshot(). Each file: createUploadSession → tus → finalize PUT → recordUpload → polled
 * until the Media Manager reports READY or FAILED.
 */
export class UploadQueue {
  private readonly transport: ByteTransport;
  private readonly server: ServerCalls;
  private readonly store: ResumeStore;
  private readonly connectivity: Connectivity;
  private readonly maxFileSizeBytes: number;
  private readonly progressIntervalMs: number;
  private readonly now: () => number;
  private concurrency: number;

  private readonly entries = new Map<string, Entry>();
  private readonly byFileId = new Map<string, Entry>();
  /** Queued ids in the order they are to start. */
  private readonly waiting = new Set<string>();
  /** Ids holding one of the `concurrency` slots: those sending bytes. */
  private readonly active = new Set<string>();
  private readonly offlinePaused = new Set<string>();
  /** The item that uploads each fingerprint, for duplicate detection. */
  private readonly live = new Map<string, string>();

  private readonly publisher: SnapshotPublisher<UploadQueueSnapshot>;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private readonly overallMeter = new SpeedMeter();
  private readonly poller: StatusPoller;
  private readonly unsubscribeConnectivity: () => void;
  private online: boolean;
  private nextId = 0;
  private disposed = false;

  constructor(options: UploadQueueOptions) {
    this.connectivity = options.connectivity ?? defaultConnectivity();
    const retryDelays = options.retryDelays ?? DEFAULT_RETRY_DELAYS;
    this.transport =
      options.transport ?? createTusTransport({ chunkSize: options.chunkSize, retryDelays, connectivity: this.connectivity });
    const fetchFn: FetchLike = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.server = new ServerCalls(options.backend, fetchFn, this.connectivity, retryDelays);
    this.store = options.resumeStore ?? new MemoryResumeStore();
    this.maxFileSizeBytes = options.maxFileSizeBytes ?? Number.POSITIVE_INFINITY;
    this.progressIntervalMs = options.progressIntervalMs ?? 200;
    this.now = options.now ?? (() => Date.now());
    this.concurrency = normalizeConcurrency(options.concurrency ?? 3);
    this.online = this.connectivity.isOnline();
    this.poller = new StatusPoller({
      getUploadStatus: (fileIds) => options.backend.getUploadStatus(fileIds),
      intervalMs: options.statusPollIntervalMs ?? 2000,
      onReport: (report) => {
        const entry = this.byFileId.get(report.fileId);
        if (entry?.item.state === 'processing') this.applyStatus(entry, report);
      },
      onUnknown: (fileId) => {
        const entry = this.byFileId.get(fileId);
        if (entry?.item.state !== 'processing') return;
        this.poller.unwatch(fileId);
        this.update(entry, {
          state: 'failed',
          error: { code: 'REJECTED', message: 'The file is no longer in the Media Manager.', fatal: true },
        });
      },
    });
    this.publisher = new SnapshotPublisher(() =>
      buildQueueSnapshot(
        Array.from(this.entries.values(), (entry) => entry.item),
        { bytesPerSecond: this.overallMeter.bytesPerSecond, online: this.online, concurrency: this.concurrency },
      ),
    );
    this.unsubscribeConnectivity = this.connectivity.subscribe((online) => this.connectivityChanged(online));
  }

  // ---- reading -------------------------------------------------------------------------------

  /** The same object until something changes, so it can be compared by identity. */
  getSnapshot(): UploadQueueSnapshot {
    return this.publisher.get();
  }

  getItem(id: string): UploadItem | undefined {
    return this.entries.get(id)?.item;
  }

  /** Uploads begun earlier (e.g. before a reload) that no item of this queue continues: "select clip.mp4 again to resume". */
  unfinishedUploads(): ResumeRecord[] {
    return this.store.listUnfinished().filter((record) => !this.live.has(record.fingerprint));
  }

  /** Listeners hear of state changes at once (batched per microtask) and of progress at most every progressIntervalMs. */
  subscribe(listener: Listener): () => void {
    return this.publisher.subscribe(listener);
  }

  // ---- commands ------------------------------------------------------------------------------

  /**
   * Adds files; returns their items in order. A refused file (limits, size, duplicate) is an item
   * in state failed with a fatal error saying why. A file matching a resume record continues
   * that upload, with the metadata it was started with.
   */
  add(sources: Iterable<UploadSource>, meta: UploadMetaChoice = {}): UploadItem[] {
    const added: Entry[] = [];
    for (const source of sources) {
      const resolved = resolveUploadMeta(source, typeof meta === 'function' ? meta(source) : meta);
      const fingerprint = uploadFingerprint(source, resolved);
      const record = this.store.get(fingerprint);
      const resumable = record && record.size === source.size ? record : undefined;
      const entry = this.createEntry(source, resumable?.meta ?? resolved, fingerprint, resumable !== undefined);
      const refusal = this.preflight(entry);
      if (refusal) {
        this.update(entry, { state: 'failed', error: refusal });
      } else {
        if (resumable) {
          entry.session = { uploadUrl: resumable.uploadUrl, uploadToken: resumable.uploadToken };
          entry.tusUrl = resumable.tusUrl;
        }
        this.enqueue(entry);
      }
      added.push(entry);
    }
    this.pump();
    return added.map((entry) => entry.item);
  }

  /** Stops sending a queued or uploading file; the server keeps what it received. */
  async pause(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    switch (entry.item.state) {
      case 'queued':
        this.waiting.delete(id);
        this.update(entry, { state: 'paused', pauseReason: 'user' });
        return;
      case 'uploading': {
        const stopped = this.stopRun(entry);
        this.update(entry, { state: 'paused', pauseReason: 'user', ...idle });
        this.pump();
        await stopped;
        return;
      }
      case 'paused':
        // The user's pause wins over the network's: it will not resume by itself.
        if (this.offlinePaused.delete(id)) this.update(entry, { pauseReason: 'user' });
        return;
      default:
        return;
    }
  }

  resume(id: string): void {
    const entry = this.entries.get(id);
    if (entry?.item.state !== 'paused') return;
    this.offlinePaused.delete(id);
    this.enqueue(entry);
    this.pump();
  }

  /** Stops a file for good: the server deletes its upload (tus termination) and the resume record goes. */
  async cancel(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry || !CANCELLABLE.has(entry.item.state)) return;
    this.waiting.delete(id);
    this.offlinePaused.delete(id);
    const stopped = this.stopRun(entry);
    const tusUrl = entry.tusUrl;
    this.forgetSession(entry);
    this.update(entry, { state: 'cancelled', pauseReason: undefined, error: undefined, ...idle });
    this.pump();
    await stopped;
    if (tusUrl) await this.terminateQuietly(tusUrl);
  }

  /** Tries a failed or cancelled file again, checking it again first; it continues its upload when the server still has it. */
  retry(id: string): void {
    const entry = this.entries.get(id);
    if (!entry || (entry.item.state !== 'failed' && entry.item.state !== 'cancelled')) return;
    const refusal = this.preflight(entry);
    if (refusal) {
      this.update(entry, { state: 'failed', error: refusal });
      return;
    }
    if (entry.item.fileId) this.byFileId.delete(entry.item.fileId);
    entry.reasonlessFailures = 0;
    const restart: ItemPatch = entry.session
      ? {}
      : { bytesUploaded: 0, fileId: undefined, url: undefined, thumbnailUrl: undefined, mediaType: undefined };
    this.update(entry, { ...restart, failureCode: undefined, failureDescription: undefined });
    this.enqueue(entry);
    this.pump();
  }

  /** Cancels the file if it is still going, and takes it off the list. */
  async remove(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    const cancelled = CANCELLABLE.has(entry.item.state) ? this.cancel(id) : this.stopRun(entry);
    this.forget(entry);
    await cancelled;
  }

  pauseAll(): Promise<void> {
    const ids = this.idsIn('queued', 'uploading');
    return Promise.all(ids.map((id) => this.pause(id))).then(() => undefined);
  }

  /** Resumes the files the user paused; those paused for the network resume with it. */
  resumeAll(): void {
    for (const entry of this.entries.values()) {
      if (entry.item.state === 'paused' && entry.item.pauseReason === 'user') {
        this.enqueue(entry);
      }
    }
    this.pump();
  }

  cancelAll(): Promise<void> {
    const ids = this.idsIn('queued', 'uploading', 'paused');
    return Promise.all(ids.map((id) => this.cancel(id))).then(() => undefined);
  }

  /** Retries every failed file whose error is not fatal. */
  retryFailed(): void {
    for (const id of this.idsIn('failed')) {
      if (this.entries.get(id)?.item.error?.fatal === false) this.retry(id);
    }
  }

  /** Takes ready and cancelled files off the list. */
  clearFinished(): void {
    for (const id of this.idsIn('ready', 'cancelled')) {
      const entry = this.entries.get(id);
      if (entry) this.forget(entry);
    }
  }

  /** Takes effect as slots free up: running files are not stopped when it is lowered. */
  setConcurrency(concurrency: number): void {
    this.concurrency = normalizeConcurrency(concurrency);
    this.changed();
    this.pump();
  }

  /** Stops everything without deleting server uploads or resume records (as a page unload would). */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const stopped = [...this.entries.values()].map((entry) => this.stopRun(entry));
    this.poller.stop();
    this.stopTicker();
    this.unsubscribeConnectivity();
    this.publisher.clear();
    await Promise.all(stopped);
  }

  // ---- scheduling ----------------------------------------------------------------------------

  private createEntry(source: UploadSource, meta: UploadMeta, fingerprint: string, resumed: boolean): Entry {
    const id = `upload-${++this.nextId}`;
    const item: UploadItem = {
      id,
      fingerprint,
      name: source.name,
      size: source.size,
      relativePath: source.relativePath,
      meta,
      state: 'queued',
      bytesUploaded: 0,
      bytesPerSecond: 0,
      resumed,
    };
    const entry: Entry = {
      id,
      source,
      meta,
      fingerprint,
      item: Object.freeze(item),
      generation: 0,
      meter: new SpeedMeter(),
      reasonlessFailures: 0,
    };
    this.entries.set(id, entry);
    return entry;
  }

  private preflight(entry: Entry): UploadError | undefined {
    return checkBeforeUpload(entry.source, entry.meta, entry.fingerprint, {
      maxFileSizeBytes: this.maxFileSizeBytes,
      isQueued: (fingerprint) => {
        const holder = this.live.get(fingerprint);
        return holder !== undefined && holder !== entry.id;
      },
    });
  }

  private enqueue(entry: Entry): void {
    this.update(entry, { state: 'queued', pauseReason: undefined, error: undefined, ...idle });
    this.waiting.add(entry.id);
  }

  private pump(): void {
    if (this.disposed || !this.online) return;
    for (const id of this.waiting) {
      if (this.active.size >= this.concurrency) return;
      this.waiting.delete(id);
      const entry = this.entries.get(id);
      if (entry?.item.state === 'queued') void this.start(entry);
    }
  }

  private async start(entry: Entry): Promise<void> {
    const generation = ++entry.generation;
    const run: Run = { controller: new AbortController() };
    entry.run = run;
    this.active.add(entry.id);
    this.startTicker();
    this.update(entry, { state: 'uploading' });
    try {
      await this.process(entry, generation, run);
    } catch (error) {
      if (this.isCurrent(entry, generation)) this.runFailed(entry, error);
    } finally {
      if (this.isCurrent(entry, generation)) {
        entry.run = undefined;
        this.releaseSlot(entry);
      }
    }
  }

  /** Stops the entry's run, if any; resolves when its transfer has stopped. */
  private stopRun(entry: Entry): Promise<void> {
    entry.generation++;
    const run = entry.run;
    entry.run = undefined;
    entry.meter.stop();
    this.releaseSlot(entry);
    if (!run) return Promise.resolve();
    run.controller.abort();
    return run.transfer?.abort().catch(() => undefined) ?? Promise.resolve();
  }

  private releaseSlot(entry: Entry): void {
    if (this.active.delete(entry.id)) this.pump();
  }

  private isCurrent(entry: Entry, generation: number): boolean {
    return entry.generation === generation && !this.disposed;
  }

  private runFailed(entry: Entry, error: unknown): void {
    const detail = toUploadError(error);
    entry.meter.stop();
    if (!detail.fatal && !this.connectivity.isOnline()) {
      this.offlinePaused.add(entry.id);
      this.update(entry, { state: 'paused', pauseReason: 'offline', ...idle });
      return;
    }
    this.update(entry, { state: 'failed', error: detail, ...idle });
  }

  private connectivityChanged(online: boolean): void {
    if (this.disposed || online === this.online) return;
    this.online = online;
    if (!online) {
      for (const id of [...this.active]) {
        const entry = this.entries.get(id);
        if (entry?.item.state !== 'uploading') continue;
        void this.stopRun(entry);
        this.offlinePaused.add(id);
        this.update(entry, { state: 'paused', pauseReason: 'offline', ...idle });
      }
    } else {
      for (const id of this.offlinePaused) {
        const entry = this.entries.get(id);
        if (entry?.item.state === 'paused') this.enqueue(entry);
      }
      this.offlinePaused.clear();
      this.pump();
    }
    this.changed();
  }

  private idsIn(...states: UploadItemState[]): string[] {
    return [...this.entries.values()].filter((entry) => states.includes(entry.item.state)).map((entry) => entry.id);
  }

  private forget(entry: Entry): void {
    this.entries.delete(entry.id);
    this.waiting.delete(entry.id);
    this.offlinePaused.delete(entry.id);
    if (this.live.get(entry.fingerprint) === entry.id) this.live.delete(entry.fingerprint);
    if (entry.item.fileId) {
      this.byFileId.delete(entry.item.fileId);
      this.poller.unwatch(entry.item.fileId);
    }
    this.changed();
  }

  // ---- one file's way ------------------------------------------------------------------------

  private async process(entry: Entry, generation: number, run: Run): Promise<void> {
    const { signal } = run.controller;
    let restarted = false;
    let session: UploadSession;
    let earlier: FinalizeResult | undefined;
    for (;;) {
      if (entry.session) {
        session = entry.session;
      } else {
        session = await this.server.createSession(sessionRequestFor(entry.source, entry.meta), signal);
        if (!this.isCurrent(entry, generation)) return;
        entry.session = session;
      }
      const outcome = await this.transfer(entry, session, generation, run);
      if (!this.isCurrent(entry, generation) || outcome.status === 'aborted') return;
      if (outcome.status === 'complete') break;
      if (outcome.sessionGone && !restarted) {
        // The token's upload is lost to us (a creation whose answer was lost, an expired or deleted upload).
        // A finalize that succeeded unseen (its answer lost) also deletes the tus upload: ask before starting over.
        earlier = await this.server.finalizedEarlier(session, entry.meta.displayName, signal);
        if (!this.isCurrent(entry, generation)) return;
        if (earlier) break;
        this.forgetSession(entry);
        this.update(entry, { bytesUploaded: 0 });
        restarted = true;
        continue;
      }
      if (outcome.sessionGone) this.forgetSession(entry);
      throw new UploadFailure(outcome.error);
    }

    // Every byte is on the server: the slot goes to the next file.
    entry.meter.stop();
    this.releaseSlot(entry);
    this.update(entry, { state: 'finalizing', bytesUploaded: entry.source.size, ...idle });
    const finalized = earlier ?? (await this.finalize(entry, session, signal));
    if (!this.isCurrent(entry, generation)) return;
    this.forgetSession(entry);
    this.byFileId.set(finalized.fileId, entry);
    this.update(entry, {
      fileId: finalized.fileId,
      url: finalized.file?.url,
      thumbnailUrl: finalized.file?.thumbnailUrl,
      mediaType: finalized.file?.mediaType,
    });

    const { meta } = entry;
    const report = await this.server.record(
      {
        fileId: finalized.fileId,
        displayName: meta.displayName,
        sizeInBytes: String(entry.source.size),
        mimeType: meta.mimeType,
        parentFolderId: meta.parentFolderId,
        private: meta.private,
        labels: meta.labels,
      },
      signal,
    );
    if (!this.isCurrent(entry, generation)) return;
    this.update(entry, { state: 'processing' });
    if (report) this.applyStatus(entry, report);
    if (entry.item.state === 'processing') this.poller.watch(finalized.fileId);
  }

  private transfer(entry: Entry, session: UploadSession, generation: number, run: Run): Promise<TransferOutcome> {
    const isCurrent = () => this.isCurrent(entry, generation);
    entry.lastBytesSent = undefined;
    entry.meter.start(this.now());
    const transfer = this.transport.start({
      data: entry.source.data,
      size: entry.source.size,
      session,
      metadata: { filename: entry.meta.displayName, contentType: entry.meta.mimeType, token: session.uploadToken },
      resumeUrl: entry.tusUrl,
      onUrl: (url) => {
        if (isCurrent()) {
          entry.tusUrl = url;
          this.saveResumeRecord(entry, session, url);
        } else if (entry.item.state === 'cancelled') {
          // Created while being cancelled: nobody will ever continue it.
          void this.terminateQuietly(url);
        }
      },
      onProgress: (bytesSent) => {
        if (isCurrent()) this.progressed(entry, bytesSent, true);
      },
      onAccepted: (bytesAccepted) => {
        if (isCurrent()) this.progressed(entry, bytesAccepted, false);
      },
    });
    run.transfer = transfer;
    return transfer.done;
  }

  /** tus reports progress from the start of the file; after a retry it may report less than before. */
  private progressed(entry: Entry, bytes: number, sent: boolean): void {
    if (sent) {
      const previous = entry.lastBytesSent;
      entry.lastBytesSent = bytes;
      if (previous !== undefined && bytes > previous) {
        entry.meter.record(bytes - previous);
        this.overallMeter.record(bytes - previous);
      }
    }
    const uploaded = Math.min(bytes, entry.source.size);
    if (uploaded > entry.item.bytesUploaded) this.update(entry, { bytesUploaded: uploaded }, false);
  }

  private saveResumeRecord(entry: Entry, session: UploadSession, tusUrl: string): void {
    const createdAt = this.store.get(entry.fingerprint)?.createdAt ?? Date.now();
    this.store.save(resumeRecordFor(entry.source, entry.meta, session, tusUrl, createdAt));
  }

  /** The session is spent or gone: the next attempt starts a new one. */
  private forgetSession(entry: Entry): void {
    entry.session = undefined;
    entry.tusUrl = undefined;
    this.store.remove(entry.fingerprint);
  }

  private async finalize(entry: Entry, session: UploadSession, signal: AbortSignal): Promise<FinalizeResult> {
    try {
      return await this.server.finalize(session, entry.meta.displayName, signal);
    } catch (error) {
      if (error instanceof UploadFailure && error.options.sessionGone) this.forgetSession(entry);
      throw error;
    }
  }

  private applyStatus(entry: Entry, report: UploadStatusReport): void {
    if (report.status === 'READY') {
      this.poller.unwatch(report.fileId);
      this.update(entry, {
        state: 'ready',
        url: report.url ?? entry.item.url,
        thumbnailUrl: report.thumbnailUrl ?? entry.item.thumbnailUrl,
        mediaType: report.mediaType ?? entry.item.mediaType,
      });
    } else if (report.status === 'FAILED') {
      // The reason arrives with the File Failed event, which can reach the upload log a moment
      // after the Media Manager reports the status: wait a few polls for it before showing none.
      const reasonless = report.failureCode === undefined && report.failureDescription === undefined;
      if (reasonless && entry.reasonlessFailures < REASON_WAIT_POLLS) {
        entry.reasonlessFailures += 1;
        this.poller.watch(report.fileId);
        return;
      }
      this.poller.unwatch(report.fileId);
      this.update(entry, {
        state: 'failed',
        failureCode: report.failureCode,
        failureDescription: report.failureDescription,
        error: {
          code: 'PROCESSING_FAILED',
          message:
            report.failureDescription ??
            (report.failureCode
              ? `The Media Manager could not process the file (${report.failureCode}).`
              : 'The Media Manager could not process the file.'),
          fatal: true,
          serverCode: report.failureCode,
        },
      });
    }
  }

  private async terminateQuietly(tusUrl: string): Promise<void> {
    try {
      await this.transport.terminate(tusUrl);
    } catch {
      // Already gone, or unreachable: the server expires abandoned uploads.
    }
  }

  // ---- snapshot and notification -------------------------------------------------------------

  /** Replaces the entry's item; state changes are told at once, progress by the ticker. */
  private update(entry: Entry, patch: ItemPatch, tellNow = true): void {
    entry.item = Object.freeze({ ...entry.item, ...patch });
    if (patch.state !== undefined) {
      if (patch.state === 'failed' || patch.state === 'cancelled') {
        if (this.live.get(entry.fingerprint) === entry.id) this.live.delete(entry.fingerprint);
      } else {
        this.live.set(entry.fingerprint, entry.id);
      }
    }
    this.publisher.changed(tellNow);
  }

  private changed(): void {
    this.publisher.changed(true);
  }

  private startTicker(): void {
    if (this.ticker !== undefined || this.disposed) return;
    this.overallMeter.start(this.now());
    this.ticker = setInterval(() => this.tick(), this.progressIntervalMs);
  }

  private stopTicker(): void {
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
    this.overallMeter.stop();
  }

  /** Samples the speeds of the files being sent (not of all files) and tells listeners of progress. */
  private tick(): void {
    const now = this.now();
    for (const id of this.active) {
      const entry = this.entries.get(id);
      if (!entry?.meter.running) continue;
      const bytesPerSecond = entry.meter.sample(now);
      const left = secondsLeft(entry.source.size - entry.item.bytesUploaded, bytesPerSecond);
      if (bytesPerSecond !== entry.item.bytesPerSecond || left !== entry.item.secondsLeft) {
        this.update(entry, { bytesPerSecond, secondsLeft: left }, false);
      }
    }
    const before = this.overallMeter.bytesPerSecond;
    if (this.active.size === 0) this.stopTicker();
    else this.overallMeter.sample(now);
    if (this.overallMeter.bytesPerSecond !== before) this.publisher.changed(false);
    this.publisher.flush();
  }
}

const idle = { bytesPerSecond: 0, secondsLeft: undefined } as const;

function normalizeConcurrency(concurrency: number): number {
  return Number.isFinite(concurrency) ? Math.max(1, Math.floor(concurrency)) : 1;
}
