import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SqlDatabase } from '../platform/database.js';
import type { MediaFiles, MediaFileRecord } from './media-files.js';
import type { EventOutbox } from '../platform/outbox.js';
import { toFileDescriptor } from './descriptor.js';
import { fileReadyEvent, fileSettledEvent } from './media-events.js';
import { MEDIA_ROOT_FOLDER_ID } from './media-rules.js';

/** When File Ready / File Failed come, per the variants (platform/variants.ts). */
export interface EventTiming {
  /** How long after processing an event is delivered (events-late). */
  delayMs: number;
  /** No event for every second file processed (events-missing). */
  skipEverySecond: boolean;
  /** A File Ready for a file the app did not upload with each file processed (events-foreign). */
  foreign?: { mediaDir: string; mediaPrefix: string };
}

export const PROMPT_EVENTS: EventTiming = { delayMs: 0, skipEverySecond: false };

/**
 * The Media Manager's processing after a finalize: a PENDING file becomes READY, or FAILED when
 * the inspection at finalize found the bytes unusable; the matching event is queued in the same
 * transaction. PENDING files are picked up again after a restart.
 */
export class MediaProcessing {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private processed = 0;

  constructor(
    private readonly db: SqlDatabase,
    private readonly files: MediaFiles,
    private readonly outbox: EventOutbox,
    private readonly delayMs: number,
    private readonly origin: () => string,
    private readonly events: EventTiming = PROMPT_EVENTS,
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
      this.processed += 1;
      if (this.events.skipEverySecond && this.processed % 2 === 0) return true;
      const settled = this.files.require(fileId);
      const event = fileSettledEvent(settled, toFileDescriptor(settled, this.origin()));
      this.outbox.enqueue(event.eventId, event.eventType, event.payload, this.events.delayMs);
      if (this.events.foreign) this.announceForeignFile(this.events.foreign);
      return true;
    });
    if (settleInTransaction()) this.outbox.kick();
  }

  /** A file someone else put in the Media Manager (the owner, another app), READY, with its event. */
  private announceForeignFile(foreign: NonNullable<EventTiming['foreign']>): void {
    const id = `${foreign.mediaPrefix}_${randomBytes(16).toString('hex')}~mv2.txt`;
    const bytes = Buffer.from(`A file another app put in the Media Manager (${id})\n`);
    fs.writeFileSync(path.join(foreign.mediaDir, id), bytes);
    const now = new Date().toISOString();
    const record: MediaFileRecord = {
      id,
      displayName: `other-app-${id.slice(-12, -8)}.txt`,
      parentFolderId: MEDIA_ROOT_FOLDER_ID,
      hash: createHash('md5').update(bytes).digest('hex'),
      sizeInBytes: bytes.length,
      private: false,
      mediaType: 'DOCUMENT',
      mimeType: 'text/plain',
      labels: [],
      operationStatus: 'READY',
      createdAt: now,
      updatedAt: now,
    };
    this.files.insert(record);
    const event = fileReadyEvent(id, toFileDescriptor(record, this.origin()));
    this.outbox.enqueue(event.eventId, event.eventType, event.payload, this.events.delayMs);
  }
}
