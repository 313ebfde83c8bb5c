import type { ItemPatch } from '../processing/processing-status';
import { actionsFor, buildQueueSnapshot } from './queue-rules';
import { SnapshotPublisher } from './snapshot-publisher';
import { SpeedMeter } from './speed-meter';
import type { QueueNotice, UploadItem, UploadItemState, UploadQueueSnapshot } from './upload-item';
import type { FileEntry } from '../file-entry';
import { uploadFingerprint, type UploadMeta, type UploadSource } from '../upload-source';

/**
 * The queue's files and the snapshot made of them: every change to a file goes through update(),
 * which keeps its allowed actions and the duplicate index true and tells listeners.
 */
export class QueueItems {
  private readonly entries = new Map<string, FileEntry>();
  /** The item that uploads each fingerprint, for duplicate detection. */
  private readonly live = new Map<string, string>();
  readonly publisher: SnapshotPublisher<UploadQueueSnapshot>;
  private nextId = 0;

  constructor(context: () => { bytesPerSecond: number; online: boolean; concurrency: number; notices: readonly QueueNotice[] }) {
    this.publisher = new SnapshotPublisher(() =>
      buildQueueSnapshot(
        Array.from(this.entries.values(), (entry) => entry.item),
        context(),
      ),
    );
  }

  get(id: string): FileEntry | undefined {
    return this.entries.get(id);
  }

  all(): IterableIterator<FileEntry> {
    return this.entries.values();
  }

  idsIn(...states: UploadItemState[]): string[] {
    return [...this.entries.values()].filter((entry) => states.includes(entry.item.state)).map((entry) => entry.id);
  }

  /** Whether an item other than `exceptId` uploads this fingerprint (failed, cancelled and refused ones do not). */
  isTaken(fingerprint: string, exceptId?: string): boolean {
    const holder = this.live.get(fingerprint);
    return holder !== undefined && holder !== exceptId;
  }

  create(source: UploadSource, meta: UploadMeta, resumed: boolean): FileEntry {
    const id = `upload-${++this.nextId}`;
    const fingerprint = uploadFingerprint(source, meta);
    const item: UploadItem = {
      id,
      fingerprint,
      name: source.name,
      size: source.size,
      relativePath: source.relativePath,
      link: source.link,
      meta,
      state: 'queued',
      bytesUploaded: 0,
      bytesPerSecond: 0,
      resumed,
      actions: actionsFor({ state: 'queued' }),
    };
    const entry: FileEntry = { id, source, meta, fingerprint, item: Object.freeze(item), meter: new SpeedMeter(), reasonlessPolls: 0 };
    this.entries.set(id, entry);
    return entry;
  }

  /** Replaces the entry's item; state changes are told at once, progress by the ticker. */
  update(entry: FileEntry, patch: ItemPatch, tellNow = true): void {
    const next = { ...entry.item, ...patch };
    if (patch.state !== undefined) next.actions = actionsFor(next);
    entry.item = Object.freeze(next);
    if (patch.state !== undefined) {
      if (patch.state === 'failed' || patch.state === 'cancelled' || patch.state === 'refused') {
        if (this.live.get(entry.fingerprint) === entry.id) this.live.delete(entry.fingerprint);
      } else {
        this.live.set(entry.fingerprint, entry.id);
      }
    }
    this.publisher.changed(tellNow);
  }

  remove(entry: FileEntry): void {
    this.entries.delete(entry.id);
    if (this.live.get(entry.fingerprint) === entry.id) this.live.delete(entry.fingerprint);
    this.publisher.changed(true);
  }
}
