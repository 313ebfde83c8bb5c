import type { UploadError } from './upload-error';
import type { UploadMeta } from './upload-source';

/**
 * queued → uploading → finalizing → processing → ready, with paused (from queued or uploading),
 * failed and cancelled on the side; failed and cancelled items can be retried.
 */
export type UploadItemState = 'queued' | 'uploading' | 'paused' | 'finalizing' | 'processing' | 'ready' | 'failed' | 'cancelled';

export const UPLOAD_ITEM_STATES: readonly UploadItemState[] = [
  'queued',
  'uploading',
  'paused',
  'finalizing',
  'processing',
  'ready',
  'failed',
  'cancelled',
];

/** Paused by the user, or by the engine while the network is down (it resumes by itself). */
export type PauseReason = 'user' | 'offline';

/** One file of the queue, as the UI shows it. Immutable: a change makes a new object. */
export interface UploadItem {
  readonly id: string;
  readonly fingerprint: string;
  readonly name: string;
  readonly size: number;
  readonly relativePath?: string;
  readonly meta: Readonly<UploadMeta>;
  readonly state: UploadItemState;
  readonly pauseReason?: PauseReason;
  /** Never decreases, except when the server lost the upload and it starts over. */
  readonly bytesUploaded: number;
  readonly bytesPerSecond: number;
  readonly secondsLeft?: number;
  /** It continues an upload begun before (e.g. before a reload). */
  readonly resumed: boolean;
  readonly fileId?: string;
  readonly url?: string;
  readonly thumbnailUrl?: string;
  readonly mediaType?: string;
  /** Why the Media Manager could not process the file. */
  readonly failureCode?: string;
  readonly failureDescription?: string;
  readonly error?: UploadError;
}

export interface UploadTotals {
  readonly files: number;
  readonly count: Readonly<Record<UploadItemState, number>>;
  /** Failed and cancelled files are left out of both byte totals. */
  readonly bytesTotal: number;
  readonly bytesUploaded: number;
  readonly bytesPerSecond: number;
  readonly secondsLeft?: number;
}

export interface UploadQueueSnapshot {
  readonly items: readonly UploadItem[];
  readonly totals: UploadTotals;
  readonly online: boolean;
  readonly concurrency: number;
}
