import type { ItemPatch } from '../processing/processing-status';
import { actionsFor, QueueTally } from './queue-rules';
import { SnapshotPublisher } from './snapshot-publisher';
import { SpeedMeter } from './speed-meter';
import type { QueueNotice, UploadItem, UploadItemState, UploadQueueSnapshot } from './upload-item';
import type { FileEntry } from '../file-entry';
import { uploadFingerprint, type UploadMeta, type UploadSource } from '../upload-source';

/**
 * The queue's files and the snapshot made of them: every change to a file goes through update(),
 * which keeps its allowed actions, the duplicate index and the snapshot's sums true and tells
 * listeners. A change costs what changed: the sums take the file's old item out and its new one in
 * (QueueTally), the list replaces one entry, and every other item, and every folder none of whose
 * files changed, stays the same object from one snapshot to the next (a UI row drawn from an
 * unchanged item need not be drawn again). Taking files off the list makes the sums again, once
 * for all the files taken off before the next snapshot.
 */
export class QueueItems {
  private readonly entries = new Map<string, FileEntry>();
  /** The item that uploads each fingerprint, for duplicate detection. */
  private readonly live = new Map<string, string>();
  readonly publisher: SnapshotPublisher<UploadQueueSnapshot>;
  private nextId = 0;
  /** The items in the order they were added, and where each is in it; remade (with the tally) after files are taken off. */
  private list: UploadItem[] = [];
  private readonly places = new Map<string, number>();
  private tally = new QueueTally();
  /** Files were taken off since the list and the tally were made. */
  private removed = false;
  /** Files added or taken off so far (UploadQueueSnapshot.listChanges). */
  private listChanges = 0;
  /** The list as the last snapshot gave it, while no item changed since. */
  private shownList: readonly UploadItem[] | undefined;

  constructor(
    context: () => {
      bytesPerSecond: number;
      online: boolean;
      concurrency: number;
      notices: readonly QueueNotice[];
      /** Files handed over and not listed yet (UploadQueue.beginAdding), and whether they come paused. */
      adding?: number;
      addingPaused?: boolean;
    },
  ) {
    this.publisher = new SnapshotPublisher(() => {
      if (this.removed) this.remake();
      this.shownList ??= Object.freeze(this.list.slice());
      return this.tally.snapshot(this.shownList, { ...context(), listChanges: this.listChanges });
    });
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
    if (!this.removed) {
      this.places.set(id, this.list.push(entry.item) - 1);
      this.tally.add(entry.item);
      this.shownList = undefined;
    }
    this.listChanges++;
    // Told with the change that admits it (queued, or failed with why).
    this.publisher.changed(false);
    return entry;
  }

  /** Replaces the entry's item; state changes are told at once, progress by the ticker. */
  update(entry: FileEntry, patch: ItemPatch, tellNow = true): void {
    const before = entry.item;
    const next = { ...before, ...patch };
    if (patch.state !== undefined) next.actions = actionsFor(next);
    entry.item = Object.freeze(next);
    const place = this.removed ? undefined : this.places.get(entry.id);
    if (place !== undefined) {
      this.list[place] = entry.item;
      this.tally.replace(before, entry.item);
      this.shownList = undefined;
    }
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
    if (!this.entries.delete(entry.id)) return;
    if (this.live.get(entry.fingerprint) === entry.id) this.live.delete(entry.fingerprint);
    this.removed = true;
    this.listChanges++;
    this.shownList = undefined;
    this.publisher.changed(true);
  }

  /** The list, its places and the tally, made again from the files left (after some were taken off). */
  private remake(): void {
    this.list = [];
    this.places.clear();
    this.tally = new QueueTally();
    for (const { id, item } of this.entries.values()) {
      this.places.set(id, this.list.push(item) - 1);
      this.tally.add(item);
    }
    this.removed = false;
  }
}
