import { items } from '@wix/data';
import { auth } from '@wix/essentials';
import { VISITOR_FILES, VISITOR_SUBMISSIONS } from './data-collections';
import type { SubmissionDetails, SubmissionFile, SubmissionSummary } from '../shared/visitor-uploads';

/** A submission as stored: who sent it, and what proves who may continue it. Its files are items of their own. */
export interface SubmissionEntry extends SubmissionDetails {
  _id: string;
  /** The visitor's or member's id from their token. */
  visitorId: string;
  fromMember: boolean;
  /** SHA-256 of the secret only the visitor's browser holds, hex. */
  secretHash: string;
  handled: boolean;
  _createdDate?: Date | string;
}

/** One file of a submission, from the moment its upload URL is issued. */
export interface SubmissionFileEntry extends SubmissionFile {
  _id: string;
  submissionId: string;
  visitorId: string;
  _createdDate?: Date | string;
}

const SUBMISSIONS = VISITOR_SUBMISSIONS.id;
const FILES = VISITOR_FILES.id;
/** Files read per submission at most: far above any files-per-submission rule. */
const FILES_PER_SUBMISSION_READ = 1000;

export async function insertSubmission(entry: SubmissionEntry): Promise<SubmissionEntry> {
  return (await auth.elevate(items.insert)(SUBMISSIONS, { ...entry })) as SubmissionEntry;
}

export async function readSubmission(id: string): Promise<SubmissionEntry | undefined> {
  return ((await auth.elevate(items.get)(SUBMISSIONS, id)) ?? undefined) as SubmissionEntry | undefined;
}

export async function updateSubmission(entry: SubmissionEntry): Promise<void> {
  await auth.elevate(items.update)(SUBMISSIONS, { ...entry });
}

export async function removeSubmission(id: string): Promise<void> {
  for (const file of await filesOf(id)) await auth.elevate(items.remove)(FILES, file._id);
  await auth.elevate(items.remove)(SUBMISSIONS, id);
}

export async function readRecentSubmissions(limit: number): Promise<SubmissionEntry[]> {
  const result = await auth.elevate(items.query)(SUBMISSIONS).descending('_createdDate').limit(limit).find();
  return result.items as SubmissionEntry[];
}

export async function filesOf(submissionId: string): Promise<SubmissionFileEntry[]> {
  const result = await auth
    .elevate(items.query)(FILES)
    .eq('submissionId', submissionId)
    .ascending('_createdDate')
    .limit(FILES_PER_SUBMISSION_READ)
    .find();
  return result.items as SubmissionFileEntry[];
}

export async function insertFile(entry: SubmissionFileEntry): Promise<SubmissionFileEntry> {
  return (await auth.elevate(items.insert)(FILES, { ...entry })) as SubmissionFileEntry;
}

export async function updateFile(entry: SubmissionFileEntry): Promise<void> {
  await auth.elevate(items.update)(FILES, { ...entry });
}

/** Files asked for since `since`, by everyone or by one visitor, and when the oldest of them was: what the daily limits count. */
export async function filesRequestedSince(since: Date, visitorId?: string): Promise<{ files: number; oldest?: Date }> {
  const window = () => {
    const query = auth.elevate(items.query)(FILES).gt('_createdDate', since);
    return visitorId ? query.eq('visitorId', visitorId) : query;
  };
  const [files, oldest] = await Promise.all([window().count(), window().ascending('_createdDate').limit(1).find()]);
  const first = (oldest.items[0] as SubmissionFileEntry | undefined)?._createdDate;
  return { files, oldest: first ? new Date(first) : undefined };
}

export function toSummary(entry: SubmissionEntry, files: readonly SubmissionFileEntry[]): SubmissionSummary {
  return {
    id: entry._id,
    name: entry.name,
    email: entry.email,
    message: entry.message,
    files: files.map(({ fileId, name, sizeInBytes, mimeType, status, reason }) => ({
      fileId,
      name,
      sizeInBytes,
      mimeType,
      status,
      reason,
    })),
    handled: entry.handled,
    fromMember: entry.fromMember,
    createdDate: entry._createdDate ? new Date(entry._createdDate).toISOString() : undefined,
  };
}
