// Over 300 lines because it is the engine's public API, each command documented; the work is in the modules it ties together (see UploadQueue below).
import { sleep } from '../retry';
import type { ByteTransport } from '../byte-transport';
import { defaultConnectivity, type Connectivity } from '../connectivity';
import type { FetchLike } from '../run/finalize';
import { checkBeforeUpload, sessionRequestFor } from '../run/preflight';
import { checkBeforeImport, importThroughBackend, linkImportFor } from '../run/link-import';
import type { ItemPatch } from '../processing/processing-status';
import { ProcessingWatch } from '../processing/processing-watch';
import { ProgressTicker } from './progress-ticker';
import { md5OnThisThread, type Md5Hashing } from '../md5/md5-hashing';
import { isCancellable } from './queue-rules';
import { isSameFile, MemoryResumeStore, type ResumeRecord, type ResumeStore } from '../resume/resume-store';
import { ServerCalls } from '../run/server-calls';
import { secondsLeft } from './speed-meter';
import { createTusTransport, DEFAULT_RETRY_DELAYS } from '../tus-transport';
import type { UploadBackend } from '../upload-backend';
import type { UploadError } from '../upload-error';
import type { QueueNotice, UploadItem, UploadQueueSnapshot } from './upload-item';
import { HASH_NOT_MD5_NOTICE, hashesAreNotMd5, MemoryHashHistory, type HashHistoryStore } from '../run/arrival-check';
import { finalizedUploadOf } from '../run/finalized-upload';
import type { FileEntry, PreparedSession } from '../file-entry';
import { QueueItems } from './queue-items';
import { Scheduler } from './scheduler';
import { SlicedAdds, type QueueAdding } from './sliced-adds';
import { uploadFingerprint, type UploadMeta, type UploadSource } from '../upload-source';
import { forgettingFileHandles, type FileHandleStore } from '../resume/file-handles';
import { reopenFiles, type KeptUpload, type Reopened } from '../resume/reopen-files';

/** Files sent at the same time unless the queue is told otherwise. */
export const DEFAULT_CONCURRENCY = 3;
/** How long a session prepare() got ready is used by add(); Wix's upload URLs last longer. */
const PREPARED_SESSION_MS = 10 * 60_000;
/** Unfinished uploads whose server offset a page asks when it lists them, and how long it waits for each. */
const UNFINISHED_OFFSETS_ASKED = 50;
const OFFSET_ANSWER_WAIT_MS = 5000;

export interface UploadQueueOptions {
  backend: UploadBackend;
  /** How bytes are sent; by default tus-js-client with `chunkSize` and `retryDelays`. */
  transport?: ByteTransport;
  /** For the finalize PUT; by default the global fetch. */
  fetch?: FetchLike;
  /** By default in memory (nothing survives a reload); openBrowserResumeStore() in the browser. */
  resumeStore?: ResumeStore;
  /**
   * Where files' handles are kept beside their resume records (openBrowserFileHandleStore() in a
   * browser that gives handles): a file added with `source.fileHandle` can then be continued after
   * a restart without being chosen again (keptUploads, continueFromHandles). None by default.
   */
  fileHandles?: FileHandleStore;
  /** By default the browser's online/offline events, or always online in Node. */
  connectivity?: Connectivity;
  /** Files sent at the same time; DEFAULT_CONCURRENCY (3) by default. */
  concurrency?: number;
  /** Larger files are refused before any byte is sent; no limit by default. */
  maxFileSizeBytes?: number;
  /** The largest request the default transport sends, in bytes (DEFAULT_CHUNK_SIZE by default). */
  chunkSize?: number;
  /** Waits between retries, for tus requests and backend calls alike. */
  retryDelays?: readonly number[];
  /** How often getUploadStatus is asked about files being processed; 2000 ms by default. */
  statusPollIntervalMs?: number;
  /** The most often listeners hear of progress (state changes are told at once); 200 ms by default. */
  progressIntervalMs?: number;
  /** Milliseconds; Date.now by default. */
  now?: () => number;
  /**
   * Compare the md5 of each file (read again as the server confirms bytes) with the `hash` of the
   * file that arrived; a file that differs fails, to retry. On by default.
   */
  verifyIntegrity?: boolean;
  /**
   * Where those md5s run: on this thread by default (in a page, between pieces); browserMd5Hashing()
   * (md5/browser-md5-worker.ts) in a page and nodeMd5Thread() from the Node entry put them on a
   * worker. The queue stops it when it is disposed.
   */
  md5Hashing?: Md5Hashing;
  /**
   * What is known of this site's file hashes (whether they are md5s of the bytes), kept where it
   * outlives a reload: openBrowserHashHistory() in a page, FileHashHistory on disk; in memory by default.
   */
  hashHistory?: HashHistoryStore;
}

/** Said while the upload server gives this page no answer at all and nothing has reached it. */
export const UPLOAD_HOST_UNREACHABLE_NOTICE =
  "Your files cannot reach Wix's upload server from this page: it gives no answer (it may refuse this site's address, or a firewall or a browser extension blocks it), so nothing is being sent.";

/** A file to upload with its metadata, resolved once (resolveUploadMeta, withMeta). */
export interface QueuedFile {
  source: UploadSource;
  meta: UploadMeta;
}

type Listener = (snapshot: UploadQueueSnapshot) => void;

const idle = { bytesPerSecond: 0, secondsLeft: undefined } as const;

/**
 * The upload engine's front: the files to upload, the commands on them, and the snapshot a UI
 * renders (getSnapshot, subscribe). Underneath, QueueItems keeps the files and their snapshot, the
 * Scheduler decides what runs, each file's way is an UploadRun, ProcessingWatch follows files
 * the Media Manager processes and ProgressTicker paces progress. Framework-free.
 */
export class UploadQueue {
  private readonly backend: UploadBackend;
  private readonly server: ServerCalls;
  private readonly transport: ByteTransport;
  private readonly store: ResumeStore;
  private readonly fileHandles?: FileHandleStore;
  private readonly connectivity: Connectivity;
  private readonly maxFileSizeBytes: number;
  private readonly now: () => number;
  private readonly md5Hashing?: Md5Hashing;
  private readonly hashHistory: HashHistoryStore;
  /** The upload server gave no answer to the last request that reached for it. */
  private uploadHostSilent = false;
  /** Stops the work the queue does on its own (recording uploads finalized before a reload) when it is disposed. */
  private readonly lifetime = new AbortController();

  /** Sessions prepare() asked for, by the file's fingerprint, with the session request each was asked with. */
  private prepared = new Map<string, PreparedSession & { request: string }>();

  private readonly items: QueueItems;
  /** Files handed over a slice per task (beginAdding). */
  private readonly slicedAdds: SlicedAdds;
  private readonly scheduler: Scheduler;
  private readonly processing: ProcessingWatch;
  private readonly ticker: ProgressTicker;
  private readonly unsubscribeConnectivity: () => void;
  private online: boolean;
  private disposed = false;

  constructor(options: UploadQueueOptions) {
    this.connectivity = options.connectivity ?? defaultConnectivity();
    const retryDelays = options.retryDelays ?? DEFAULT_RETRY_DELAYS;
    this.transport =
      options.transport ?? createTusTransport({ chunkSize: options.chunkSize, retryDelays, connectivity: this.connectivity });
    const fetchFn: FetchLike = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.backend = options.backend;
    this.server = new ServerCalls(options.backend, fetchFn, this.connectivity, retryDelays);
    const store = options.resumeStore ?? new MemoryResumeStore();
    this.fileHandles = options.fileHandles;
    this.store = this.fileHandles ? forgettingFileHandles(store, this.fileHandles) : store;
    this.maxFileSizeBytes = options.maxFileSizeBytes ?? Number.POSITIVE_INFINITY;
    this.now = options.now ?? (() => Date.now());
    this.online = this.connectivity.isOnline();
    if (options.verifyIntegrity ?? true) this.md5Hashing = options.md5Hashing ?? md5OnThisThread;
    this.hashHistory = options.hashHistory ?? new MemoryHashHistory();
    this.items = new QueueItems(() => ({
      bytesPerSecond: this.ticker.overall.bytesPerSecond,
      online: this.online,
      concurrency: this.scheduler.limit,
      notices: this.notices(),
      adding: this.slicedAdds.coming,
      addingPaused: this.slicedAdds.comingPaused,
    }));
    this.slicedAdds = new SlicedAdds(
      (files, paused) => this.addNow(files, paused),
      () => this.items.publisher.changed(true),
    );
    this.scheduler = new Scheduler(
      (id) => this.items.get(id),
      {
        server: this.server,
        transport: this.transport,
        store: this.store,
        fileHandles: this.fileHandles,
        now: this.now,
        md5: this.md5Hashing,
        hashHistory: this.hashHistory,
        uploadHostAnswered: (answered) => this.uploadHostAnswered(answered),
      },
      {
        runEvents: (entry) => ({
          update: (patch, tellNow) => this.items.update(entry, patch, tellNow),
          sent: (bytes) => this.ticker.overall.record(bytes),
        }),
        started: (entry) => {
          this.ticker.start();
          this.items.update(entry, { state: 'uploading' });
        },
        processing: (entry, outcome) => {
          this.items.update(entry, { state: 'processing' });
          this.processing.watch(entry, outcome.fileId, outcome.report);
        },
        refused: (entry, error) => this.items.update(entry, { state: 'refused', error }),
        failed: (entry, error) => this.runFailed(entry, error),
      },
      { concurrency: options.concurrency ?? DEFAULT_CONCURRENCY, online: this.online },
    );
    this.processing = new ProcessingWatch(options.backend, options.statusPollIntervalMs ?? 2000, (entry, patch) =>
      this.items.update(entry, patch),
    );
    this.ticker = new ProgressTicker(
      options.progressIntervalMs ?? 200,
      this.now,
      (now) => this.sampleSpeeds(now),
      (overallChanged) => {
        if (overallChanged) this.items.publisher.changed(false);
        this.items.publisher.flush();
      },
    );
    this.unsubscribeConnectivity = this.connectivity.subscribe((online) => this.connectivityChanged(online));
    void this.recordFinalizedEarlier();
  }

  // ---- reading -------------------------------------------------------------------------------

  /** The same object until something changes, so it can be compared by identity. */
  getSnapshot(): UploadQueueSnapshot {
    return this.items.publisher.get();
  }

  getItem(id: string): UploadItem | undefined {
    return this.items.get(id)?.item;
  }

  /** Whether files' folders are made once per folder before their sessions (the backend's createFolderPath), which checks deep paths differently (PreflightContext.makesFolders). */
  get makesFolders(): boolean {
    return this.server.makesFolders;
  }

  /** Uploads begun earlier (e.g. before a reload) that no item of this queue continues: "select clip.mp4 again to resume". */
  unfinishedUploads(): ResumeRecord[] {
    return this.store.listUnfinished().filter((record) => record.fileId === undefined && !this.items.isTaken(record.fingerprint));
  }

  /**
   * The unfinished uploads, each with what the server holds of it now: the record keeps the bytes
   * confirmed at the end of a request, and a request cut short leaves more on the server than that.
   * Asks at most UNFINISHED_OFFSETS_ASKED of them, each once, for a few seconds at most; a server
   * that does not answer leaves the record as it was.
   */
  async unfinishedUploadsAsOnServer(): Promise<ResumeRecord[]> {
    const { offsetOf } = this.transport;
    const asked = this.unfinishedUploads().slice(0, UNFINISHED_OFFSETS_ASKED);
    if (offsetOf) {
      await Promise.all(
        asked.map(async (record) => {
          if (!record.tusUrl) return;
          const waited = new AbortController();
          const late = sleep(OFFSET_ANSWER_WAIT_MS, waited.signal).then(
            () => undefined,
            () => undefined,
          );
          const offset = await Promise.race([offsetOf.call(this.transport, record.tusUrl).catch(() => undefined), late]);
          waited.abort();
          const current = this.store.get(record.fingerprint);
          if (offset !== undefined && current && (current.bytesOnServer ?? 0) < offset)
            this.store.save({ ...current, bytesOnServer: offset });
        }),
      );
    }
    return this.unfinishedUploads();
  }

  /** The unfinished upload a re-selected file would continue, if any. */
  unfinishedUploadOf(source: UploadSource): ResumeRecord | undefined {
    return this.unfinishedUploads().find((record) => isSameFile(record, source));
  }

  /**
   * The unfinished uploads whose file's handle is kept, so they can continue without the file being
   * chosen again; handles whose record is gone (finished or forgotten elsewhere) are dropped.
   */
  async keptUploads(): Promise<KeptUpload[]> {
    if (!this.fileHandles) return [];
    const handles = await this.fileHandles.all();
    const recorded = new Set(this.store.listUnfinished().map((record) => record.fingerprint));
    const stale = [...handles.keys()].filter((fingerprint) => !recorded.has(fingerprint));
    if (stale.length > 0) await this.fileHandles.remove(stale);
    return this.unfinishedUploads().flatMap((record) => {
      const handle = handles.get(record.fingerprint);
      return handle ? [{ record, handle }] : [];
    });
  }

  /**
   * Continues kept uploads from their handles (reopen-files.ts; call it from the owner's click, the
   * browser asks for permission only then): each file the browser reopens unchanged continues from
   * the server's offset; the others are told with why, and stay unfinished.
   */
  async continueFromHandles(kept: readonly KeptUpload[]): Promise<Reopened[]> {
    const reopened = await reopenFiles(kept.filter(({ record }) => !this.items.isTaken(record.fingerprint)));
    for (const outcome of reopened) {
      if ('source' in outcome && !this.items.isTaken(outcome.record.fingerprint)) this.resumeUpload(outcome.source, outcome.record);
    }
    return reopened;
  }

  /** Listeners hear of state changes at once (batched per microtask) and of progress at most every progressIntervalMs. */
  subscribe(listener: Listener): () => void {
    return this.items.publisher.subscribe(listener);
  }

  // ---- commands ------------------------------------------------------------------------------

  /**
   * Adds files with their metadata; returns their items in order. A file refused by the checks
   * (limits, size, the same file twice) is an item in state failed with a fatal error saying why.
   */
  add(files: Iterable<QueuedFile>): UploadItem[] {
    return this.addNow([...files], false);
  }

  /**
   * Hands files to the queue over time, for a page: each `add` of the adding lists its files a
   * slice at a time (ADD_SLICE_FILES), each slice in a task of its own after the caller's, in the
   * order they were given; files announced with `expect` (still being opened, say) count in the
   * snapshot's `adding` until they are listed. Pause all adds the files still to come paused, Resume
   * all queued; Cancel all drops every file not listed yet, and the adding takes no more.
   */
  beginAdding(): QueueAdding {
    return this.slicedAdds.begin();
  }

  /**
   * Gets the server sessions of files about to be added ready (as many as are sent at once), so
   * that add() sends their first bytes without first waiting a round trip for one: a page calls it
   * as the user stages files. A session is used by the add() of the same file with the same
   * metadata; the others are dropped at the next call (a session is only a signed upload URL:
   * nothing waits for it on the server). The md5s' worker is started too.
   */
  prepare(files: Iterable<QueuedFile>): void {
    const next = new Map<string, PreparedSession & { request: string }>();
    for (const { source, meta } of [...files].slice(0, this.scheduler.limit)) {
      const fingerprint = uploadFingerprint(source, meta);
      const request = sessionRequestFor(source, meta);
      const asked = JSON.stringify(request);
      const earlier = this.prepared.get(fingerprint);
      next.set(
        fingerprint,
        earlier?.request === asked
          ? earlier
          : { since: this.now(), request: asked, session: this.server.createSession(request, this.lifetime.signal).catch(() => undefined) },
      );
    }
    this.prepared = next;
    if (next.size > 0) this.md5Hashing?.warmUp?.();
  }

  /**
   * Adds files the Media Manager imports from links (`sourceFromLink`): Wix fetches them, so no byte
   * is sent from here. Each goes importing → processing → ready, or failed (the import was not
   * accepted) or refused (Wix could not fetch or process it) with why; both can be imported again.
   */
  importLinks(links: Iterable<QueuedFile>): UploadItem[] {
    const entries = [...links].map(({ source, meta }) => this.items.create(source, meta, false));
    void this.runImports(entries);
    return entries.map((entry) => entry.item);
  }

  /** Continues an upload begun earlier (e.g. before a reload), with the metadata and the server session it was started with. */
  resumeUpload(source: UploadSource, record: ResumeRecord): UploadItem {
    const entry = this.items.create(source, record.meta, true);
    if (record.size === source.size) {
      entry.session = { uploadUrl: record.uploadUrl, uploadToken: record.uploadToken };
      entry.sessionSince = record.createdAt;
      entry.tusUrl = record.tusUrl;
    }
    this.admit(entry);
    this.scheduler.pump();
    return entry.item;
  }

  /** Stops sending a queued or uploading file; the server keeps what it received. */
  async pause(id: string): Promise<void> {
    const entry = this.items.get(id);
    if (!entry) return;
    if (entry.item.state === 'paused') {
      // The user's pause wins over the network's: it will not resume by itself.
      if (entry.item.pauseReason === 'offline') this.items.update(entry, { pauseReason: 'user' });
      return;
    }
    if (!entry.item.actions.pause) return;
    const stopped = this.scheduler.stop(entry);
    this.items.update(entry, { state: 'paused', pauseReason: 'user', ...idle });
    await stopped;
  }

  resume(id: string): void {
    const entry = this.items.get(id);
    if (!entry?.item.actions.resume) return;
    this.enqueue(entry);
    this.scheduler.pump();
  }

  /** Stops a file for good: the server deletes its upload (tus termination) and the resume record goes. */
  async cancel(id: string): Promise<void> {
    const entry = this.items.get(id);
    if (!entry || !isCancellable(entry.item.state)) return;
    const stopped = this.scheduler.stop(entry, true);
    const tusUrl = entry.tusUrl;
    this.forgetSession(entry);
    this.items.update(entry, { state: 'cancelled', pauseReason: undefined, error: undefined, ...idle });
    await stopped;
    if (tusUrl) await this.transport.terminate(tusUrl).catch(() => undefined); // gone already, or the server expires it
  }

  /**
   * Tries a failed or cancelled file again, checking it again first; it continues its upload when
   * the server still has it. `displayName` renames it first (e.g. when the server refused the name).
   * A refused file is not sent again: its bytes all arrived and were refused.
   */
  retry(id: string, changes: { displayName?: string } = {}): void {
    const entry = this.items.get(id);
    if (!entry?.item.actions.retry) return;
    if (changes.displayName !== undefined && changes.displayName !== entry.meta.displayName) this.rename(entry, changes.displayName);
    if (entry.source.link !== undefined) {
      if (entry.item.fileId) this.processing.forget(entry.item.fileId);
      void this.runImports([entry]);
      return;
    }
    const refusal = this.preflight(entry);
    if (refusal) {
      this.items.update(entry, { state: 'failed', error: refusal });
      return;
    }
    if (entry.item.fileId) this.processing.forget(entry.item.fileId);
    const restart: ItemPatch = entry.session
      ? {}
      : { bytesUploaded: 0, fileId: undefined, url: undefined, thumbnailUrl: undefined, mediaType: undefined, verified: undefined };
    this.items.update(entry, { ...restart, failureCode: undefined, failureDescription: undefined });
    this.enqueue(entry);
    this.scheduler.pump();
  }

  /**
   * Gives up an upload begun before a reload that nobody will continue: the server deletes what it
   * received and the record goes. Does nothing to a file this queue is sending.
   */
  async forgetUnfinished(fingerprint: string): Promise<void> {
    if (this.items.isTaken(fingerprint)) return;
    const record = this.store.get(fingerprint);
    if (!record) return;
    this.store.remove(fingerprint);
    if (record.tusUrl) await this.transport.terminate(record.tusUrl).catch(() => undefined); // gone already, or the server expires it
  }

  /** Cancels the file if it is still going, and takes it off the list. */
  async remove(id: string): Promise<void> {
    const entry = this.items.get(id);
    if (!entry) return;
    const cancelled = isCancellable(entry.item.state) ? this.cancel(id) : this.scheduler.stop(entry);
    this.forget(entry);
    await cancelled;
  }

  pauseAll(): Promise<void> {
    this.slicedAdds.pauseAll();
    return Promise.all(this.items.idsIn('queued', 'uploading').map((id) => this.pause(id))).then(() => undefined);
  }

  /** Resumes the files the user paused; those paused for the network resume with it. */
  resumeAll(): void {
    this.slicedAdds.resumeAll();
    for (const entry of this.items.all()) {
      if (entry.item.state === 'paused' && entry.item.pauseReason === 'user') this.enqueue(entry);
    }
    this.scheduler.pump();
  }

  cancelAll(): Promise<void> {
    this.slicedAdds.cancelAll();
    return Promise.all(this.items.idsIn('queued', 'uploading', 'paused').map((id) => this.cancel(id))).then(() => undefined);
  }

  /** Retries every failed file whose error is not fatal. */
  retryFailed(): void {
    for (const id of this.items.idsIn('failed')) {
      if (this.items.get(id)?.item.error?.fatal === false) this.retry(id);
    }
  }

  /** Takes the files that ended for good off the list: ready, cancelled and refused ones. */
  clearFinished(): void {
    for (const id of this.items.idsIn('ready', 'cancelled', 'refused')) {
      const entry = this.items.get(id);
      if (entry) this.forget(entry);
    }
  }

  /** Takes effect as slots free up: running files are not stopped when it is lowered. */
  setConcurrency(concurrency: number): void {
    this.scheduler.setConcurrency(concurrency);
    this.items.publisher.changed(true);
  }

  /** Stops everything without deleting server uploads or resume records (as a page unload would). */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.lifetime.abort();
    this.slicedAdds.cancelAll();
    const stopped = this.scheduler.stopAll(this.items.all());
    this.processing.stop();
    this.ticker.stop();
    this.unsubscribeConnectivity();
    this.items.publisher.clear();
    await stopped;
    this.md5Hashing?.dispose();
  }

  // ---- inside ----------------------------------------------------------------------------------

  private notices(): QueueNotice[] {
    const notices: QueueNotice[] = [];
    if (this.uploadHostSilent) notices.push({ kind: 'upload-host-unreachable', message: UPLOAD_HOST_UNREACHABLE_NOTICE });
    if (hashesAreNotMd5(this.hashHistory.read())) notices.push({ kind: 'hash-not-md5', message: HASH_NOT_MD5_NOTICE });
    return notices;
  }

  private uploadHostAnswered(answered: boolean): void {
    if (this.uploadHostSilent === !answered) return;
    this.uploadHostSilent = !answered;
    this.items.publisher.changed(true);
  }

  /**
   * Uploads finalized before a reload whose record never reached the app's log (the page closed in
   * between): recorded now, without their files. One left unanswered is tried again next time.
   */
  private async recordFinalizedEarlier(): Promise<void> {
    const signal = this.lifetime.signal;
    for (const record of this.store.listUnfinished()) {
      if (record.fileId === undefined || signal.aborted) continue;
      try {
        const report = await this.server.record(finalizedUploadOf(record.fileId, record.size, record.meta), signal);
        if (report) this.store.remove(record.fingerprint);
      } catch {
        if (signal.aborted) return;
        this.store.remove(record.fingerprint); // refused: the file is no longer in the Media Manager
      }
    }
  }

  /** The session prepare() got ready for this file, if it was asked with the same request and is fresh; looked up by fingerprint, so adding many files costs no more per file than the lookup. */
  private takePrepared(entry: FileEntry): PreparedSession | undefined {
    const prepared = this.prepared.get(entry.fingerprint);
    if (!prepared) return undefined;
    this.prepared.delete(entry.fingerprint);
    if (prepared.request !== JSON.stringify(sessionRequestFor(entry.source, entry.meta))) return undefined;
    return this.now() - prepared.since < PREPARED_SESSION_MS ? prepared : undefined;
  }

  /** Asks the backend to import the entries' links, after checking each; then follows each file Wix made. */
  private async runImports(entries: FileEntry[]): Promise<void> {
    const admitted = entries.filter((entry) => {
      const refusal = checkBeforeImport(entry.source, entry.meta, entry.fingerprint, {
        isQueued: (fingerprint) => this.items.isTaken(fingerprint, entry.id),
      });
      this.items.update(
        entry,
        refusal
          ? { state: 'failed', error: refusal }
          : { state: 'importing', error: undefined, fileId: undefined, failureCode: undefined, failureDescription: undefined },
      );
      return refusal === undefined;
    });
    if (admitted.length === 0) return;
    const outcomes = await importThroughBackend(
      this.backend,
      admitted.map((entry) => linkImportFor(entry.source, entry.meta)),
    );
    if (this.disposed) return;
    admitted.forEach((entry, index) => {
      const outcome = outcomes[index];
      // Taken off the list meanwhile: Wix has the file all the same, and recent uploads show it.
      if (!outcome || this.items.get(entry.id) !== entry || entry.item.state !== 'importing') return;
      if (!outcome.ok) {
        this.items.update(entry, { state: 'failed', error: outcome.error });
        return;
      }
      this.items.update(entry, { state: 'processing', fileId: outcome.report.fileId });
      this.processing.watch(entry, outcome.report.fileId, outcome.report);
    });
  }

  /** Lists the files and admits each (paused: as the user paused it, not sent until resumed); returns their items in order. */
  private addNow(files: readonly QueuedFile[], paused: boolean): UploadItem[] {
    const added = files.map(({ source, meta }) => {
      const entry = this.items.create(source, meta, false);
      entry.prepared = this.takePrepared(entry);
      if (!paused) return this.admit(entry);
      const refusal = this.preflight(entry);
      this.items.update(entry, refusal ? { state: 'failed', error: refusal } : { state: 'paused', pauseReason: 'user' });
      return entry;
    });
    this.scheduler.pump();
    return added.map((entry) => entry.item);
  }

  /** Queues the entry, or fails it with why it must not be sent. */
  private admit(entry: FileEntry): FileEntry {
    const refusal = this.preflight(entry);
    if (refusal) this.items.update(entry, { state: 'failed', error: refusal });
    else this.enqueue(entry);
    return entry;
  }

  private rename(entry: FileEntry, displayName: string): void {
    entry.meta = { ...entry.meta, displayName };
    this.items.update(entry, { meta: entry.meta });
    const record = this.store.get(entry.fingerprint);
    if (record) this.store.save({ ...record, meta: entry.meta });
  }

  private preflight(entry: FileEntry): UploadError | undefined {
    return checkBeforeUpload(entry.source, entry.meta, entry.fingerprint, {
      maxFileSizeBytes: this.maxFileSizeBytes,
      isQueued: (fingerprint) => this.items.isTaken(fingerprint, entry.id),
      makesFolders: this.server.makesFolders,
    });
  }

  private enqueue(entry: FileEntry): void {
    this.items.update(entry, { state: 'queued', pauseReason: undefined, error: undefined, ...idle });
    this.scheduler.enqueue(entry);
  }

  private runFailed(entry: FileEntry, error: UploadError): void {
    if (!error.fatal && !this.connectivity.isOnline()) {
      this.items.update(entry, { state: 'paused', pauseReason: 'offline', ...idle });
      return;
    }
    this.items.update(entry, { state: 'failed', error, ...idle });
  }

  private connectivityChanged(online: boolean): void {
    if (this.disposed || online === this.online) return;
    this.online = online;
    if (!online) {
      this.scheduler.setOnline(false); // first: the slots the paused files give up must stay free
      for (const entry of this.scheduler.sendingEntries()) {
        if (entry.item.state !== 'uploading') continue;
        void this.scheduler.stop(entry);
        this.items.update(entry, { state: 'paused', pauseReason: 'offline', ...idle });
      }
    } else {
      for (const entry of this.items.all()) {
        if (entry.item.state === 'paused' && entry.item.pauseReason === 'offline') this.enqueue(entry);
      }
      this.scheduler.setOnline(true);
    }
    this.items.publisher.changed(true);
  }

  private forget(entry: FileEntry): void {
    this.scheduler.dequeue(entry.id);
    if (entry.item.fileId) this.processing.forget(entry.item.fileId);
    this.items.remove(entry);
  }

  /** The session is spent or gone: the next attempt starts a new one. */
  private forgetSession(entry: FileEntry): void {
    entry.session = undefined;
    entry.tusUrl = undefined;
    this.store.remove(entry.fingerprint);
  }

  /** Samples the speeds of the files being sent (not of all files); how many there are. */
  private sampleSpeeds(now: number): number {
    const sending = this.scheduler.sendingEntries();
    for (const entry of sending) {
      if (!entry.meter.running) continue;
      const bytesPerSecond = entry.meter.sample(now);
      const left = secondsLeft(entry.source.size - entry.item.bytesUploaded, bytesPerSecond);
      if (bytesPerSecond !== entry.item.bytesPerSecond || left !== entry.item.secondsLeft) {
        this.items.update(entry, { bytesPerSecond, secondsLeft: left }, false);
      }
    }
    return sending.length;
  }
}
