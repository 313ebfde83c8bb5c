import { auth } from '@wix/essentials';
import { files } from '@wix/media';
import { fileTypeFromBuffer, supportedMimeTypes } from 'file-type/core';
import { MEDIA_ROOT_FOLDER_ID, TRASH_ROOT_FOLDER_ID, VISITOR_UPLOADS_FOLDER_ID } from '../shared/media-folders';
import {
  arrivalProblem,
  because,
  brokenRuleSentence,
  CLOSED_BY_OWNER,
  contentProblem,
  fileNameTypeProblem,
  UPLOADS_TURNED_OFF,
  type VisitorUploadRules,
} from '../policies/visitor-rules-policy';
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
import { EXTENSIONS_BY_TYPE } from './file-name-types';
import type { BrokenRule } from '../shared/refusals';

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
  | { kind: 'deleted'; why: Why; file?: SubmissionFileEntry };

/** Why a file was deleted: the sentence, and its rule (absent in a place written before rules were kept). */
type Why = Pick<SubmissionFileEntry, 'reason' | 'broken'>;

const NO_OPEN_PLACE: Why = because({ rule: 'NO_OPEN_PLACE' });
const EXTRA_FILE: Why = because({ rule: 'EXTRA_FILE' });
const UNREADABLE: BrokenRule = { rule: 'UNREADABLE' };
/** Why the file's place says it was refused or closed, else that it belongs to no open place. */
const whyOfPlace = (file: SubmissionFileEntry): Why => (file.reason ? { reason: file.reason, broken: file.broken } : NO_OPEN_PLACE);
/** The Media Manager failed the file: Wix's own reason when it gave one (the event's, or the place's from an earlier look). */
const notProcessed = (failure: CheckOptions['failure'], file: SubmissionFileEntry): Extract<BrokenRule, { rule: 'NOT_PROCESSED' }> => {
  const wixReason = failure?.description ?? (file.broken?.rule === 'NOT_PROCESSED' ? file.broken.wixReason : undefined);
  return { rule: 'NOT_PROCESSED', ...(wixReason && { wixReason }) };
};
/** Checks a file's bytes could not be read in before it is refused: each leaves it PENDING, to be tried again. */
export const MAX_CONTENT_READ_ATTEMPTS = 3;

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

/** The file's first bytes could not be read (no download link, or the download failed): the check cannot decide yet. */
class ContentUnreadable extends Error {}

/**
 * The MIME type the file's first bytes show (file-type), read through a short-lived download link:
 * a private file has no other way in. An empty file has no first bytes (a Range request for them
 * is answered 416) and shows no type.
 */
async function sniffedMimeType(descriptor: FileDescriptor): Promise<string | undefined> {
  if (descriptor.sizeInBytes === '0') return undefined;
  const head = await firstBytes(descriptor._id).catch((error: unknown) => {
    throw error instanceof ContentUnreadable ? error : new ContentUnreadable(String(error));
  });
  return head.length === 0 ? undefined : (await fileTypeFromBuffer(head))?.mime;
}

async function firstBytes(fileId: string): Promise<Uint8Array> {
  const { downloadUrls } = await auth.elevate(files.generateFileDownloadUrl)(fileId, { expirationInMinutes: DOWNLOAD_LINK_MINUTES });
  const url = downloadUrls?.[0]?.url;
  if (!url) throw new ContentUnreadable('Wix returned no download link to check the file');
  const response = await fetch(url, { headers: { Range: `bytes=0-${SNIFF_BYTES - 1}` }, signal: AbortSignal.timeout(SNIFF_TIMEOUT_MS) });
  if (response.status === 416) return new Uint8Array(0);
  if (!response.ok || !response.body) throw new ContentUnreadable(`The file could not be read to check it (${response.status})`);
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
  return head;
}

/**
 * Why the file that arrived breaks the rules (the visitor rules policy's `arrivalProblem`), or
 * undefined; when the policy can tell only by the file's first bytes, they are read here.
 */
async function ruleProblem(
  descriptor: FileDescriptor,
  file: SubmissionFileEntry,
  rules: VisitorUploadRules,
  failure: CheckOptions['failure'],
): Promise<BrokenRule | undefined> {
  const problem = fileNameTypeProblem(rules.allowedTypes, file.name, EXTENSIONS_BY_TYPE) ?? arrivalProblem(descriptor, file, rules);
  if (problem !== 'content') return problem;
  const content = contentProblem(rules, await sniffedMimeType(descriptor), supportedMimeTypes, {
    mimeType: file.mimeType,
    operationStatus: descriptor.operationStatus,
  });
  // A file the Media Manager failed: why it failed is often what the visitor can mend.
  if (content?.rule !== 'CONTENT_NOT_ACCEPTED' || descriptor.operationStatus !== 'FAILED') return content;
  const { wixReason } = notProcessed(failure, file);
  return { ...content, wixReason: wixReason ?? brokenRuleSentence({ rule: 'NOT_PROCESSED' }) };
}

/** The file's entry once the check is done, written only when it changed. */
async function settle(file: SubmissionFileEntry, next: Partial<SubmissionFileEntry>): Promise<SubmissionFileEntry> {
  const settled = { ...file, ...next };
  // `broken` is an object: compared by what it says.
  const changed = (Object.keys(next) as (keyof SubmissionFileEntry)[]).some(
    (key) => JSON.stringify(file[key]) !== JSON.stringify(settled[key]),
  );
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
    // Restored from the trash by the owner: theirs. Anything else of it arrived after the deletion (or was never
    // checked): it belongs to no open place and is deleted for good, never put in the owner's trash unchecked.
    if (trashed?.includes(fileId)) return { kind: 'not-ours' };
    await deleteForGood(fileId);
    return { kind: 'deleted', why: NO_OPEN_PLACE };
  }
  const file = placement.slot !== undefined ? await readFileSlot(entry._id, placement.slot) : await placeByName(entry, descriptor);
  if (!file) {
    await deleteForGood(fileId);
    return { kind: 'deleted', why: NO_OPEN_PLACE };
  }
  if (file.fileId === fileId && file.status === 'REJECTED') return { kind: 'deleted', why: whyOfPlace(file), file };
  // Checked once processed already: asking again (the visitor recording it twice) reads nothing more.
  if (file.fileId === fileId && (file.status === 'READY' || file.status === 'FAILED')) return { kind: 'kept', file };
  if (file.fileId !== fileId) {
    // Closed (by the owner, or uploads turned off) before any file arrived: nothing may arrive any more.
    if (file.status !== 'UPLOADING' && !file.fileId) {
      await deleteForGood(fileId);
      return { kind: 'deleted', why: whyOfPlace(file), file };
    }
    if ((await claimArrival(file._id, entry._id, fileId)) !== fileId) {
      await deleteForGood(fileId);
      return { kind: 'deleted', why: EXTRA_FILE, file };
    }
    // A file is kept only if it arrived while its submission was open and uploads were on: read afresh now
    // that its arrival is claimed (the owner's close is written before it closes the places, so one or the other sees it).
    const closedBy = await closedSince(entry._id);
    if (closedBy) {
      await deleteForGood(fileId);
      const closed = await settle(file, { status: 'FAILED', ...because(closedBy) }).catch(goneWithSubmission);
      return { kind: 'deleted', why: because(closedBy), file: closed };
    }
  }
  let problem: BrokenRule | undefined;
  try {
    problem = await ruleProblem(descriptor, file, options.rules ?? (await readVisitorUploadRules()), options.failure);
  } catch (error) {
    if (!(error instanceof ContentUnreadable)) throw error;
    // Decided on its own: tried again on the next look (the inbox, the sweep, the visitor's status) a bounded number of times.
    const attempts = (file.fileId === fileId ? (file.contentReadFailures ?? 0) : 0) + 1;
    console.error('[visitor uploads] could not read', fileId, 'to check it:', error.message);
    if (attempts < MAX_CONTENT_READ_ATTEMPTS) {
      const waiting = await settle(file, { fileId, status: 'PENDING', contentReadFailures: attempts }).catch(goneWithSubmission);
      return waiting ? { kind: 'kept', file: waiting } : { kind: 'deleted', why: NO_OPEN_PLACE };
    }
    problem = UNREADABLE;
  }
  if (problem) {
    await deleteForGood(fileId);
    const rejected = await settle(file, { fileId, status: 'REJECTED', ...because(problem) }).catch(goneWithSubmission);
    return { kind: 'deleted', why: because(problem), file: rejected };
  }
  const status = descriptor.operationStatus === 'READY' ? 'READY' : descriptor.operationStatus === 'FAILED' ? 'FAILED' : 'PENDING';
  const why = status === 'FAILED' ? because(notProcessed(options.failure, file)) : { reason: undefined, broken: undefined };
  const kept = await settle(file, { fileId, status, ...why }).catch(goneWithSubmission);
  if (kept) return { kind: 'kept', file: kept };
  // The owner deleted the submission while the file was being checked: it goes where the rest of it went.
  await deleteMediaFiles([fileId], false);
  return { kind: 'deleted', why: NO_OPEN_PLACE };
}

/** Why a file arriving now is not accepted: its submission closed (or gone), or uploads turned off. */
async function closedSince(submissionId: string): Promise<BrokenRule | undefined> {
  const [rules, entry] = await Promise.all([readVisitorUploadRules(), readSubmission(submissionId)]);
  if (!entry) return { rule: 'NO_OPEN_PLACE' };
  if (entry.closedDate) return CLOSED_BY_OWNER;
  if (!rules.enabled) return UPLOADS_TURNED_OFF;
  return undefined;
}

/** A place that is no longer there (its submission was deleted meanwhile) answers undefined; other failures are thrown. */
function goneWithSubmission(error: unknown): undefined {
  if (isItemNotFound(error)) return undefined;
  throw error;
}
