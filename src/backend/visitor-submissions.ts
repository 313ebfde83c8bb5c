import { items } from '@wix/data';
import { auth } from '@wix/essentials';
import { VISITOR_FILES, VISITOR_SUBMISSIONS } from './data-collections';
import { claimNumbered, releaseClaim } from './numbered-claims';
import { isSubmissionId } from './arguments';
import { INBOX_PAGE_SIZE, type InboxPageRequest, type SubmissionFile, type SubmissionSummary } from '../shared/visitor-upload-methods';
import type { SubmissionDetails } from '../policies/visitor-rules-policy';
import type { UploadStatusReport } from '../shared/upload-methods';

/** A submission as stored: who sent it, and what proves who may continue it. Its files are items of their own. */
export interface SubmissionEntry extends SubmissionDetails {
  _id: string;
  /** The visitor's or member's id from their token. */
  visitorId: string;
  fromMember: boolean;
  /** SHA-256 of the secret only the visitor's browser holds, hex. */
  secretHash: string;
  handled: boolean;
  /** When the owner closed it: its files that had not arrived are closed too. */
  closedDate?: Date | string;
  _createdDate?: Date | string;
}

/** One file of a submission: a numbered place `<submission id>:<n>`, from the moment it is asked for. */
export interface SubmissionFileEntry extends SubmissionFile {
  _id: string;
  submissionId: string;
  visitorId: string;
  /** Its place in the submission (absent on files recorded before places were numbered). */
  slot?: number;
  /** How many checks could not read its bytes (visitor-file-check.ts): it is refused after a bounded number. */
  contentReadFailures?: number;
  _createdDate?: Date | string;
  _updatedDate?: Date | string;
}

const SUBMISSIONS = VISITOR_SUBMISSIONS.id;
const FILES = VISITOR_FILES.id;
/** Files read per submission at most: far above any files-per-submission rule. */
const FILES_PER_SUBMISSION_READ = 1000;

export async function insertSubmission(entry: SubmissionEntry): Promise<SubmissionEntry> {
  return (await auth.elevate(items.insert)(SUBMISSIONS, { ...entry })) as SubmissionEntry;
}

/**
 * The submission with this id. An id that is not one the server makes is not looked up at all:
 * Wix Data's Get Item puts the id in its request path, so a visitor's `../../…` would reach
 * another API with the app's rights.
 */
export async function readSubmission(id: string): Promise<SubmissionEntry | undefined> {
  if (!isSubmissionId(id)) return undefined;
  return ((await auth.elevate(items.get)(SUBMISSIONS, id)) ?? undefined) as SubmissionEntry | undefined;
}

export async function updateSubmission(entry: SubmissionEntry): Promise<void> {
  await auth.elevate(items.update)(SUBMISSIONS, { ...entry });
}

/**
 * Removes a submission, then its files: a request that took a place before reading the submission
 * either read it gone (and gives its place back) or took the place before this lists them.
 */
export async function removeSubmission(id: string): Promise<void> {
  await auth.elevate(items.remove)(SUBMISSIONS, id);
  for (const file of await filesOf(id)) await auth.elevate(items.remove)(FILES, file._id);
}

/** The latest submissions, newest first. */
export async function readRecentSubmissions(limit: number): Promise<SubmissionEntry[]> {
  const result = await auth.elevate(items.query)(SUBMISSIONS).descending('_createdDate').limit(limit).find();
  return result.items as SubmissionEntry[];
}

/** A page of the inbox, and how many submissions match in all. */
export async function readSubmissionPage(
  request: Required<Pick<InboxPageRequest, 'filter' | 'offset' | 'pageSize'>> & { search: string },
): Promise<{ entries: SubmissionEntry[]; total: number }> {
  const matching = () => {
    let query = auth.elevate(items.query)(SUBMISSIONS);
    if (request.filter !== 'ALL') query = query.eq('handled', request.filter === 'HANDLED');
    if (request.search) {
      const words = (field: string) => auth.elevate(items.query)(SUBMISSIONS).contains(field, request.search);
      query = query.and(words('name').or(words('email')).or(words('message')));
    }
    return query;
  };
  const [page, total] = await Promise.all([
    matching().ascending('handled').descending('_createdDate').skip(request.offset).limit(request.pageSize).find(),
    matching().count(),
  ]);
  return { entries: page.items as SubmissionEntry[], total };
}

export const INBOX_PAGE_DEFAULTS = { filter: 'ALL', offset: 0, pageSize: INBOX_PAGE_SIZE.default, search: '' } as const;

export async function filesOf(submissionId: string): Promise<SubmissionFileEntry[]> {
  const result = await auth
    .elevate(items.query)(FILES)
    .eq('submissionId', submissionId)
    .ascending('_createdDate')
    .limit(FILES_PER_SUBMISSION_READ)
    .find();
  return result.items as SubmissionFileEntry[];
}

/** Files of any submission still waiting for their upload (status UPLOADING), at most `limit`. */
export async function readOpenFiles(limit: number): Promise<SubmissionFileEntry[]> {
  return (await auth.elevate(items.query)(FILES).eq('status', 'UPLOADING').limit(limit).find()).items as SubmissionFileEntry[];
}

/** The file at place `<submission id>:<n>`, for a submission id of the server's shape. */
export async function readFileSlot(submissionId: string, slot: number): Promise<SubmissionFileEntry | undefined> {
  if (!isSubmissionId(submissionId) || !Number.isSafeInteger(slot) || slot < 1) return undefined;
  return ((await auth.elevate(items.get)(FILES, fileSlotId(submissionId, slot))) ?? undefined) as SubmissionFileEntry | undefined;
}

/** Files of any submissions by their places' ids. */
export async function readFileSlots(ids: readonly string[]): Promise<SubmissionFileEntry[]> {
  if (ids.length === 0) return [];
  const result = await auth
    .elevate(items.query)(FILES)
    .hasSome('_id', [...ids])
    .limit(ids.length)
    .find();
  return result.items as SubmissionFileEntry[];
}

export function fileSlotId(submissionId: string, slot: number): string {
  return `${submissionId}:${slot}`;
}

/** The submission and place a file's id names, if it is one. */
export function parseFileSlotId(id: string): { submissionId: string; slot: number } | undefined {
  const match = /^([0-9a-f-]{36}):(\d{1,4})$/.exec(id);
  return match && isSubmissionId(match[1]) ? { submissionId: match[1], slot: Number(match[2]) } : undefined;
}

/**
 * Takes a free place of the submission for a new file (at most `limit`): the file's item is
 * inserted at `<submission id>:<n>`, which fails when another request took n first.
 */
export async function claimFileSlot(
  entry: SubmissionEntry,
  limit: number,
  file: Pick<SubmissionFile, 'name' | 'sizeInBytes' | 'mimeType'>,
): Promise<SubmissionFileEntry | undefined> {
  const fields = { visitorId: entry.visitorId, status: 'UPLOADING', ...file };
  const slot = await claimNumbered(
    {
      collectionId: FILES,
      scopeField: 'submissionId',
      scope: entry._id,
      numberField: 'slot',
      limit,
      idOf: (n) => fileSlotId(entry._id, n),
    },
    fields,
  );
  if (slot === undefined) return undefined;
  return { ...fields, _id: fileSlotId(entry._id, slot), submissionId: entry._id, slot, status: 'UPLOADING' };
}

/** Gives a file's place back: nothing was issued for it. */
export async function releaseFileSlot(file: SubmissionFileEntry): Promise<void> {
  await releaseClaim(FILES, file._id);
}

export async function updateFile(entry: SubmissionFileEntry): Promise<void> {
  await auth.elevate(items.update)(FILES, { ...entry });
}

const SLOT_LABEL_PREFIX = 'visitor-file:';

/** The label every file of a place carries in the Media Manager, set when its upload URL is generated (a visitor cannot change it). */
export function fileSlotLabel(file: Pick<SubmissionFileEntry, '_id'>): string {
  return `${SLOT_LABEL_PREFIX}${file._id}`;
}

/** The place a file's labels name, if one of them is a place's label. */
export function fileSlotOfLabels(labels: readonly string[] | undefined | null): { submissionId: string; slot: number } | undefined {
  for (const label of labels ?? []) {
    const place = label.startsWith(SLOT_LABEL_PREFIX) ? parseFileSlotId(label.slice(SLOT_LABEL_PREFIX.length)) : undefined;
    if (place) return place;
  }
  return undefined;
}

const iso = (date: Date | string | undefined) => (date ? new Date(date).toISOString() : undefined);

export function toSummary(entry: SubmissionEntry, files: readonly SubmissionFileEntry[]): SubmissionSummary {
  // The visitor's activity: the submission started, each file asked for, its URLs, its arrival (the owner's marks are not).
  const changes = [entry._createdDate, ...files.map((file) => file._updatedDate)].flatMap((date) =>
    date ? [new Date(date).getTime()] : [],
  );
  return {
    id: entry._id,
    name: entry.name,
    email: entry.email,
    message: entry.message,
    files: files.map(({ fileId, name, sizeInBytes, mimeType, status, reason, broken, _updatedDate }) => ({
      fileId,
      name,
      sizeInBytes,
      mimeType,
      status,
      reason,
      broken,
      updatedDate: iso(_updatedDate),
    })),
    handled: entry.handled,
    fromMember: entry.fromMember,
    createdDate: iso(entry._createdDate),
    lastActiveDate: changes.length > 0 ? new Date(Math.max(...changes)).toISOString() : undefined,
    closedDate: iso(entry.closedDate),
  };
}

/** A file of a submission as the engine reads a status report: UPLOADING and PENDING are PENDING, REJECTED is a FAILED file saying so. */
export function reportOfSubmissionFile(file: SubmissionFile): UploadStatusReport {
  const status = file.status === 'READY' ? 'READY' : file.status === 'PENDING' || file.status === 'UPLOADING' ? 'PENDING' : 'FAILED';
  return {
    fileId: file.fileId ?? '',
    status,
    displayName: file.name,
    sizeInBytes: file.sizeInBytes,
    private: true,
    failureCode: file.status === 'REJECTED' ? 'REJECTED_BY_SITE_RULES' : undefined,
    failureDescription: file.reason,
    broken: file.broken,
  };
}
