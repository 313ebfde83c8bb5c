import { isRecord } from './is-record';

/**
 * The one vocabulary of refusals, in the manner of tus-node-server's ERRORS table: every way the
 * backend (a web method, an HTTP endpoint, the command line's site target) says no to a request,
 * as a value with a code callers tell apart, a sentence for people (`reason`) and the data a
 * code carries (`violations`, `retryAfterSeconds`). A refusal is returned, never thrown: Wix
 * replaces a thrown error's message with a generic one in production.
 *
 * Who reads one: the engine turns it into an UploadError (upload-engine/upload-error.ts,
 * `failureFromRefusal`), which the page, the widget and the command line show; the page's own
 * queries into a RefusedError (dashboard/hooks/query-errors.ts). The sentences people read are
 * made here (`describeViolations`) and in the policies (src/policies/), nowhere else.
 */
export const REFUSALS = {
  INVALID_REQUEST: { retry: 'never', meaning: 'an argument is not what the method takes; `violations` names each field at fault' },
  NOT_FOUND: { retry: 'never', meaning: 'what was asked for does not exist (a file, a folder, a submission)' },
  NOT_ALLOWED: { retry: 'never', meaning: 'a rule forbids it: the owner’s rules, a count, a closed submission, a file kept' },
  NOT_YOURS: { retry: 'never', meaning: 'the caller may not reach it (one answer for every such case: a guess learns nothing)' },
  DISABLED: { retry: 'later', meaning: 'the owner is not accepting visitor files now' },
  MEMBERS_ONLY: { retry: 'after logging in', meaning: 'only members of the site may send files' },
  RATE_LIMITED: {
    retry: 'after retryAfterSeconds',
    meaning: 'a daily limit is reached; `retryAfterSeconds` says when the next day begins',
  },
  UNAVAILABLE: { retry: 'later', meaning: 'Wix did not give what was asked for (e.g. no download link)' },
} as const satisfies Record<string, { retry: string; meaning: string }>;

export type RefusalCode = keyof typeof REFUSALS;

/** Wix's own words for a validation rule, as its validation errors name them. */
export type ViolatedRule = 'REQUIRED_FIELD' | 'MAX_LENGTH' | 'MAX_SIZE' | 'INVALID_ENUM_VALUE' | 'FORMAT' | 'TYPE' | 'OTHER';

/** One field at fault, in the shape of Wix's validation errors (`details.validationError.fieldViolations`). */
export interface FieldViolation {
  field: string;
  description: string;
  violatedRule: ViolatedRule;
  /**
   * A service's own rule, with violatedRule OTHER (e.g. RESOURCE_NOT_FOUND); the app's finer name
   * of a FORMAT rule (FORBIDDEN_CHARACTERS, DOT_SEGMENTS), by which the UI words it.
   */
  ruleName?: string;
  data?: { threshold: number };
}

/** A web method's answer when it will not do what was asked, and why. */
export interface Refusal {
  ok: false;
  /** Absent only in answers of a backend written before codes (read as a refusal all the same). */
  code?: RefusalCode;
  /** A sentence for people. */
  reason: string;
  /** INVALID_REQUEST: the fields at fault. */
  violations?: FieldViolation[];
  /** RATE_LIMITED: seconds until trying again can succeed. */
  retryAfterSeconds?: number;
  /** NOT_ALLOWED, RATE_LIMITED: which rule, with its data, so a reader is told in their own language. */
  broken?: BrokenRule;
}

/**
 * Which of the visitor rules a request broke, or why the server rejected a file a visitor sent,
 * with the data its sentence needs. The server's English sentence (`reason`) is made of it by the
 * visitor rules policy (`brokenRuleSentence`); the page and the widget word it in the reader's
 * language (src/i18n/describe.ts). Stored with a visitor's file (VISITOR_FILES' `broken`), so the
 * owner's inbox reads it too. A rule added later is unknown to an older reader, which shows `reason`.
 */
export type BrokenRule =
  /** The caller's token names nobody. */
  | { rule: 'SESSION_UNKNOWN' }
  | { rule: 'TYPE_NOT_ACCEPTED'; mimeType: string; accepted: string[] }
  /** `maxGb`: the owner's own number, as typed ("0.1"). */
  | { rule: 'FILE_TOO_LARGE'; maxBytes: number; maxGb?: string }
  /** The name's extension is none of the accepted types' (`extensions`: a few of theirs, for the sentence). */
  | { rule: 'EXTENSION_NOT_ACCEPTED'; extensions: string[] }
  | { rule: 'NAME_TAKEN'; fileName: string }
  | { rule: 'SUBMISSION_CLOSED' }
  | { rule: 'TOO_MANY_FILES'; max: number }
  | { rule: 'ASKED_TOO_OFTEN'; fileName: string; max: number }
  | { rule: 'FINALIZED_TOO_OFTEN' }
  | { rule: 'NOT_IN_SUBMISSION' }
  | { rule: 'DAILY_FILES_OF_VISITOR'; max: number }
  | { rule: 'DAILY_FILES_OF_SITE' }
  | { rule: 'DAILY_SUBMISSIONS_OF_VISITOR'; max: number }
  | { rule: 'DAILY_SUBMISSIONS_OF_SITE' }
  // What arrived, as the server's own check found it.
  | { rule: 'NO_OPEN_PLACE' }
  | { rule: 'EXTRA_FILE' }
  /** The Media Manager failed the file; `wixReason` is Wix's own (English) reason when it gave one. */
  | { rule: 'NOT_PROCESSED'; wixReason?: string }
  | { rule: 'UNREADABLE' }
  | { rule: 'PLACE_EXPIRED' }
  | { rule: 'CLOSED_BY_OWNER' }
  | { rule: 'UPLOADS_TURNED_OFF' }
  | { rule: 'GONE_FROM_MEDIA_MANAGER' }
  | { rule: 'RENAMED' }
  | { rule: 'SIZE_UNKNOWN' }
  | { rule: 'SIZE_NOT_ANNOUNCED'; arrivedBytes: number; announcedBytes: number }
  /** The kind the Media Manager found (its `mediaType`, lower case). */
  | { rule: 'KIND_NOT_ACCEPTED'; kind: string }
  /** The kind the first bytes show (absent: none recognised); `wixReason` when the Media Manager failed it too. */
  | { rule: 'CONTENT_NOT_ACCEPTED'; found?: string; wixReason?: string };

export type BrokenRuleName = BrokenRule['rule'];

/** A refusal of this code. */
export type RefusalOf<C extends RefusalCode> = Refusal & { code: C };

/** A refusal that passes with the day: try again after `retryAfterSeconds`. */
export type RateLimited = RefusalOf<'RATE_LIMITED'> & { retryAfterSeconds: number };

export function refuse<C extends RefusalCode>(code: C, reason: string): RefusalOf<C> {
  return { ok: false, code, reason };
}

/** INVALID_REQUEST naming each field at fault, its reason in sentences. */
export function invalidRequest(violations: FieldViolation[]): RefusalOf<'INVALID_REQUEST'> & { violations: FieldViolation[] } {
  return { ok: false, code: 'INVALID_REQUEST', reason: describeViolations(violations), violations };
}

/** Whether a value is a refusal: `ok: false` with a reason or the fields at fault. */
export function isRefusal(value: unknown): value is Refusal {
  return isRecord(value) && value.ok === false && (typeof value.reason === 'string' || Array.isArray(value.violations));
}

const FIELD_LABELS: Record<string, string> = {
  fileName: 'The file name',
  mimeType: 'The file type',
  sizeInBytes: 'The file size',
  parentFolderId: 'The destination folder id',
  filePath: 'The folder path',
  labels: 'The labels',
  private: 'The "private" setting',
  filename: 'The file name',
};

function labelOf(field: string): string {
  const label = FIELD_LABELS[field];
  if (label) return label;
  const labelIndex = /^labels\[(\d+)\]$/.exec(field)?.[1];
  if (labelIndex !== undefined) return `Label ${Number(labelIndex) + 1}`;
  return field ? `"${field}"` : 'The request';
}

/** "The file name must be at most 255 characters long (got 256).", one sentence per violation. */
export function describeViolations(violations: readonly FieldViolation[]): string {
  return violations.map((violation) => `${labelOf(violation.field)} ${violation.description}.`).join(' ');
}
