import { items } from '@wix/data';
import { auth } from '@wix/essentials';
import { UPLOAD_LOG } from './data-collections';
import type { UploadStatus } from '../shared/upload-api';

/**
 * The app's own record of uploads (the declared UPLOAD_LOG collection), so the outcome of an upload
 * is known after the uploader closed the page and on any device. Keyed by the Media Manager file id.
 * The collection is privileged-only and event handlers run with no identity, so every call is elevated:
 * callers of this module check who may see what.
 */
const UPLOAD_LOG_COLLECTION = UPLOAD_LOG.id;

export interface UploadLogEntry {
  /** The Media Manager file id. */
  _id: string;
  displayName?: string;
  sizeInBytes?: string;
  mimeType?: string;
  mediaType?: string;
  parentFolderId?: string;
  private?: boolean;
  labels?: string[];
  status: UploadStatus;
  url?: string;
  thumbnailUrl?: string;
  failureCode?: string;
  failureDescription?: string;
  _createdDate?: Date;
  _updatedDate?: Date;
}

export type UploadLogUpdate = Partial<UploadLogEntry> & Pick<UploadLogEntry, '_id'>;

const isSettled = (status: UploadStatus | undefined): boolean => status === 'READY' || status === 'FAILED';

/**
 * Combines what is known of an upload. Events arrive at least once and in any order with the
 * page's own record, so a settled status (READY/FAILED) is never replaced by PENDING, and
 * fields are only added or refreshed, never blanked.
 */
export function mergeUploadLogEntry(existing: UploadLogEntry | undefined, update: UploadLogUpdate): UploadLogEntry {
  const defined = Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined)) as UploadLogUpdate;
  const merged: UploadLogEntry = { status: 'PENDING', ...existing, ...defined };
  if (existing && isSettled(existing.status) && !isSettled(update.status)) merged.status = existing.status;
  return merged;
}

export async function readUploadLogEntry(fileId: string): Promise<UploadLogEntry | undefined> {
  const item = await auth.elevate(items.get)(UPLOAD_LOG_COLLECTION, fileId);
  return (item ?? undefined) as UploadLogEntry | undefined;
}

/** Reads, merges and saves one entry; saving the same update twice leaves the same entry. */
export async function recordInUploadLog(update: UploadLogUpdate): Promise<UploadLogEntry> {
  const merged = mergeUploadLogEntry(await readUploadLogEntry(update._id), update);
  return (await auth.elevate(items.save)(UPLOAD_LOG_COLLECTION, { ...merged })) as UploadLogEntry;
}

export async function readUploadLogEntries(fileIds: string[]): Promise<UploadLogEntry[]> {
  if (fileIds.length === 0) return [];
  const result = await auth.elevate(items.query)(UPLOAD_LOG_COLLECTION).hasSome('_id', fileIds).limit(fileIds.length).find();
  return result.items as UploadLogEntry[];
}

export async function readRecentUploads(limit: number): Promise<UploadLogEntry[]> {
  const result = await auth.elevate(items.query)(UPLOAD_LOG_COLLECTION).descending('_createdDate').limit(limit).find();
  return result.items as UploadLogEntry[];
}
