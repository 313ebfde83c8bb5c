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
}

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
