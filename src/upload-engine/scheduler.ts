import { toUploadError, type UploadError } from './upload-error';
import { type FileEntry, type RunOutcome, UploadRun, type UploadRunDeps, type UploadRunEvents } from './upload-run';

/** What the scheduler tells the queue about the runs it starts. */
export interface SchedulerEvents {
  /** The run's own events (progress, state changes); bytesDone is handled here. */
  runEvents(entry: FileEntry): Omit<UploadRunEvents, 'bytesDone'>;
  started(entry: FileEntry): void;
  processing(entry: FileEntry, outcome: Extract<RunOutcome, { status: 'processing' }>): void;
  failed(entry: FileEntry, error: UploadError): void;
}

/**
 * Decides what runs: files wait in the order they were queued, and at most `concurrency` of them
 * send bytes at once (a file gives its slot up as soon as its bytes are all on the server, before
 * its finalize), none while offline. Each file runs as an UploadRun.
 */
export class Scheduler {
  private readonly waiting = new Set<string>();
  private readonly sending = new Set<string>();
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

  /** Starts waiting files while slots are free. */
  pump(): void {
    if (this.stopped || !this.online) return;
    for (const id of this.waiting) {
      if (this.sending.size >= this.concurrency) return;
      this.waiting.delete(id);
      const entry = this.entryOf(id);
      if (entry?.item.state === 'queued') this.start(entry);
    }
  }

  /** Stops the entry's run, if any; resolves when its transfer has stopped. `forGood`: it is being cancelled. */
  stop(entry: FileEntry, forGood = false): Promise<void> {
    const run = this.runs.get(entry.id);
    this.runs.delete(entry.id);
    this.waiting.delete(entry.id);
    entry.meter.stop();
    this.release(entry);
    return run?.stop(forGood) ?? Promise.resolve();
  }

  stopAll(entries: Iterable<FileEntry>): Promise<void> {
    this.stopped = true;
    return Promise.all([...entries].map((entry) => this.stop(entry))).then(() => undefined);
  }

  private start(entry: FileEntry): void {
    const run = new UploadRun(entry, this.deps, { ...this.events.runEvents(entry), bytesDone: () => this.release(entry) });
    this.runs.set(entry.id, run);
    this.sending.add(entry.id);
    this.events.started(entry);
    const ended = () => {
      if (this.runs.get(entry.id) !== run) return false;
      this.runs.delete(entry.id);
      entry.meter.stop();
      this.release(entry);
      return !this.stopped;
    };
    run.done.then(
      (outcome) => {
        if (ended() && outcome.status === 'processing') this.events.processing(entry, outcome);
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
