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
const BUSY: readonly UploadItemState[] = ['queued', 'importing', 'uploading', 'paused', 'finalizing', 'processing'];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The folder dropped or picked whole that a file came in ("Shoot" of "Shoot/day 1/a.jpg"); undefined for a file on its own. */
function topFolderOf(item: UploadItem): string | undefined {
  const slash = item.relativePath?.indexOf('/') ?? -1;
  return slash > 0 ? item.relativePath!.slice(0, slash) : undefined;
}

function addToFolder(folders: Map<string, Mutable<FolderProgress>>, name: string, item: UploadItem): void {
  let folder = folders.get(name);
  if (!folder) {
    folder = { name, files: 0, ready: 0, notSent: 0, bytesTotal: 0, bytesUploaded: 0, state: 'done' };
    folders.set(name, folder);
  }
  folder.files++;
  folder.bytesTotal += item.size;
  if (item.state === 'ready') folder.ready++;
  if (RETRIABLE.has(item.state) || item.state === 'refused') folder.notSent++;
  if (!RETRIABLE.has(item.state)) folder.bytesUploaded += item.bytesUploaded;
  if (BUSY.includes(item.state)) folder.state = 'busy';
  else if (folder.state !== 'busy' && item.state !== 'ready') folder.state = 'ended';
}

export function buildQueueSnapshot(
  items: Iterable<UploadItem>,
  context: { bytesPerSecond: number; online: boolean; concurrency: number; notices: readonly QueueNotice[] },
): UploadQueueSnapshot {
  const count = Object.fromEntries(UPLOAD_ITEM_STATES.map((state) => [state, 0])) as Record<UploadItemState, number>;
  const list: UploadItem[] = [];
  let bytesTotal = 0;
  let bytesUploaded = 0;
  let bytesFailed = 0;
  let retriable = 0;
  let userPaused = 0;
  const folders = new Map<string, Mutable<FolderProgress>>();
  for (const item of items) {
    list.push(item);
    const folder = topFolderOf(item);
    if (folder !== undefined) addToFolder(folders, folder, item);
    count[item.state]++;
    bytesTotal += item.size;
    if (RETRIABLE.has(item.state)) {
      bytesFailed += item.size;
      if (item.state === 'failed' && item.error?.fatal === false) retriable++;
      continue;
    }
    if (item.state === 'paused' && item.pauseReason === 'user') userPaused++;
    // A linked file's bytes reach the Media Manager from its link: all of them once it is ready.
    bytesUploaded += item.link !== undefined && item.state === 'ready' ? item.size : item.bytesUploaded;
  }
  const { bytesPerSecond } = context;
  const sending = count.queued + count.uploading;
  const actions: BulkActions = Object.freeze({
    pauseAll: sending > 0,
    resumeAll: userPaused > 0,
    retryFailed: retriable > 0,
    cancelAll: sending + count.paused > 0,
    clearFinished: count.ready + count.cancelled + count.refused > 0,
  });
  return Object.freeze({
    items: Object.freeze(list),
    folders: Object.freeze([...folders.values()].map((folder) => Object.freeze(folder))),
    notices: context.notices,
    totals: Object.freeze({
      files: list.length,
      count: Object.freeze(count),
      busy: BUSY.some((state) => count[state] > 0),
      bytesTotal,
      bytesUploaded,
      bytesFailed,
      bytesPerSecond,
      secondsLeft: secondsLeft(bytesTotal - bytesFailed - bytesUploaded, bytesPerSecond),
    }),
    actions,
    online: context.online,
    concurrency: context.concurrency,
  });
}
