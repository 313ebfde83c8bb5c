import { isRecord } from './is-record';
import { mediaTypeOf, type MediaType } from './media-types';
import { formatBytes, GB } from './format';
import { typedTextViolation } from './names';
import type { Refusal, ServerFinalizeAnswer, UploadSession, UploadSessionRequest, UploadStatusReport } from './upload-api';
import type { FieldViolation } from './upload-request';

/** Who may send files through the site widget. */
export type VisitorAudience = 'ANYONE' | 'MEMBERS';

/**
 * The owner's rules for visitor uploads, kept on the server and checked there for every file;
 * the widget only shows them.
 */
export interface VisitorUploadRules {
  enabled: boolean;
  audience: VisitorAudience;
  /** MIME types ("application/pdf") or families ("video/*"); empty: any type. */
  allowedTypes: string[];
  /** The largest file, in bytes: `maxFileSizeGb` computed once, exactly (1 GB = 10^9 bytes). */
  maxFileSizeBytes: number;
  /** The largest file in GB as the owner typed it ("0.1"), shown back and to visitors as typed. */
  maxFileSizeGb: string;
  maxFilesPerSubmission: number;
  /** Files one visitor may send in a day (UTC). */
  maxFilesPerVisitorPerDay: number;
  /** Files all visitors together may send in a day (UTC). */
  maxFilesPerDay: number;
  /** Submissions one visitor may start in a day (UTC). */
  maxSubmissionsPerVisitorPerDay: number;
  /** Submissions all visitors together may start in a day (UTC). */
  maxSubmissionsPerDay: number;
}

/** What the widget may know of the rules: what is accepted and by whom. */
export interface VisitorUploadTerms
  extends Pick<VisitorUploadRules, 'enabled' | 'audience' | 'allowedTypes' | 'maxFileSizeBytes' | 'maxFilesPerSubmission'>,
    Partial<Pick<VisitorUploadRules, 'maxFileSizeGb'>> {
  /** The caller must log in as a member before sending (members-only rules, an anonymous visitor). */
  loginNeeded?: boolean;
}

/** A byte is 10^-9 GB: more decimals than that name no whole number of bytes. */
const GB_DECIMALS = 9;

export const DEFAULT_VISITOR_UPLOAD_RULES: VisitorUploadRules = {
  enabled: false,
  audience: 'ANYONE',
  allowedTypes: [],
  maxFileSizeBytes: 5 * GB,
  maxFileSizeGb: '5',
  maxFilesPerSubmission: 10,
  maxFilesPerVisitorPerDay: 20,
  maxFilesPerDay: 200,
  maxSubmissionsPerVisitorPerDay: 5,
  maxSubmissionsPerDay: 100,
};

/** The most any rule may say, whatever the owner types. */
export const VISITOR_RULE_BOUNDS = {
  maxFileSizeBytes: 50 * GB,
  maxFilesPerSubmission: 100,
  maxFilesPerVisitorPerDay: 1000,
  maxFilesPerDay: 100_000,
  maxSubmissionsPerVisitorPerDay: 100,
  maxSubmissionsPerDay: 10_000,
  allowedTypes: 50,
} as const;

/**
 * A size in GB as typed ("0.1", "2,5") in bytes, exactly: the digits are read as text, never
 * through a binary fraction (0.1 GB is 100,000,000 bytes, not 99,999,999.62...). Undefined when
 * the text is not a decimal number with at most 9 decimals.
 */
export function gigabytesToBytes(typed: string): number | undefined {
  const match = /^(\d{1,6})(?:[.,](\d{1,9}))?$/.exec(typed.trim());
  if (!match) return undefined;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(GB_DECIMALS, '0'));
  return whole * GB + fraction;
}

/** Bytes in GB as the shortest exact decimal text: 100000000 → "0.1", 5368709120 → "5.36870912". */
export function bytesToGigabytes(bytes: number): string {
  const whole = Math.floor(bytes / GB);
  const fraction = String(bytes % GB)
    .padStart(GB_DECIMALS, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** The largest file as the visitor is told it: the owner's own words when known ("0.1 GB"). */
export function maxFileSizeWords(terms: VisitorUploadTerms): string {
  return terms.maxFileSizeGb ? `${terms.maxFileSizeGb.trim()} GB` : formatBytes(terms.maxFileSizeBytes);
}

/** The limits on what a visitor writes with the files. */
export const SUBMISSION_FIELD_LIMITS = { name: 100, email: 254, message: 2000 } as const;

/** The visitor's part of a submission: who they are and what they want the owner to know. */
export interface SubmissionDetails {
  name: string;
  email: string;
  message: string;
}

export type VisitorFileStatus = 'UPLOADING' | 'PENDING' | 'READY' | 'FAILED' | 'REJECTED';

export interface SubmissionFile {
  /** The Media Manager file id, once finalized. */
  fileId?: string;
  name: string;
  sizeInBytes: string;
  mimeType: string;
  status: VisitorFileStatus;
  /** Why the file was rejected or failed. */
  reason?: string;
  /** When the file last changed (its place taken, an upload URL issued, the file arrived, checked), ISO. */
  updatedDate?: string;
}

/** A submission as the owner sees it in the inbox. */
export interface SubmissionSummary extends SubmissionDetails {
  id: string;
  files: SubmissionFile[];
  handled: boolean;
  createdDate?: string;
  /** Whether a member (rather than an anonymous visitor) sent it. */
  fromMember: boolean;
  /** The last time the visitor did something of it (started it, asked for a file, a file arrived), ISO: for one still sending, how long it has been quiet. */
  lastActiveDate?: string;
  /** When the owner closed it: files that had not arrived by then never will. */
  closedDate?: string;
}

/** Which submissions the inbox shows. */
export type InboxFilter = 'ALL' | 'UNHANDLED' | 'HANDLED';

/** A page of the inbox: `ALL` lists the unhandled first, then the handled; newest first within each. */
export interface InboxPageRequest {
  filter?: InboxFilter;
  /** Words matched in the name, e-mail and message (case-insensitive). */
  search?: string;
  offset?: number;
  pageSize?: number;
}

export const INBOX_PAGE_SIZE = { default: 20, max: 100 } as const;
/** The longest search the inbox accepts. */
export const INBOX_SEARCH_MAX_LENGTH = 100;

export type InboxPage =
  | { ok: true; submissions: SubmissionSummary[]; total: number; offset: number; pageSize: number }
  | { ok: false; reason: string };

/**
 * Upload URLs issued for one file at most: its first, and re-issues after a lost session or an
 * expired token. Each URL can deliver a file; only the first file to arrive is kept.
 */
export const MAX_UPLOAD_URLS_PER_FILE = 5;
/** Finalizes the server sends for one upload URL at most (a visitor whose own finalize got no answer). */
export const MAX_SERVER_FINALIZES_PER_URL = 3;

/** What lets a visitor's browser continue its own submission, and nothing else. */
export interface SubmissionTicket {
  submissionId: string;
  /** A secret only this browser holds; the server keeps its hash. */
  secret: string;
}

/** A refusal that may pass: try again after `retryAfterSeconds`. */
export interface RateLimited extends Refusal {
  code: 'RATE_LIMITED';
  retryAfterSeconds: number;
}

export type VisitorRefusal = (Refusal & { code?: 'DISABLED' | 'MEMBERS_ONLY' | 'NOT_YOURS' | 'NOT_ALLOWED' }) | RateLimited;

export type StartSubmissionResult = ({ ok: true } & SubmissionTicket & { terms: VisitorUploadTerms }) | VisitorRefusal;
export type VisitorSessionResult =
  | { ok: true; session: UploadSession }
  | VisitorRefusal
  | { ok: false; reason: string; violations: FieldViolation[] };
export type VisitorRecordResult = { ok: true; report: UploadStatusReport } | VisitorRefusal;
export type VisitorStatusResult = { ok: true; reports: UploadStatusReport[]; unknownFileIds: string[] } | VisitorRefusal;
export type SaveRulesResult = { ok: true; rules: VisitorUploadRules } | { ok: false; reason: string; violations: FieldViolation[] };

export interface VisitorSessionRequest extends SubmissionTicket {
  request: UploadSessionRequest;
}

/** A visitor's finalize sent from the server: the session the server issued for one of the submission's files. */
export interface VisitorFinalizeRequest extends SubmissionTicket {
  session: UploadSession;
  fileName: string;
}

export type VisitorFinalizeResult = ServerFinalizeAnswer | VisitorRefusal;

/** Whether a MIME type is one the rules accept ("video/*" accepts "video/mp4"). */
export function typeAllowed(allowedTypes: readonly string[], mimeType: string): boolean {
  if (allowedTypes.length === 0) return true;
  const type = mimeType.toLowerCase();
  return allowedTypes.some((allowed) => {
    const rule = allowed.toLowerCase();
    return rule.endsWith('/*') ? type.startsWith(rule.slice(0, -1)) : type === rule;
  });
}

/** The Media Manager kinds a rule covers: "image/*" covers images and vector images. */
function mediaTypesOfRule(rule: string): MediaType[] {
  if (rule.endsWith('/*')) {
    const kind = mediaTypeOf(`${rule.slice(0, -1)}any`);
    return kind === 'IMAGE' ? ['IMAGE', 'VECTOR'] : [kind];
  }
  return [mediaTypeOf(rule)];
}

/**
 * Whether the kind the Media Manager found in the bytes (a descriptor's mediaType) is one the
 * rules accept: what arrived is checked, not only what the browser declared.
 */
export function mediaTypeAllowed(allowedTypes: readonly string[], mediaType: string): boolean {
  if (allowedTypes.length === 0) return true;
  return allowedTypes.some((rule) => {
    return mediaTypesOfRule(rule.toLowerCase()).includes(mediaType as MediaType);
  });
}

/** What first bytes that say only "XML" can be: an SVG image, an office part, a feed. They name no narrower kind. */
const GENERIC_CONTENT = new Set(['application/xml']);

/**
 * Whether the kind the file's first bytes show is one the rules accept. `signatureTypes` are the
 * types a content sniffer tells by their bytes. Content it does not recognise passes only a rule
 * that names a family ("video/*": the Media Manager's kind is checked too) or a type without a
 * signature ("text/csv"): with only application/pdf allowed, bytes that are not a PDF are refused.
 */
export function contentKindAllowed(
  allowedTypes: readonly string[],
  sniffedMimeType: string | undefined,
  signatureTypes: ReadonlySet<string>,
): boolean {
  if (allowedTypes.length === 0) return true;
  if (sniffedMimeType && !GENERIC_CONTENT.has(sniffedMimeType)) return typeAllowed(allowedTypes, sniffedMimeType);
  return allowedTypes.some((rule) => rule.endsWith('/*') || !signatureTypes.has(rule.toLowerCase()));
}

/** Why a file breaks the rules (its type or size), in words for the visitor; undefined when it does not. */
export function fileRuleProblem(rules: VisitorUploadTerms, file: { mimeType: string; sizeInBytes: number }): string | undefined {
  if (!typeAllowed(rules.allowedTypes, file.mimeType)) {
    return `Files of type ${file.mimeType || 'unknown'} are not accepted here (accepted: ${rules.allowedTypes.join(', ')}).`;
  }
  if (file.sizeInBytes > rules.maxFileSizeBytes) return `The file is larger than the ${maxFileSizeWords(rules)} accepted here.`;
  return undefined;
}

const TYPE_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/(\*|[a-z0-9][a-z0-9!#$&^_.+-]*)$/i;

type CountRule = Exclude<keyof typeof VISITOR_RULE_BOUNDS, 'allowedTypes' | 'maxFileSizeBytes'>;
/** Rules added after the first release: absent (rules saved before, an older caller), they take their default. */
const LATER_RULES: ReadonlySet<CountRule> = new Set(['maxSubmissionsPerVisitorPerDay', 'maxSubmissionsPerDay']);

function wholeNumber(input: Record<string, unknown>, field: CountRule, violations: FieldViolation[]): number {
  const value = input[field];
  if (value === undefined && LATER_RULES.has(field)) return DEFAULT_VISITOR_UPLOAD_RULES[field];
  const max = VISITOR_RULE_BOUNDS[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    violations.push({ field, description: `must be a whole number from 1 to ${max}`, violatedRule: 'FORMAT' });
    return 0;
  }
  return value;
}

/**
 * The largest file: `maxFileSizeGb` as the owner typed it, its bytes computed from the text; a
 * caller that sends only `maxFileSizeBytes` (or bytes the text does not say) gets the text of
 * those bytes.
 */
function largestFile(
  input: Record<string, unknown>,
  violations: FieldViolation[],
): Pick<VisitorUploadRules, 'maxFileSizeBytes' | 'maxFileSizeGb'> {
  const max = VISITOR_RULE_BOUNDS.maxFileSizeBytes;
  const { maxFileSizeGb: typed, maxFileSizeBytes: bytes } = input;
  const typedBytes = typeof typed === 'string' ? gigabytesToBytes(typed) : undefined;
  if (typed !== undefined && typed !== null && typedBytes === undefined) {
    violations.push({
      field: 'maxFileSizeGb',
      description: 'must be a number of GB, such as 2 or 0.5, with at most 9 decimals',
      violatedRule: 'FORMAT',
    });
    return { maxFileSizeBytes: 0, maxFileSizeGb: '' };
  }
  const chosen = bytes === undefined || bytes === null ? typedBytes : bytes;
  if (typeof chosen !== 'number' || !Number.isSafeInteger(chosen) || chosen < 1 || chosen > max) {
    const field = bytes === undefined || bytes === null ? 'maxFileSizeGb' : 'maxFileSizeBytes';
    const description =
      field === 'maxFileSizeGb' ? `must be more than 0 and at most ${bytesToGigabytes(max)} GB` : `must be a whole number from 1 to ${max}`;
    violations.push({ field, description, violatedRule: 'FORMAT' });
    return { maxFileSizeBytes: 0, maxFileSizeGb: '' };
  }
  return { maxFileSizeBytes: chosen, maxFileSizeGb: chosen === typedBytes ? (typed as string).trim() : bytesToGigabytes(chosen) };
}

/** The owner's rules as typed, checked: the rules, or what is wrong with each field. */
export function parseVisitorUploadRules(input: unknown): { rules: VisitorUploadRules } | { violations: FieldViolation[] } {
  if (!isRecord(input)) return { violations: [{ field: 'rules', description: 'must be an object', violatedRule: 'TYPE' }] };
  const violations: FieldViolation[] = [];
  if (typeof input.enabled !== 'boolean') violations.push({ field: 'enabled', description: 'must be true or false', violatedRule: 'TYPE' });
  if (input.audience !== 'ANYONE' && input.audience !== 'MEMBERS') {
    violations.push({ field: 'audience', description: 'must be ANYONE or MEMBERS', violatedRule: 'INVALID_ENUM_VALUE' });
  }
  const types = input.allowedTypes;
  if (!Array.isArray(types) || types.length > VISITOR_RULE_BOUNDS.allowedTypes) {
    violations.push({
      field: 'allowedTypes',
      description: `must be a list of at most ${VISITOR_RULE_BOUNDS.allowedTypes} types`,
      violatedRule: 'TYPE',
    });
  } else {
    types.forEach((type, index) => {
      if (typeof type !== 'string' || !TYPE_PATTERN.test(type)) {
        violations.push({
          field: `allowedTypes[${index}]`,
          description: 'must be a MIME type such as video/* or application/pdf',
          violatedRule: 'FORMAT',
        });
      }
    });
  }
  const rules: VisitorUploadRules = {
    enabled: input.enabled === true,
    audience: input.audience === 'MEMBERS' ? 'MEMBERS' : 'ANYONE',
    allowedTypes: Array.isArray(types)
      ? types.filter((type): type is string => typeof type === 'string').map((type) => type.toLowerCase())
      : [],
    ...largestFile(input, violations),
    maxFilesPerSubmission: wholeNumber(input, 'maxFilesPerSubmission', violations),
    maxFilesPerVisitorPerDay: wholeNumber(input, 'maxFilesPerVisitorPerDay', violations),
    maxFilesPerDay: wholeNumber(input, 'maxFilesPerDay', violations),
    maxSubmissionsPerVisitorPerDay: wholeNumber(input, 'maxSubmissionsPerVisitorPerDay', violations),
    maxSubmissionsPerDay: wholeNumber(input, 'maxSubmissionsPerDay', violations),
  };
  return violations.length > 0 ? { violations } : { rules };
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What the visitor wrote, checked: trimmed details, or what is wrong with each field. */
export function parseSubmissionDetails(input: unknown): { details: SubmissionDetails } | { violations: FieldViolation[] } {
  if (!isRecord(input)) return { violations: [{ field: 'details', description: 'must be an object', violatedRule: 'TYPE' }] };
  const violations: FieldViolation[] = [];
  const text = (field: keyof SubmissionDetails, required: boolean): string => {
    const value = input[field];
    if (typeof value !== 'string') {
      violations.push({ field, description: 'must be text', violatedRule: 'TYPE' });
      return '';
    }
    const trimmed = value.trim();
    if (required && trimmed === '') violations.push({ field, description: 'is required', violatedRule: 'REQUIRED_FIELD' });
    else if (trimmed.length > SUBMISSION_FIELD_LIMITS[field]) {
      violations.push({
        field,
        description: `must be at most ${SUBMISSION_FIELD_LIMITS[field]} characters long`,
        violatedRule: 'MAX_LENGTH',
      });
    } else {
      const forbidden = typedTextViolation(trimmed, field, { multiline: field === 'message' });
      if (forbidden) violations.push(forbidden);
    }
    return trimmed;
  };
  const details = { name: text('name', true), email: text('email', true), message: text('message', false) };
  if (details.email && !violations.some((v) => v.field === 'email') && !EMAIL_PATTERN.test(details.email)) {
    violations.push({ field: 'email', description: 'must be an e-mail address', violatedRule: 'FORMAT' });
  }
  return violations.length > 0 ? { violations } : { details };
}
