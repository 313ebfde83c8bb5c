import type { SqlDatabase } from '../platform/database.js';
import type { MediaFiles } from './media-files.js';
import type { EventOutbox } from '../platform/outbox.js';
import { toFileDescriptor } from './descriptor.js';
import { fileSettledEvent } from './media-events.js';

/**
 * The Media Manager's processing after a finalize: a PENDING file becomes READY, or FAILED when
 * the inspection at finalize found the bytes unusable; the matching event is queued in the same
 * transaction. PENDING files are picked up again after a restart.
 */
export class MediaProcessing {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly files: MediaFiles,
    private readonly outbox: EventOutbox,
    private readonly delayMs: number,
    private readonly origin: () => string,
  ) {}

  schedule(fileId: string): void {
    if (this.timers.has(fileId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(fileId);
      this.settle(fileId);
    }, this.delayMs);
    this.timers.set(fileId, timer);
  }

  resumePending(): void {
    for (const file of this.files.pending()) this.schedule(file.id);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  settle(fileId: string): void {
    const settleInTransaction = this.db.transaction(() => {
      const file = this.files.get(fileId);
      if (file?.operationStatus !== 'PENDING') return false;
      const status = file.failure ? 'FAILED' : 'READY';
      this.files.settle(fileId, status);
      const settled = this.files.require(fileId);
      const event = fileSettledEvent(settled, toFileDescriptor(settled, this.origin()));
      this.outbox.enqueue(event.eventId, event.eventType, event.payload);
      return true;
    });
    if (settleInTransaction()) this.outbox.kick();
  }
}
