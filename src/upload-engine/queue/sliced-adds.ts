/**
 * Files that reach a queue over time, added a slice at a time, each slice in a task of its own: a
 * page that hands 10,000 files to the queue at a click would otherwise hold its main thread for the
 * whole list (each file is checked, listed and counted) and draw the queue in the same task.
 */
import type { QueuedFile } from './upload-queue';

/**
 * The most files added per task, and how long a task goes on adding: 250 files took 12–30 ms in
 * Node on a 2-core machine under a load of 21, so a task stops sooner, after a part of 50 files,
 * once SLICE_MS is spent.
 */
export const ADD_SLICE_FILES = 250;
const SLICE_PART_FILES = 50;
const SLICE_MS = 10;

/**
 * Gives the thread back, then resumes: `scheduler.yield()` where the browser has it (Chromium 129+:
 * the rest runs before tasks queued meanwhile, so adding is not starved by the uploads' own events,
 * while input and drawing still go between); else a MessageChannel message, which, unlike a
 * `setTimeout(0)`, is neither clamped to 4 ms once nested nor held to once a second in a hidden tab
 * (an owner who clicks Upload and switches tabs); a timer where neither exists.
 */
export function yieldToMainThread(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(undefined);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * One hand-over of files to the queue (UploadQueue.beginAdding): the files it is told to expect
 * count in the snapshot as coming (`adding`) until they are listed or forgone. Pause all adds the
 * files still to come paused, Resume all queued; Cancel all ends it: files not listed yet are never
 * added, and nothing given to it afterwards is.
 */
export interface QueueAdding {
  /** More files will be given (announced before they are ready, e.g. while they are opened). */
  expect(count: number): void;
  /** Adds these after every file given before (of any adding), a slice per task; nothing once cancelled. */
  add(files: readonly QueuedFile[]): void;
  /** Files expected that will not come (they could not be opened, or were held back). */
  forgo(count: number): void;
  /** Cancel all (or the queue's end) stopped it. */
  readonly cancelled: boolean;
  /** Resolves once every file given so far is listed, or the adding is cancelled. */
  settled(): Promise<void>;
}

class Adding implements QueueAdding {
  cancelled = false;
  paused = false;
  /** Files announced or given and not yet listed nor forgone. */
  coming = 0;
  /** Files given and not yet listed. */
  waiting = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly adds: SlicedAdds) {}

  expect(count: number): void {
    if (this.cancelled || count <= 0) return;
    this.coming += count;
    this.adds.changed();
  }

  add(files: readonly QueuedFile[]): void {
    if (this.cancelled || files.length === 0) return;
    // Files given beyond those announced count as coming too.
    this.coming = Math.max(this.coming, this.waiting + files.length);
    this.waiting += files.length;
    this.adds.give(this, files);
  }

  forgo(count: number): void {
    if (this.cancelled || count <= 0) return;
    this.coming = Math.max(this.waiting, this.coming - count);
    this.adds.changed();
  }

  settled(): Promise<void> {
    if (this.cancelled || this.waiting === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  listed(count: number): void {
    this.waiting -= count;
    this.coming -= count;
    if (this.waiting === 0) this.wake();
  }

  cancel(): void {
    this.cancelled = true;
    this.coming = 0;
    this.waiting = 0;
    this.wake();
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

/**
 * The queue's hand-overs, in the order files were given: one loop adds a slice, yields, and adds the
 * next, for every adding at once. `addSlice` lists files (paused: as the user paused them).
 */
export class SlicedAdds {
  private readonly open = new Set<Adding>();
  private waiting: Array<{ file: QueuedFile; adding: Adding }> = [];
  private next = 0;
  private running = false;

  constructor(
    private readonly addSlice: (files: QueuedFile[], paused: boolean) => void,
    private readonly onChange: () => void,
    private readonly sliceFiles = ADD_SLICE_FILES,
  ) {}

  begin(): QueueAdding {
    const adding = new Adding(this);
    this.open.add(adding);
    return adding;
  }

  /** Files given or announced and not listed yet, for the snapshot. */
  get coming(): number {
    let sum = 0;
    for (const adding of this.open) sum += adding.coming;
    return sum;
  }

  /** Whether files still to come will be added paused (Pause all came while they were on their way). */
  get comingPaused(): boolean {
    for (const adding of this.open) if (adding.paused && adding.coming > 0) return true;
    return false;
  }

  pauseAll(): void {
    this.setPaused(true);
  }

  resumeAll(): void {
    this.setPaused(false);
  }

  /** Ends every adding: what they were given and have not listed is dropped. */
  cancelAll(): void {
    if (this.open.size === 0) return;
    for (const adding of this.open) adding.cancel();
    this.open.clear();
    this.waiting = [];
    this.next = 0;
    this.changed();
  }

  changed(): void {
    for (const adding of this.open) if (adding.coming <= 0 && adding.waiting === 0) this.open.delete(adding);
    this.onChange();
  }

  give(adding: Adding, files: readonly QueuedFile[]): void {
    for (const file of files) this.waiting.push({ file, adding });
    this.changed();
    void this.run();
  }

  private setPaused(paused: boolean): void {
    let changed = false;
    for (const adding of this.open) {
      changed ||= adding.paused !== paused && adding.coming > 0;
      adding.paused = paused;
    }
    if (changed) this.changed();
  }

  /** Lists the files; consecutive files of one adding go together, paused or not as it is now. */
  private addPart(part: readonly { file: QueuedFile; adding: Adding }[]): void {
    for (let start = 0; start < part.length; ) {
      const { adding } = part[start]!;
      let end = start + 1;
      while (end < part.length && part[end]!.adding === adding) end++;
      if (!adding.cancelled) {
        this.addSlice(
          part.slice(start, end).map(({ file }) => file),
          adding.paused,
        );
        adding.listed(end - start);
      }
      start = end;
    }
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.next < this.waiting.length) {
        // Never in the task that gave the files (a click's): that one draws what the click changed.
        await yieldToMainThread();
        const began = performance.now();
        for (let added = 0; added < this.sliceFiles && this.next < this.waiting.length && performance.now() - began < SLICE_MS; ) {
          const part = this.waiting.slice(this.next, this.next + Math.min(SLICE_PART_FILES, this.sliceFiles - added));
          this.next += part.length;
          added += part.length;
          this.addPart(part);
        }
        if (this.next === this.waiting.length) {
          this.waiting = [];
          this.next = 0;
        }
        this.changed();
      }
    } finally {
      this.running = false;
    }
  }
}
