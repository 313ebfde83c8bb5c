import { auth } from '@wix/essentials';
import type { VisitorRefusal, VisitorUploadRules } from '../shared/visitor-uploads';
import { isRecord } from '../shared/is-record';
import { readSubmission, type SubmissionEntry } from './visitor-submissions';
import { sameDigest, sha256Hex } from './secrets';
import { isSubmissionId, isSubmissionSecret } from './arguments';

/** Who is calling a visitor web method, from their token (Wix's Token Info). */
export interface Caller {
  type: 'APP' | 'USER' | 'MEMBER' | 'VISITOR' | 'UNKNOWN';
  id: string;
}

/** The shape of the ids Wix gives visitors, members and users (GUIDs); the daily counts' ids are built from them. */
const SUBJECT_ID = /^[A-Za-z0-9-]{1,100}$/;

export async function currentCaller(): Promise<Caller> {
  const info = await auth.getTokenInfo();
  if (typeof info.subjectId !== 'string' || !SUBJECT_ID.test(info.subjectId)) return { type: 'UNKNOWN', id: '' };
  return { type: info.subjectType, id: info.subjectId };
}

/** Why this caller may not send files under these rules, or undefined when they may. */
export function audienceRefusal(rules: VisitorUploadRules, caller: Caller): VisitorRefusal | undefined {
  if (!rules.enabled) return { ok: false, code: 'DISABLED', reason: 'The site owner is not accepting files right now.' };
  if (caller.type === 'UNKNOWN' || caller.id === '')
    return { ok: false, code: 'NOT_ALLOWED', reason: 'Your session could not be identified: reload the page.' };
  // The site's owner and collaborators (USER) may try the widget on their own site.
  if (rules.audience === 'MEMBERS' && caller.type !== 'MEMBER' && caller.type !== 'USER') {
    return { ok: false, code: 'MEMBERS_ONLY', reason: 'Only members of this site can send files: log in first.' };
  }
  return undefined;
}

const NOT_YOURS: VisitorRefusal = {
  ok: false,
  code: 'NOT_YOURS',
  reason: 'This submission does not exist or was started in another browser.',
};

/**
 * The submission a ticket opens, when the caller is the visitor who started it and holds its
 * secret; one answer for every failure, so a guess learns nothing. An id or secret that is not of
 * the shape the server makes is refused before any Wix call.
 */
export async function openSubmission(ticket: unknown, caller: Caller): Promise<SubmissionEntry | VisitorRefusal> {
  if (!isRecord(ticket) || !isSubmissionId(ticket.submissionId) || !isSubmissionSecret(ticket.secret)) return NOT_YOURS;
  const entry = await readSubmission(ticket.submissionId);
  if (!entry) return NOT_YOURS;
  const hash = await sha256Hex(ticket.secret);
  if (!sameDigest(hash, entry.secretHash) || entry.visitorId !== caller.id) return NOT_YOURS;
  return entry;
}

export function isVisitorRefusal(value: SubmissionEntry | VisitorRefusal): value is VisitorRefusal {
  return 'ok' in value && value.ok === false;
}
