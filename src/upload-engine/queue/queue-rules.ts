import { secondsLeft } from './speed-meter';
import {
  UPLOAD_ITEM_STATES,
  type BulkActions,
  type FolderProgress,
  type ItemActions,
  type QueueNotice,
  type UploadItem,
  type UploadItemState,
  type UploadQueueSnapshot,
} from './upload-item';

/**
 * The queue's rules in one place: what can be done to a file in each state, and what the totals
 * and the bulk actions are. The UI shows what the snapshot allows; it derives no rule itself.
 */
const STARTED: ReadonlySet<UploadItemState> = new Set(['queued', 'uploading', 'paused', 'failed']);

export function isCancellable(state: UploadItemState): boolean {
  return STARTED.has(state);
}

/** Endings a retry can change: the bytes did not all arrive (or not as they were sent). */
const RETRIABLE: ReadonlySet<UploadItemState> = new Set(['failed', 'cancelled']);

export function actionsFor(item: Pick<UploadItem, 'state' | 'link'>): ItemActions {
  const { state } = item;
  if (item.link !== undefined) {
    // Wix fetches a linked file: nothing to pause or cancel here. Imported again when it failed or
    // Wix could not fetch it (the link's server may answer next time).
    const again = state === 'failed' || state === 'refused';
    return Object.freeze({ pause: false, resume: false, cancel: false, retry: again, rename: again, remove: true });
  }
  return Object.freeze({
    pause: state === 'queued' || state === 'uploading',
    resume: state === 'paused',
    cancel: isCancellable(state),
    retry: RETRIABLE.has(state),
    rename: RETRIABLE.has(state),
    remove: true,
  });
}

/** Files that still need something to happen: the batch is not over while one is left. */
const BUSY: ReadonlySet<UploadItemState> = new Set(['queued', 'importing', 'uploading', 'paused', 'finalizing', 'processing']);

/** The folder dropped or picked whole that a file came in ("Shoot" of "Shoot/day 1/a.jpg"); undefined for a file on its own. */
function topFolderOf(item: UploadItem): string | undefined {
  const slash = item.relativePath?.indexOf('/') ?? -1;
  return slash > 0 ? item.relativePath!.slice(0, slash) : undefined;
}

/** One folder's sums; its snapshot is kept until one of its files changes. */
interface FolderTally {
  readonly name: string;
  files: number;
  ready: number;
  notSent: number;
  busy: number;
  bytesTotal: number;
  bytesUploaded: number;
  shown?: FolderProgress;
}

type QueueContext = {
  bytesPerSecond: number;
  online: boolean;
  concurrency: number;
  notices: readonly QueueNotice[];
  /** UploadQueueSnapshot.listChanges; 0 when not given. */
  listChanges?: number;
  /** UploadQueueSnapshot.adding; 0 when not given. */
  adding?: number;
  /** Files still to come will be added paused (Pause all came first). */
  addingPaused?: boolean;
};

/**
 * The totals, the bulk actions and the progress per folder of a set of files, kept as sums that a
 * file is added to (`add`) and changed in (`replace`: its old item out, its new one in): a change
 * to one file costs one file, not the queue. A folder's progress keeps its object until one of its
 * files changes. Folders are listed in the order their first file was added; after files are taken
 * off the list a new tally is made from the files left (QueueItems does), which keeps that order true.
 */
export class QueueTally {
  private readonly count = Object.fromEntries(UPLOAD_ITEM_STATES.map((state) => [state, 0])) as Record<UploadItemState, number>;
  private files = 0;
  private bytesTotal = 0;
  private bytesUploaded = 0;
  private bytesFailed = 0;
  /** Failed files whose error is not fatal: "Retry failed" can send them. */
  private retriable = 0;
  private userPaused = 0;
  private readonly folderTallies = new Map<string, FolderTally>();
  private shownFolders: readonly FolderProgress[] | undefined;

  add(item: UploadItem): void {
    this.apply(item, 1);
  }

  /** A file changed: its new item in, then its old one out (its folder never empties meanwhile, so it keeps its place). */
  replace(before: UploadItem, after: UploadItem): void {
    this.apply(after, 1);
    this.apply(before, -1);
  }

  private apply(item: UploadItem, sign: 1 | -1): void {
    const { state } = item;
    this.files += sign;
    this.count[state] += sign;
    this.bytesTotal += sign * item.size;
    const notArrived = RETRIABLE.has(state);
    if (notArrived) {
      this.bytesFailed += sign * item.size;
      if (state === 'failed' && item.error?.fatal === false) this.retriable += sign;
    } else {
      if (state === 'paused' && item.pauseReason === 'user') this.userPaused += sign;
      // A linked file's bytes reach the Media Manager from its link: all of them once it is ready.
      this.bytesUploaded += sign * (item.link !== undefined && state === 'ready' ? item.size : item.bytesUploaded);
    }
    const name = topFolderOf(item);
    if (name === undefined) return;
    let folder = this.folderTallies.get(name);
    if (!folder) {
      folder = { name, files: 0, ready: 0, notSent: 0, busy: 0, bytesTotal: 0, bytesUploaded: 0 };
      this.folderTallies.set(name, folder);
    }
    folder.files += sign;
    folder.bytesTotal += sign * item.size;
    if (state === 'ready') folder.ready += sign;
    if (notArrived || state === 'refused') folder.notSent += sign;
    if (!notArrived) folder.bytesUploaded += sign * item.bytesUploaded;
    if (BUSY.has(state)) folder.busy += sign;
    folder.shown = undefined;
    this.shownFolders = undefined;
    if (folder.files === 0) this.folderTallies.delete(name);
  }

  /** The progress per folder; the same array, and the same object per folder, until a file of it changes. */
  folders(): readonly FolderProgress[] {
    this.shownFolders ??= Object.freeze(
      [...this.folderTallies.values()].map((folder) => {
        folder.shown ??= Object.freeze({
          name: folder.name,
          files: folder.files,
          ready: folder.ready,
          notSent: folder.notSent,
          bytesTotal: folder.bytesTotal,
          bytesUploaded: folder.bytesUploaded,
          // busy: something is left to happen; done: every file is ready; ended: nothing left, some not sent.
          state: folder.busy > 0 ? 'busy' : folder.ready < folder.files ? 'ended' : 'done',
        });
        return folder.shown;
      }),
    );
    return this.shownFolders;
  }

  /** The snapshot of `items` (the files this tally holds, in the queue's order). */
  snapshot(items: readonly UploadItem[], context: QueueContext): UploadQueueSnapshot {
    const count = Object.freeze({ ...this.count });
    const { bytesPerSecond } = context;
    const sending = count.queued + count.uploading;
    const adding = context.adding ?? 0;
    const addingPaused = adding > 0 && context.addingPaused === true;
    const actions: BulkActions = Object.freeze({
      pauseAll: sending > 0 || (adding > 0 && !addingPaused),
      resumeAll: this.userPaused > 0 || addingPaused,
      retryFailed: this.retriable > 0,
      cancelAll: sending + count.paused + adding > 0,
      clearFinished: count.ready + count.cancelled + count.refused > 0,
    });
    const { bytesTotal, bytesUploaded, bytesFailed } = this;
    return Object.freeze({
      items,
      folders: this.folders(),
      notices: context.notices,
      totals: Object.freeze({
        files: this.files,
        count,
        busy: adding > 0 || UPLOAD_ITEM_STATES.some((state) => BUSY.has(state) && count[state] > 0),
        bytesTotal,
        bytesUploaded,
        bytesFailed,
        bytesPerSecond,
        secondsLeft: secondsLeft(bytesTotal - bytesFailed - bytesUploaded, bytesPerSecond),
      }),
      actions,
      online: context.online,
      concurrency: context.concurrency,
      listChanges: context.listChanges ?? 0,
      adding,
    });
  }
}

/** The snapshot of `items` made from scratch (a queue keeps a QueueTally instead: see QueueItems). */
export function buildQueueSnapshot(items: Iterable<UploadItem>, context: QueueContext): UploadQueueSnapshot {
  const tally = new QueueTally();
  const list: UploadItem[] = [];
  for (const item of items) {
    list.push(item);
    tally.add(item);
  }
  return tally.snapshot(Object.freeze(list), context);
}
