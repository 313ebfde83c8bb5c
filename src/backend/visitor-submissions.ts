import { items } from '@wix/data';
import { auth } from '@wix/essentials';
import { VISITOR_SUBMISSIONS } from './data-collections';
import type { SubmissionDetails, SubmissionFile, SubmissionSummary } from '../shared/visitor-uploads';

/** A submission as stored: the summary's fields and what proves who may continue it. */
export interface SubmissionEntry extends SubmissionDetails {
  _id: string;
  files: SubmissionFile[];
  /** The visitor's or member's id from their token. */
  visitorId: string;
  fromMember: boolean;
  /** SHA-256 of the secret only the visitor's browser holds, hex. */
  secretHash: string;
  handled: boolean;
  _createdDate?: Date | string;
}

const COLLECTION = VISITOR_SUBMISSIONS.id;
/** Submissions read at most to count a day's files: the daily limits are far below this many submissions. */
const COUNT_WINDOW_LIMIT = 1000;

export async function insertSubmission(entry: SubmissionEntry): Promise<SubmissionEntry> {
  return (await auth.elevate(items.insert)(COLLECTION, { ...entry })) as SubmissionEntry;
}

export async function readSubmission(id: string): Promise<SubmissionEntry | undefined> {
  return ((await auth.elevate(items.get)(COLLECTION, id)) ?? undefined) as SubmissionEntry | undefined;
}

export async function updateSubmission(entry: SubmissionEntry): Promise<SubmissionEntry> {
  return (await auth.elevate(items.update)(COLLECTION, { ...entry })) as SubmissionEntry;
}

export async function removeSubmission(id: string): Promise<void> {
  await auth.elevate(items.remove)(COLLECTION, id);
}

export async function readRecentSubmissions(limit: number): Promise<SubmissionEntry[]> {
  const result = await auth.elevate(items.query)(COLLECTION).descending('_createdDate').limit(limit).find();
  return result.items as SubmissionEntry[];
}

/** Files asked for since `since`, by everyone or by one visitor: what the daily limits count. */
export async function filesRequestedSince(since: Date, visitorId?: string): Promise<{ files: number; oldest?: Date }> {
  let query = auth.elevate(items.query)(COLLECTION).gt('_createdDate', since);
  if (visitorId) query = query.eq('visitorId', visitorId);
  const result = await query.ascending('_createdDate').limit(COUNT_WINDOW_LIMIT).find();
  const entries = result.items as SubmissionEntry[];
  const first = entries[0]?._createdDate;
  return { files: entries.reduce((sum, entry) => sum + entry.files.length, 0), oldest: first ? new Date(first) : undefined };
}

export function toSummary(entry: SubmissionEntry): SubmissionSummary {
  return {
    id: entry._id,
    name: entry.name,
    email: entry.email,
    message: entry.message,
    files: entry.files,
    handled: entry.handled,
    fromMember: entry.fromMember,
    createdDate: entry._createdDate ? new Date(entry._createdDate).toISOString() : undefined,
  };
}
