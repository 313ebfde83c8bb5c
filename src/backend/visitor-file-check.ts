import { auth } from '@wix/essentials';
import { files } from '@wix/media';
import { fileTypeFromBuffer, supportedMimeTypes } from 'file-type/core';
import { MEDIA_ROOT_FOLDER_ID, TRASH_ROOT_FOLDER_ID, VISITOR_UPLOADS_FOLDER_ID } from '../shared/media-folders';
import { arrivalProblem, contentProblem, type VisitorUploadRules } from '../policies/visitor-rules-policy';
import { deleteMediaFiles, folderInfo } from './media-manager';
import type { FileDescriptor } from './media-file';
import { readVisitorUploadRules } from './visitor-rules';
import {
  filesOf,
  fileSlotOfLabels,
  readFileSlot,
  readSubmission,
  updateFile,
  type SubmissionEntry,
  type SubmissionFileEntry,
} from './visitor-submissions';
import { claimArrival, trashedWithSubmission } from './visitor-claims';
import { isSubmissionId } from './arguments';
import { isItemNotFound } from '../shared/wix-errors';

/**
 * What the server checks of a file that arrived in visitor-uploads/, without the visitor's help:
 * called for its File Ready / File Failed event, by the sweep, and when the visitor records it.
 * A file belongs to one numbered place of a submission (its label, set when its upload URL was
 * generated); a file of no open place, a second file for a place, and a file that breaks a rule
 * are deleted for good. The place says why. What the file must be is the visitor rules policy's
 * (src/policies/visitor-rules-policy.ts); this module reads and acts.
 */

export type VisitorFileVerdict =
  /** Not a visitor file of this app (another app's, the owner's, one the owner restored from the trash). */
  | { kind: 'not-ours' }
  /** The place's file: READY, still PENDING (checked again when processed) or FAILED processing. */
  | { kind: 'kept'; file: SubmissionFileEntry }
  /** Deleted: it broke a rule (its place says REJECTED and why), or it belonged to no open place. */
  | { kind: 'deleted'; reason: string; file?: SubmissionFileEntry };

const NO_OPEN_PLACE = 'This file belongs to no file of an open submission.';
const EXTRA_FILE = 'Another file already arrived for this file of the submission: only the first is kept.';
const NOT_PROCESSED = 'The Media Manager could not process this file.';

/** Bytes read from the start of a file to tell its kind (file-type reads what its signatures need). */
const SNIFF_BYTES = 64 * 1024;
const SNIFF_TIMEOUT_MS = 20_000;
const DOWNLOAD_LINK_MINUTES = 5;

export interface CheckOptions {
  /** Why the Media Manager failed the file (the File Failed event's error). */
  failure?: { code?: string | null; description?: string | null };
  /** Only act on a file of this submission (a visitor recording their own file). */
  submissionId?: string;
  /** Folders already read in this run (the sweep asks for each folder once). */
  folders?: Map<string, { displayName: string; parentFolderId: string } | undefined>;
  /** The rules, when the caller read them already for many files. */
  rules?: VisitorUploadRules;
}

/** A file right in a root folder is in no submission's folder. */
const ROOT_FOLDERS = new Set([MEDIA_ROOT_FOLDER_ID, TRASH_ROOT_FOLDER_ID, VISITOR_UPLOADS_FOLDER_ID]);

/** Where a file of visitor-uploads/ belongs: its submission, and its place when the file carries its label. */
async function placementOf(
  descriptor: FileDescriptor,
  folders: NonNullable<CheckOptions['folders']>,
): Promise<{ submissionId: string; slot?: number } | undefined> {
  const parent = descriptor.parentFolderId;
  if (!parent || descriptor.private === false || ROOT_FOLDERS.has(parent)) return undefined;
  if (!folders.has(parent)) folders.set(parent, await folderInfo(parent));
  const folder = folders.get(parent);
  // Visitor files are private, in visitor-uploads/<submission id>; a file moved elsewhere (the trash) is the owner's.
  if (!folder || folder.parentFolderId !== VISITOR_UPLOADS_FOLDER_ID) return undefined;
  const labelled = fileSlotOfLabels(descriptor.labels);
  if (labelled) return labelled;
  return isSubmissionId(folder.displayName) ? { submissionId: folder.displayName } : undefined;
}

/** The place of a file that lost its label (should Wix drop labels): the open place with its name. */
async function placeByName(entry: SubmissionEntry, descriptor: FileDescriptor): Promise<SubmissionFileEntry | undefined> {
  const named = (await filesOf(entry._id)).filter((file) => file.name === descriptor.displayName);
  return named.find((file) => file.fileId === descriptor._id) ?? named.find((file) => file.status === 'UPLOADING');
}

async function deleteForGood(fileId: string): Promise<void> {
  await deleteMediaFiles([fileId], true);
}

/** The MIME type the file's first bytes show (file-type), read through a short-lived download link: a private file has no other way in. */
async function sniffedMimeType(fileId: string): Promise<string | undefined> {
  const { downloadUrls } = await auth.elevate(files.generateFileDownloadUrl)(fileId, { expirationInMinutes: DOWNLOAD_LINK_MINUTES });
  const url = downloadUrls?.[0]?.url;
  if (!url) throw new Error('Wix returned no download link to check the file');
  const response = await fetch(url, { headers: { Range: `bytes=0-${SNIFF_BYTES - 1}` }, signal: AbortSignal.timeout(SNIFF_TIMEOUT_MS) });
  if (!response.ok || !response.body) throw new Error(`The file could not be read to check it (${response.status})`);
  // A host that ignores Range sends the whole file: read only the start of it.
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  while (length < SNIFF_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
  }
  await reader.cancel().catch(() => undefined);
  const head = new Uint8Array(Math.min(length, SNIFF_BYTES));
  let at = 0;
  for (const chunk of chunks) {
    head.set(chunk.subarray(0, head.length - at), at);
    at += Math.min(chunk.length, head.length - at);
  }
  return (await fileTypeFromBuffer(head))?.mime;
}

/**
 * Why the file that arrived breaks the rules (the visitor rules policy's `arrivalProblem`), or
 * undefined; when the policy can tell only by the file's first bytes, they are read here.
 */
async function ruleProblem(descriptor: FileDescriptor, file: SubmissionFileEntry, rules: VisitorUploadRules): Promise<string | undefined> {
  const problem = arrivalProblem(descriptor, file, rules);
  if (problem !== 'content') return problem;
  return contentProblem(rules, await sniffedMimeType(descriptor._id), supportedMimeTypes);
}

/** The file's entry once the check is done, written only when it changed. */
async function settle(file: SubmissionFileEntry, next: Partial<SubmissionFileEntry>): Promise<SubmissionFileEntry> {
  const settled = { ...file, ...next };
  const changed = (Object.keys(next) as (keyof SubmissionFileEntry)[]).some((key) => file[key] !== settled[key]);
  if (changed) await updateFile(settled);
  return settled;
}

/** Checks a file of visitor-uploads/ and acts on it: keeps it in its place, or deletes it. Idempotent: events come at least once. */
export async function checkVisitorFile(descriptor: FileDescriptor, options: CheckOptions = {}): Promise<VisitorFileVerdict> {
  const placement = await placementOf(descriptor, options.folders ?? new Map());
  if (!placement || (options.submissionId && placement.submissionId !== options.submissionId)) return { kind: 'not-ours' };
  const fileId = descriptor._id;
  const entry = await readSubmission(placement.submissionId);
  if (!entry) {
    const trashed = await trashedWithSubmission(placement.submissionId);
    if (trashed === undefined && placement.slot === undefined) return { kind: 'not-ours' };
    // Restored from the trash by the owner: theirs. Anything else of a deleted submission goes the way it went.
    if (trashed?.includes(fileId)) return { kind: 'not-ours' };
    const permanent = trashed === undefined;
    await deleteMediaFiles([fileId], permanent);
    return { kind: 'deleted', reason: NO_OPEN_PLACE };
  }
  const file = placement.slot !== undefined ? await readFileSlot(entry._id, placement.slot) : await placeByName(entry, descriptor);
  if (!file) {
    await deleteForGood(fileId);
    return { kind: 'deleted', reason: NO_OPEN_PLACE };
  }
  if (file.fileId === fileId && file.status === 'REJECTED') return { kind: 'deleted', reason: file.reason ?? NO_OPEN_PLACE, file };
  // Checked once processed already: asking again (the visitor recording it twice) reads nothing more.
  if (file.fileId === fileId && (file.status === 'READY' || file.status === 'FAILED')) return { kind: 'kept', file };
  if (file.fileId !== fileId) {
    // Closed (by the owner, or uploads turned off) before any file arrived: nothing may arrive any more.
    if (file.status !== 'UPLOADING' && !file.fileId) {
      await deleteForGood(fileId);
      return { kind: 'deleted', reason: file.reason ?? NO_OPEN_PLACE, file };
    }
    if ((await claimArrival(file._id, entry._id, fileId)) !== fileId) {
      await deleteForGood(fileId);
      return { kind: 'deleted', reason: EXTRA_FILE, file };
    }
  }
  const problem = await ruleProblem(descriptor, file, options.rules ?? (await readVisitorUploadRules()));
  if (problem) {
    await deleteForGood(fileId);
    const rejected = await settle(file, { fileId, status: 'REJECTED', reason: problem }).catch(goneWithSubmission);
    return { kind: 'deleted', reason: problem, file: rejected };
  }
  const status = descriptor.operationStatus === 'READY' ? 'READY' : descriptor.operationStatus === 'FAILED' ? 'FAILED' : 'PENDING';
  const reason = status === 'FAILED' ? (options.failure?.description ?? file.reason ?? NOT_PROCESSED) : undefined;
  const kept = await settle(file, { fileId, status, reason }).catch(goneWithSubmission);
  if (kept) return { kind: 'kept', file: kept };
  // The owner deleted the submission while the file was being checked: it goes where the rest of it went.
  await deleteMediaFiles([fileId], false);
  return { kind: 'deleted', reason: NO_OPEN_PLACE };
}

/** A place that is no longer there (its submission was deleted meanwhile) answers undefined; other failures are thrown. */
function goneWithSubmission(error: unknown): undefined {
  if (isItemNotFound(error)) return undefined;
  throw error;
}
