import { auth } from '@wix/essentials';
import type { VisitorRefusal, VisitorUploadRules } from '../shared/visitor-uploads';
import { isRecord } from '../shared/is-record';
import { readSubmission, type SubmissionEntry } from './visitor-submissions';
import { sameDigest, sha256Hex } from './secrets';

/** Who is calling a visitor web method, from their token (Wix's Token Info). */
export interface Caller {
  type: 'APP' | 'USER' | 'MEMBER' | 'VISITOR' | 'UNKNOWN';
  id: string;
}

export async function currentCaller(): Promise<Caller> {
  const info = await auth.getTokenInfo();
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
 * secret; one answer for every failure, so a guess learns nothing.
 */
export async function openSubmission(ticket: unknown, caller: Caller): Promise<SubmissionEntry | VisitorRefusal> {
  if (!isRecord(ticket) || typeof ticket.submissionId !== 'string' || typeof ticket.secret !== 'string') return NOT_YOURS;
  if (ticket.submissionId.length > 100 || ticket.secret.length > 200) return NOT_YOURS;
  const entry = await readSubmission(ticket.submissionId);
  if (!entry) return NOT_YOURS;
  const hash = await sha256Hex(ticket.secret);
  if (!sameDigest(hash, entry.secretHash) || entry.visitorId !== caller.id) return NOT_YOURS;
  return entry;
}

export function isVisitorRefusal(value: SubmissionEntry | VisitorRefusal): value is VisitorRefusal {
  return 'ok' in value && value.ok === false;
}
