import { toUploadError, type UploadError } from '../upload-error';
import type { FileEntry } from '../file-entry';
import { type RunOutcome, UploadRun, type UploadRunDeps, type UploadRunEvents } from '../run/upload-run';

/** What the scheduler tells the queue about the runs it starts. */
export interface SchedulerEvents {
  /** The run's own events (progress, state changes); bytesDone is handled here. */
  runEvents(entry: FileEntry): Omit<UploadRunEvents, 'bytesDone'>;
  started(entry: FileEntry): void;
  processing(entry: FileEntry, outcome: Extract<RunOutcome, { status: 'processing' }>): void;
  /** Every byte arrived and the file was refused (see RunOutcome). */
  refused(entry: FileEntry, error: UploadError): void;
  failed(entry: FileEntry, error: UploadError): void;
}

/**
 * Decides what runs: files wait in the order they were queued, and at most `concurrency` of them
 * send bytes at once (a file gives its slot up as soon as its bytes are all on the server, before
 * its finalize), none while offline. Each file runs as an UploadRun.
 *
 * While every slot is taken, up to `concurrency` of the next files get their server session
 * ready (they stay queued, sending nothing), so a freed slot sends the next file's bytes without
 * first waiting for a session: on a link with a long round trip, that wait would leave it idle.
 */
export class Scheduler {
  private readonly waiting = new Set<string>();
  private readonly sending = new Set<string>();
  /** Runs getting their session ready, in the order they were started; each waits for its slot. */
  private readonly preparing = new Map<string, () => void>();
  private readonly runs = new Map<string, UploadRun>();
  private concurrency: number;
  private online: boolean;
  private stopped = false;

  constructor(
    private readonly entryOf: (id: string) => FileEntry | undefined,
    private readonly deps: UploadRunDeps,
    private readonly events: SchedulerEvents,
    options: { concurrency: number; online: boolean },
  ) {
    this.concurrency = normalizeConcurrency(options.concurrency);
    this.online = options.online;
  }

  get limit(): number {
    return this.concurrency;
  }

  /** The files sending bytes now. */
  sendingEntries(): FileEntry[] {
    return [...this.sending].flatMap((id) => this.entryOf(id) ?? []);
  }

  enqueue(entry: FileEntry): void {
    this.waiting.add(entry.id);
  }

  dequeue(id: string): void {
    this.waiting.delete(id);
  }

  setConcurrency(concurrency: number): void {
    this.concurrency = normalizeConcurrency(concurrency);
    this.pump();
  }

  /** Offline: nothing starts (the queue pauses what was running). Online again: waiting files start. */
  setOnline(online: boolean): void {
    this.online = online;
    this.pump();
  }

  /** Gives free slots to prepared files first, then to waiting ones; starts preparing the next files. */
  pump(): void {
    if (this.stopped || !this.online) return;
    for (const [id, mayStartSending] of this.preparing) {
      if (this.sending.size >= this.concurrency) break;
      const entry = this.entryOf(id);
      this.preparing.delete(id);
      if (!entry) continue;
      this.sending.add(id);
      this.events.started(entry);
      mayStartSending();
    }
    for (const id of this.waiting) {
      const sendNow = this.sending.size < this.concurrency;
      if (!sendNow && this.preparing.size >= this.concurrency) return;
      this.waiting.delete(id);
      const entry = this.entryOf(id);
      if (entry?.item.state === 'queued') this.start(entry, sendNow);
    }
  }

  /** Stops the entry's run, if any; resolves when its transfer has stopped. `forGood`: it is being cancelled. */
  stop(entry: FileEntry, forGood = false): Promise<void> {
    const run = this.runs.get(entry.id);
    this.runs.delete(entry.id);
    this.waiting.delete(entry.id);
    this.preparing.delete(entry.id);
    entry.meter.stop();
    this.release(entry);
    return run?.stop(forGood) ?? Promise.resolve();
  }

  stopAll(entries: Iterable<FileEntry>): Promise<void> {
    this.stopped = true;
    return Promise.all([...entries].map((entry) => this.stop(entry))).then(() => undefined);
  }

  /** `sendNow`: it takes a slot; otherwise it prepares its session and waits for one (see pump). */
  private start(entry: FileEntry, sendNow: boolean): void {
    let mayStartSending: () => void = () => undefined;
    const slot = sendNow ? undefined : new Promise<void>((resolve) => (mayStartSending = resolve));
    const run = new UploadRun(entry, this.deps, { ...this.events.runEvents(entry), bytesDone: () => this.release(entry) }, slot);
    this.runs.set(entry.id, run);
    if (sendNow) {
      this.sending.add(entry.id);
      this.events.started(entry);
    } else {
      this.preparing.set(entry.id, mayStartSending);
    }
    const ended = () => {
      if (this.runs.get(entry.id) !== run) return false;
      this.runs.delete(entry.id);
      this.preparing.delete(entry.id);
      entry.meter.stop();
      this.release(entry);
      return !this.stopped;
    };
    run.done.then(
      (outcome) => {
        if (!ended()) return;
        if (outcome.status === 'processing') this.events.processing(entry, outcome);
        else if (outcome.status === 'refused') this.events.refused(entry, outcome.error);
      },
      (error: unknown) => {
        if (ended()) this.events.failed(entry, toUploadError(error));
      },
    );
  }

  private release(entry: FileEntry): void {
    if (this.sending.delete(entry.id)) this.pump();
  }
}

function normalizeConcurrency(concurrency: number): number {
  return Number.isFinite(concurrency) ? Math.max(1, Math.floor(concurrency)) : 1;
}
