import type { UploadQueueSnapshot } from '../upload-engine';

/**
 * How often a page redraws its queue. Bytes moving are drawn at a steady pace (`progressEveryMs`):
 * a number that grows is read at a glance, and each draw costs the main thread. A change people
 * act on (a file became Processing, Ready or Failed, files were added, the link went down) is drawn
 * as soon as the draws' own cost allows: it waits `cost × (1 / busyShare − 1)` after the last draw
 * ended, so drawing never takes more than `busyShare` of the main thread, however often files
 * change state. Cheap draws (a few files) are then all but immediate; a costly one (a queue of
 * thousands) spaces the next out, never beyond `progressEveryMs`.
 */
export interface DrawPacingOptions {
  progressEveryMs: number;
  /** The most of the main thread that drawing changes may take, between 0 and 1. */
  busyShare: number;
}

export const DEFAULT_DRAW_PACING: DrawPacingOptions = { progressEveryMs: 500, busyShare: 0.2 };

export type QueueChange = 'progress' | 'state';

export class DrawPacing {
  private startedAt = Number.NEGATIVE_INFINITY;
  /** When the last draw ended; undefined while it is being drawn (or when it drew nothing new). */
  private endedAt: number | undefined = Number.NEGATIVE_INFINITY;
  private costMs = 0;

  constructor(private readonly options: DrawPacingOptions = DEFAULT_DRAW_PACING) {}

  /** How long a change seen at `now` waits before it is drawn, in ms; 0 draws it now. */
  waitFor(change: QueueChange, now: number): number {
    const { progressEveryMs, busyShare } = this.options;
    const steady = this.startedAt + progressEveryMs;
    if (change === 'progress') return Math.max(0, steady - now);
    // A draw not on the screen yet is taken to cost what the last one did.
    const endedAt = this.endedAt ?? this.startedAt + this.costMs;
    const rested = endedAt + this.costMs * (1 / busyShare - 1);
    return Math.max(0, Math.min(steady, rested) - now);
  }

  /** A draw begins at `at`. */
  started(at: number): void {
    this.startedAt = at;
    this.endedAt = undefined;
  }

  /** The draw begun last is on the screen at `at` (rendered and committed). */
  ended(at: number): void {
    if (this.endedAt !== undefined || at < this.startedAt) return;
    this.endedAt = at;
    this.costMs = at - this.startedAt;
  }
}

/**
 * What of a snapshot people act on, as one comparable text: how many files are in each state, how
 * many files there are, whether the queue is online, its notices and its pace. Bytes and speeds
 * are left out: they are progress.
 */
export function stateOfQueue(snapshot: UploadQueueSnapshot): string {
  const { totals, online, notices, concurrency, items } = snapshot;
  return JSON.stringify([totals.count, items.length, online, notices.map((notice) => notice.kind), concurrency]);
}
