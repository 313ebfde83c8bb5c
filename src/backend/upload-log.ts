import { items } from '@wix/data';
import { auth } from '@wix/essentials';
import { UPLOAD_LOG } from './data-collections';
import { onAppCollection } from './app-setup';
import { fileDescriptors } from './media-manager';
import { factsOfFile, type KnownFile } from './media-file';
import type { UploadStatus } from '../shared/upload-methods';

/**
 * The app's own record of the uploads it made (the declared UPLOAD_LOG collection), so the outcome
 * of an upload is known after the uploader closed the page and on any device. Keyed by the Media
 * Manager file id. An entry is created only by recording an upload the app finalized (recordUpload);
 * File Ready / File Failed update entries that exist and leave every other file of the site alone.
 * The collection is privileged-only and event handlers run with no identity, so every call is
 * elevated: callers of this module check who may see what.
 */
export interface UploadLogEntry extends KnownFile {
  /** The type the page sent the file as. */
  mimeType?: string;
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

const logCall = <T>(call: () => Promise<T>) => onAppCollection(UPLOAD_LOG, call);

export async function readUploadLogEntry(fileId: string): Promise<UploadLogEntry | undefined> {
  const item = await logCall(() => auth.elevate(items.get)(UPLOAD_LOG.id, fileId));
  return (item ?? undefined) as UploadLogEntry | undefined;
}

async function saveMerged(existing: UploadLogEntry | undefined, update: UploadLogUpdate): Promise<UploadLogEntry> {
  const merged = mergeUploadLogEntry(existing, update);
  return (await logCall(() => auth.elevate(items.save)(UPLOAD_LOG.id, { ...merged }))) as UploadLogEntry;
}

/** Records an upload the app finalized (creating its entry, or merging into it); saving the same update twice leaves the same entry. */
export async function recordInUploadLog(update: UploadLogUpdate): Promise<UploadLogEntry> {
  return saveMerged(await readUploadLogEntry(update._id), update);
}

/**
 * Updates the entry of an upload the app made; a file the log does not hold (the site's other
 * files, or one of the app's whose record has not come yet) is left alone after this one read:
 * its record reads the file's status then. Returns the entry, or undefined when there is none.
 */
export async function updateLoggedUpload(update: UploadLogUpdate): Promise<UploadLogEntry | undefined> {
  const existing = await readUploadLogEntry(update._id);
  return existing ? saveMerged(existing, update) : undefined;
}

export async function readUploadLogEntries(fileIds: string[]): Promise<UploadLogEntry[]> {
  if (fileIds.length === 0) return [];
  const result = await logCall(() => auth.elevate(items.query)(UPLOAD_LOG.id).hasSome('_id', fileIds).limit(fileIds.length).find());
  return result.items as UploadLogEntry[];
}

export async function readRecentUploads(limit: number): Promise<UploadLogEntry[]> {
  const result = await logCall(() => auth.elevate(items.query)(UPLOAD_LOG.id).descending('_createdDate').limit(limit).find());
  return result.items as UploadLogEntry[];
}

/**
 * Entries still PENDING brought up to date from the Media Manager (one batch call for at most
 * `max` of them), so a File Ready / File Failed that came late or never loses nothing. A READY
 * file is saved so; a FAILED one is only reported: its reason comes with File Failed alone, and a
 * save here could overwrite the one that event is making. Returns the entries as they are now, and
 * the ids the Media Manager no longer has.
 */
export async function refreshPending(entries: UploadLogEntry[], max: number): Promise<{ entries: UploadLogEntry[]; gone: string[] }> {
  const pending = entries.filter((entry) => entry.status === 'PENDING').slice(0, max);
  if (pending.length === 0) return { entries, gone: [] };
  const current = await fileDescriptors(pending.map((entry) => entry._id));
  const refreshed = new Map<string, UploadLogEntry>();
  for (const file of current.found) {
    const existing = pending.find((entry) => entry._id === file._id);
    const update = factsOfFile(file);
    if (file.operationStatus === 'READY') refreshed.set(file._id, await saveMerged(existing, update));
    else if (file.operationStatus === 'FAILED') refreshed.set(file._id, mergeUploadLogEntry(existing, update));
  }
  return { entries: entries.map((entry) => refreshed.get(entry._id) ?? entry), gone: current.unknown };
}
