import type { UploadError } from '../upload-error';
import type { UploadMeta } from '../upload-source';

/**
 * A file imported from a link goes importing → processing → ready (or failed when the import was
 * not accepted, refused when Wix could not fetch or process it, with Wix's reason).
 *
 * queued → uploading → finalizing → processing → ready, with paused (from queued or uploading),
 * failed and cancelled on the side: endings where the bytes did not all arrive (or not as sent),
 * which a retry can send again. `refused` is the other ending: every byte arrived, and the Media
 * Manager could not process the file (or the backend refused to record it); its error says why.
 * Sending the same bytes again cannot change that, so a refused file can only be taken off the list.
 */
export type UploadItemState =
  | 'queued'
  | 'importing'
  | 'uploading'
  | 'paused'
  | 'finalizing'
  | 'processing'
  | 'ready'
  | 'failed'
  | 'cancelled'
  | 'refused';

export const UPLOAD_ITEM_STATES: readonly UploadItemState[] = [
  'queued',
  'importing',
  'uploading',
  'paused',
  'finalizing',
  'processing',
  'ready',
  'failed',
  'cancelled',
  'refused',
];

/** Paused by the user, or by the engine while the network is down (it resumes by itself). */
export type PauseReason = 'user' | 'offline';

/** What can be done to a file now (the queue's rules, src/upload-engine/queue/queue-rules.ts). */
export interface ItemActions {
  readonly pause: boolean;
  readonly resume: boolean;
  /** Stops it for good; what the server holds is deleted (a UI asks first when bytes were sent). */
  readonly cancel: boolean;
  readonly retry: boolean;
  /** Its display name can be changed before it is tried again (e.g. one the server refused). */
  readonly rename: boolean;
  /** Takes it off the list (cancelling it first if it is still going). */
  readonly remove: boolean;
}

/** What can be done to every file at once. */
export interface BulkActions {
  readonly pauseAll: boolean;
  /** Resumes what the user paused (what the network paused resumes by itself). */
  readonly resumeAll: boolean;
  /** Some failed files can be retried (a fatal failure needs a change first, e.g. the name). */
  readonly retryFailed: boolean;
  readonly cancelAll: boolean;
  /** Some files ended for good: ready, cancelled or refused; they can be taken off the list. */
  readonly clearFinished: boolean;
}

/** One file of the queue, as the UI shows it. Immutable: a change makes a new object. */
export interface UploadItem {
  readonly id: string;
  readonly fingerprint: string;
  readonly name: string;
  readonly size: number;
  readonly relativePath?: string;
  /** The link the Media Manager imports the file from (no bytes are sent); `size` is 0 until Wix reports it. */
  readonly link?: string;
  readonly meta: Readonly<UploadMeta>;
  readonly state: UploadItemState;
  readonly pauseReason?: PauseReason;
  /** Never decreases, except when the server lost the upload and it starts over. */
  readonly bytesUploaded: number;
  readonly bytesPerSecond: number;
  readonly secondsLeft?: number;
  /** It continues an upload begun before (e.g. before a reload). */
  readonly resumed: boolean;
  /** The file that arrived has the md5 of the file chosen (undefined: not checked so). */
  readonly verified?: boolean;
  /** How the file that arrived was checked when its md5 could not be (by its size), and why: a plain sentence. */
  readonly integrityNote?: string;
  readonly fileId?: string;
  readonly url?: string;
  readonly thumbnailUrl?: string;
  readonly mediaType?: string;
  /** Why the Media Manager could not process the file. */
  readonly failureCode?: string;
  readonly failureDescription?: string;
  readonly error?: UploadError;
  readonly actions: ItemActions;
}

export interface UploadTotals {
  readonly files: number;
  readonly count: Readonly<Record<UploadItemState, number>>;
  /** Some file still needs something to happen: the batch is not over. */
  readonly busy: boolean;
  /** Every file asked for, whatever became of it. */
  readonly bytesTotal: number;
  /** What the server holds of the files still on their way or done (refused files' bytes arrived too). */
  readonly bytesUploaded: number;
  /** The size of the failed and cancelled files: what will not arrive unless retried (refused files arrived). */
  readonly bytesFailed: number;
  readonly bytesPerSecond: number;
  readonly secondsLeft?: number;
}

/** Something about the whole queue the user should know, in a plain sentence. */
export interface QueueNotice {
  /**
   * upload-host-unreachable: the upload server gives this page no answer at all (a refused origin,
   * a block): nothing is being sent. hash-not-md5: this site's checksums are not md5s, files are
   * checked by their size only.
   */
  readonly kind: 'upload-host-unreachable' | 'hash-not-md5';
  readonly message: string;
}

/** The files of one folder dropped or picked whole (the first folder of their relativePath), together. */
export interface FolderProgress {
  readonly name: string;
  readonly files: number;
  /** Ready in the Media Manager. */
  readonly ready: number;
  /** Failed, cancelled or refused: not in the Media Manager unless sent again. */
  readonly notSent: number;
  readonly bytesTotal: number;
  readonly bytesUploaded: number;
  /** busy: some file still needs something to happen; done: every file is ready; ended: nothing left to happen, some not sent. */
  readonly state: 'busy' | 'done' | 'ended';
}

export interface UploadQueueSnapshot {
  readonly items: readonly UploadItem[];
  /** Progress per folder dropped or picked whole, in the order their first file was added; empty when none was. */
  readonly folders: readonly FolderProgress[];
  /** What the user should know about the queue as a whole; empty most of the time. */
  readonly notices: readonly QueueNotice[];
  readonly totals: UploadTotals;
  readonly actions: BulkActions;
  readonly online: boolean;
  readonly concurrency: number;
  /**
   * How many times files were added to the list or taken off it: it changes when which files are
   * listed changes, not when a file does, so what depends only on that can key on it rather than
   * read every item. 0 in a snapshot made from scratch (buildQueueSnapshot) unless given.
   */
  readonly listChanges: number;
  /**
   * Files handed to the queue that are not on its list yet (UploadQueue.beginAdding: a page adds
   * them a slice at a time, and dropped files as they are opened); they count as busy, and Pause
   * all and Cancel all reach them.
   */
  readonly adding: number;
}
