import type { LostUpload, UploadSession, UploadStatusReport } from '../../shared/upload-methods';
import type { ByteTransport, RunningTransfer, TransferOutcome } from '../byte-transport';
import type { FinalizeResult } from './finalize';
import { sessionRequestFor } from './preflight';
import type { ItemPatch } from '../processing/processing-status';
import { resumeRecordFor, type ResumeStore } from '../resume/resume-store';
import type { ServerCalls } from './server-calls';
import { UploadFailure, type UploadError } from '../upload-error';
import { RunningMd5 } from './integrity';
import type { FileEntry } from '../file-entry';
import { checkArrival, type Arrival, type HashHistoryStore } from './arrival-check';
import { finalizedUploadOf } from './finalized-upload';
import type { Md5Hashing } from '../md5/md5-hashing';
import type { FileHandleStore } from '../resume/file-handles';

export interface UploadRunDeps {
  server: ServerCalls;
  transport: ByteTransport;
  store: ResumeStore;
  /** Where a file's handle is kept beside its resume record, when the browser gives handles. */
  fileHandles?: FileHandleStore;
  /** Milliseconds, for the speed meter. */
  now: () => number;
  /** Where the md5 of each file runs, to compare with the `hash` of what arrived; none: files are checked by size only. */
  md5?: Md5Hashing;
  /** What is known of this site's hashes (whether they are md5s), kept across reloads. */
  hashHistory: HashHistoryStore;
  /** The upload server gave no answer at all (true), or answered again (false). */
  uploadHostAnswered?(answered: boolean): void;
}

/** What a run tells its scheduler; nothing once it is stopped. */
export interface UploadRunEvents {
  /** A change of the file's item: state changes are told at once, progress with the ticker. */
  update(patch: ItemPatch, tellNow?: boolean): void;
  /** New bytes went out (for the overall speed). */
  sent(bytes: number): void;
  /** Every byte is on the server: the file no longer needs a sending slot. */
  bytesDone(): void;
}

/**
 * The md5 reads a little ahead of the bytes being sent (HASH_LOOKAHEAD_BYTES), a step at a time:
 * each byte is read from disk once, by the md5 or the upload, and found cached by the other; the
 * md5 is done as the last byte is sent; and its saved state (one per step) stays ahead of what the
 * server holds, so after a reload nothing the server has is read again.
 */
const HASH_LOOKAHEAD_BYTES = 8 * 1024 * 1024;
const HASH_STEP_BYTES = 4 * 1024 * 1024;

/** How far this machine's clock and Wix's may differ, when asking for files made since a session began. */
const CLOCK_SKEW_MS = 10 * 60_000;

export type RunOutcome =
  | { status: 'processing'; fileId: string; report?: UploadStatusReport }
  /** Every byte arrived, and the backend refused to record the file: sending it again cannot help. */
  | { status: 'refused'; error: UploadError }
  | { status: 'stopped' };

/**
 * One attempt at one file's way: session → tus → finalize → record. It continues the entry's
 * session when there is one, starts over once with a new session when the server lost it, and
 * ends with the file being processed (the scheduler then watches its status). Throws an
 * UploadFailure when the file cannot go on; stop() ends it at once, leaving the server's bytes.
 */
export class UploadRun {
  private readonly controller = new AbortController();
  private transfer?: RunningTransfer;
  /** The file's md5 in the making (its WebAssembly starts while the session is created). */
  private hasher?: Promise<RunningMd5>;
  private stopped = false;
  /** Set when stopped for good: an upload the server creates after that is deleted at once. */
  private terminateLate = false;
  private lastBytesSent?: number;
  private hashAskedTo = 0;
  readonly done: Promise<RunOutcome>;

  /** `slot`: when given, the run creates its session, then waits for it before sending any byte. */
  constructor(
    private readonly entry: FileEntry,
    private readonly deps: UploadRunDeps,
    private readonly events: UploadRunEvents,
    private readonly slot?: Promise<void>,
  ) {
    this.done = this.go();
  }

  /** Stops the run; resolves when its transfer has stopped. `forGood`: the upload is being cancelled. */
  stop(forGood = false): Promise<void> {
    this.stopped = true;
    this.terminateLate = forGood;
    this.controller.abort();
    return this.transfer?.abort().catch(() => undefined) ?? Promise.resolve();
  }

  private async go(): Promise<RunOutcome> {
    try {
      return await this.pipeline();
    } catch (error) {
      if (this.stopped) return { status: 'stopped' };
      throw error;
    }
  }

  private async pipeline(): Promise<RunOutcome> {
    const { entry, deps } = this;
    const { signal } = this.controller;
    let restarted = false;
    let session: UploadSession;
    let earlier: FinalizeResult | undefined;
    this.hasher = this.md5Of(entry);
    for (;;) {
      if (!entry.session) {
        const { prepared } = entry;
        entry.prepared = undefined;
        entry.sessionSince = prepared?.since ?? deps.now();
        // Without a prepared session the request goes out at once (no await before it), as it always did.
        const fromPrepared = prepared ? await prepared.session : undefined;
        entry.session = fromPrepared ?? (await deps.server.createSession(sessionRequestFor(entry.source, entry.meta), signal));
      }
      session = entry.session;
      if (this.stopped) return { status: 'stopped' };
      await this.slot;
      if (this.stopped) return { status: 'stopped' };
      const outcome = await this.send(session);
      if (this.stopped || outcome.status === 'aborted') return { status: 'stopped' };
      if (outcome.status === 'complete') break;
      if (outcome.sessionGone && !restarted) {
        // The token's upload is lost to us (a creation whose answer was lost, an expired or deleted upload).
        // A finalize that succeeded unseen (its answer lost) also deletes the tus upload: ask before starting over.
        earlier = await deps.server.finalizedEarlier(session, entry.meta.displayName, this.lostUpload(), signal);
        if (this.stopped) return { status: 'stopped' };
        if (earlier) break;
        this.forgetSession();
        this.tell({ bytesUploaded: 0 });
        restarted = true;
        continue;
      }
      if (outcome.sessionGone) this.forgetSession();
      throw new UploadFailure(outcome.error);
    }

    entry.meter.stop();
    this.events.bytesDone();
    this.tell({ state: 'finalizing', bytesUploaded: entry.source.size, bytesPerSecond: 0, secondsLeft: undefined });
    // The rest of the file is hashed while the finalize runs.
    const md5 = this.hasher?.then((hasher) => hasher.digest(entry.source.size));
    const finalized = earlier ?? (await this.finalize(session, signal));
    if (this.stopped) return { status: 'stopped' };
    this.keepFinalized(session, finalized.fileId);
    const arrival = await this.checkArrived(finalized, md5, signal);
    if (this.stopped) return { status: 'stopped' };
    this.tell({
      fileId: finalized.fileId,
      url: finalized.file?.url,
      thumbnailUrl: finalized.file?.thumbnailUrl,
      mediaType: finalized.file?.mediaType,
      verified: arrival.verdict === 'verified' ? true : undefined,
      integrityNote: arrival.verdict === 'size-checked' ? arrival.note : undefined,
    });
    if (arrival.verdict === 'bad-copy') return this.badCopy(finalized.fileId, arrival.reason, await md5, signal);
    let report: UploadStatusReport | undefined;
    try {
      report = await this.record(finalized.fileId, signal);
    } catch (error) {
      if (this.stopped || !(error instanceof UploadFailure)) throw error;
      return { status: 'refused', error: error.detail };
    }
    if (this.stopped) return { status: 'stopped' };
    return { status: 'processing', fileId: finalized.fileId, report };
  }

  /** Records the finalized file in the app's log; the resume record (which says it is finalized) goes once the backend answered. */
  private async record(fileId: string, signal: AbortSignal): Promise<UploadStatusReport | undefined> {
    const { entry, deps } = this;
    let report: UploadStatusReport | undefined;
    try {
      report = await deps.server.record(finalizedUploadOf(fileId, entry.source.size, entry.meta), signal);
    } catch (error) {
      if (!this.stopped) deps.store.remove(entry.fingerprint); // refused: the file is not in the Media Manager
      throw error;
    }
    // No answer at all: the record stays, and the queue records the file when it next starts.
    if (report && !this.stopped) deps.store.remove(entry.fingerprint);
    return report;
  }

  /** Compares what arrived with the chosen file: its size always, its md5 when Wix's hash is one (arrival-check.ts). */
  private async checkArrived(
    finalized: FinalizeResult,
    md5: Promise<string | undefined> | undefined,
    signal: AbortSignal,
  ): Promise<Arrival> {
    const mine = await md5;
    // An earlier finalize whose answer was lost named only the file: its size is asked for.
    const arrived = finalized.file ?? (await this.deps.server.describe(finalized.fileId, signal)) ?? {};
    return checkArrival(this.entry.source.size, mine, arrived, this.deps.hashHistory);
  }

  /**
   * A copy that surely is not the chosen file: removed when the backend can (and agrees), so a
   * retry leaves no second copy; otherwise kept, recorded, and the file is not sent again.
   */
  private async badCopy(fileId: string, reason: string, md5: string | undefined, signal: AbortSignal): Promise<RunOutcome> {
    const { entry, deps } = this;
    const removed = await deps.server.discard(fileId, { sizeInBytes: String(entry.source.size), md5 }, signal);
    if (this.stopped) return { status: 'stopped' };
    if (removed) {
      deps.store.remove(entry.fingerprint);
      throw new UploadFailure({ code: 'INTEGRITY', message: `${reason} It was removed: retry to send it again.`, fatal: false });
    }
    await this.record(fileId, signal);
    if (this.stopped) return { status: 'stopped' };
    throw new UploadFailure({
      code: 'INTEGRITY',
      message: `${reason} It could not be removed, so it is kept as it arrived and not sent again.`,
      fatal: true,
    });
  }

  private send(session: UploadSession): Promise<TransferOutcome> {
    const { entry, deps } = this;
    entry.meter.start(deps.now());
    const transfer = deps.transport.start({
      data: entry.source.data,
      size: entry.source.size,
      session,
      metadata: { filename: entry.meta.displayName, contentType: entry.meta.mimeType, token: session.uploadToken },
      resumeUrl: entry.tusUrl,
      onUrl: (url) => {
        deps.uploadHostAnswered?.(true);
        if (!this.stopped) {
          entry.tusUrl = url;
          const createdAt = deps.store.get(entry.fingerprint)?.createdAt ?? deps.now();
          deps.store.save(resumeRecordFor(entry.source, entry.meta, session, url, createdAt));
          if (entry.source.fileHandle) void deps.fileHandles?.save(entry.fingerprint, entry.source.fileHandle);
        } else if (this.terminateLate) {
          // Created while being cancelled: nobody will ever continue it.
          void deps.transport.terminate(url).catch(() => undefined);
        }
      },
      onProgress: (bytesSent) => {
        this.progressed(bytesSent, true);
        this.hashAhead(Math.min(entry.source.size, bytesSent + HASH_LOOKAHEAD_BYTES));
      },
      onUnanswered: () => deps.uploadHostAnswered?.(false),
      onAccepted: (bytesAccepted) => {
        deps.uploadHostAnswered?.(true);
        this.progressed(bytesAccepted, false);
        this.noteBytesOnServer(bytesAccepted);
        this.hashAhead(bytesAccepted, true);
      },
    });
    this.transfer = transfer;
    return transfer.done;
  }

  /** tus reports progress from the start of the file; after a retry it may report less than before. */
  private progressed(bytes: number, sent: boolean): void {
    if (this.stopped) return;
    const { entry } = this;
    if (sent) {
      const previous = this.lastBytesSent;
      this.lastBytesSent = bytes;
      if (previous !== undefined && bytes > previous) {
        entry.meter.record(bytes - previous);
        this.events.sent(bytes - previous);
      }
    }
    const uploaded = Math.min(bytes, entry.source.size);
    if (uploaded > entry.item.bytesUploaded) this.events.update({ bytesUploaded: uploaded }, false);
  }

  /** Asks the md5 to go as far as `bytes`: at once when `now` or the file's end, else once a step further than it was asked. */
  private hashAhead(bytes: number, now = bytes === this.entry.source.size): void {
    if (bytes <= this.hashAskedTo || (!now && bytes < this.hashAskedTo + HASH_STEP_BYTES)) return;
    this.hashAskedTo = bytes;
    void this.hasher?.then((hasher) => hasher.advanceTo(bytes));
  }

  /** The file's md5 in the making, continued from the resume record's progress when there is one. */
  private md5Of(entry: FileEntry): Promise<RunningMd5> | undefined {
    const { read, workerReadable } = entry.source;
    const { md5 } = this.deps;
    if (!md5 || !read) return undefined;
    entry.md5 ??= RunningMd5.start(md5, { read, workerReadable }, this.deps.store.get(entry.fingerprint)?.hash, (hash) => {
      const record = this.deps.store.get(entry.fingerprint);
      if (record) this.deps.store.save({ ...record, hash });
    });
    return entry.md5;
  }

  /** Keeps the server's confirmed offset with the resume record, so a page after a reload can say how much is there. */
  private noteBytesOnServer(bytes: number): void {
    if (this.stopped) return;
    const record = this.deps.store.get(this.entry.fingerprint);
    if (record && (record.bytesOnServer ?? 0) < bytes) this.deps.store.save({ ...record, bytesOnServer: bytes });
  }

  private async finalize(session: UploadSession, signal: AbortSignal): Promise<FinalizeResult> {
    try {
      return await this.deps.server.finalize(session, this.entry.meta.displayName, this.lostUpload(), signal);
    } catch (error) {
      if (error instanceof UploadFailure && error.options.sessionGone) this.forgetSession();
      throw error;
    }
  }

  /**
   * The session is spent: the file exists. Its resume record stays, saying so, until the file is
   * recorded in the app's log: a page closed before that still has it recorded when it comes back.
   */
  private keepFinalized(session: UploadSession, fileId: string): void {
    const { entry, deps } = this;
    entry.session = undefined;
    entry.tusUrl = undefined;
    const record = deps.store.get(entry.fingerprint) ?? resumeRecordFor(entry.source, entry.meta, session, undefined, deps.now());
    deps.store.save({ ...record, tusUrl: undefined, hash: undefined, fileId });
  }

  /** What finds this file in the Media Manager if a finalize's answer is lost and Wix's next answers do not name it. */
  private lostUpload(): LostUpload {
    const { entry } = this;
    const since = (entry.sessionSince ?? this.deps.now()) - CLOCK_SKEW_MS;
    return {
      displayName: entry.meta.displayName,
      sizeInBytes: String(entry.source.size),
      since: new Date(since).toISOString(),
      private: entry.meta.private ?? false,
    };
  }

  /** The session is spent or gone: the next attempt starts a new one. */
  private forgetSession(): void {
    this.entry.session = undefined;
    this.entry.tusUrl = undefined;
    this.deps.store.remove(this.entry.fingerprint);
  }

  private tell(patch: ItemPatch): void {
    if (!this.stopped) this.events.update(patch);
  }
}
