import { auth } from '@wix/essentials';
import type { Caller } from '../policies/visitor-rules-policy';
import { isRecord } from '../shared/is-record';
import { refuse, type Refusal } from '../shared/refusals';
import { readSubmission, type SubmissionEntry } from './visitor-submissions';
import { sameDigest, sha256Hex } from './secrets';
import { isSubmissionId, isSubmissionSecret } from './arguments';

/** The shape of the ids Wix gives visitors, members and users (GUIDs); the daily counts' ids are built from them. */
const SUBJECT_ID = /^[A-Za-z0-9-]{1,100}$/;

/** Who is calling a visitor web method, from their token (Wix's Token Info); who may send is the visitor rules policy's. */
export async function currentCaller(): Promise<Caller> {
  const info = await auth.getTokenInfo();
  if (typeof info.subjectId !== 'string' || !SUBJECT_ID.test(info.subjectId)) return { type: 'UNKNOWN', id: '' };
  return { type: info.subjectType, id: info.subjectId };
}

const NOT_YOURS = refuse('NOT_YOURS', 'This submission does not exist or was started in another browser.');

/**
 * The submission a ticket opens, when the caller is the visitor who started it and holds its
 * secret; one answer for every failure, so a guess learns nothing. An id or secret that is not of
 * the shape the server makes is refused before any Wix call.
 */
export async function openSubmission(ticket: unknown, caller: Caller): Promise<SubmissionEntry | Refusal> {
  if (!isRecord(ticket) || !isSubmissionId(ticket.submissionId) || !isSubmissionSecret(ticket.secret)) return NOT_YOURS;
  const entry = await readSubmission(ticket.submissionId);
  if (!entry) return NOT_YOURS;
  const hash = await sha256Hex(ticket.secret);
  if (!sameDigest(hash, entry.secretHash) || entry.visitorId !== caller.id) return NOT_YOURS;
  return entry;
}

export function isVisitorRefusal(value: SubmissionEntry | Refusal): value is Refusal {
  return 'ok' in value && value.ok === false;
}
