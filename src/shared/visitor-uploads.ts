import { isRecord } from './is-record';
import { mediaTypeOf, type MediaType } from './media-types';
import { formatBytes, GB } from './format';
import type { Refusal, UploadSession, UploadSessionRequest, UploadStatusReport } from './upload-api';
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
  maxFileSizeBytes: number;
  maxFilesPerSubmission: number;
  /** Files one visitor may send in 24 hours. */
  maxFilesPerVisitorPerDay: number;
  /** Files all visitors together may send in 24 hours. */
  maxFilesPerDay: number;
}

/** What the widget may know of the rules: what is accepted and by whom. */
export interface VisitorUploadTerms
  extends Pick<VisitorUploadRules, 'enabled' | 'audience' | 'allowedTypes' | 'maxFileSizeBytes' | 'maxFilesPerSubmission'> {
  /** The caller must log in as a member before sending (members-only rules, an anonymous visitor). */
  loginNeeded?: boolean;
}

export const DEFAULT_VISITOR_UPLOAD_RULES: VisitorUploadRules = {
  enabled: false,
  audience: 'ANYONE',
  allowedTypes: [],
  maxFileSizeBytes: 5 * GB,
  maxFilesPerSubmission: 10,
  maxFilesPerVisitorPerDay: 20,
  maxFilesPerDay: 200,
};

/** The most any rule may say, whatever the owner types: the Media Manager's own bounds. */
export const VISITOR_RULE_BOUNDS = {
  maxFileSizeBytes: 50 * GB,
  maxFilesPerSubmission: 100,
  maxFilesPerVisitorPerDay: 1000,
  maxFilesPerDay: 100_000,
  allowedTypes: 50,
} as const;

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
}

/** A submission as the owner sees it in the inbox. */
export interface SubmissionSummary extends SubmissionDetails {
  id: string;
  files: SubmissionFile[];
  handled: boolean;
  createdDate?: string;
  /** Whether a member (rather than an anonymous visitor) sent it. */
  fromMember: boolean;
}

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

/** Why a file breaks the rules (its type or size), in words for the visitor; undefined when it does not. */
export function fileRuleProblem(rules: VisitorUploadTerms, file: { mimeType: string; sizeInBytes: number }): string | undefined {
  if (!typeAllowed(rules.allowedTypes, file.mimeType)) {
    return `Files of type ${file.mimeType || 'unknown'} are not accepted here (accepted: ${rules.allowedTypes.join(', ')}).`;
  }
  if (file.sizeInBytes > rules.maxFileSizeBytes) return `The file is larger than the ${formatBytes(rules.maxFileSizeBytes)} accepted here.`;
  return undefined;
}

const TYPE_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/(\*|[a-z0-9][a-z0-9!#$&^_.+-]*)$/i;

function wholeNumber(input: Record<string, unknown>, field: keyof typeof VISITOR_RULE_BOUNDS, violations: FieldViolation[]): number {
  const value = input[field];
  const max = VISITOR_RULE_BOUNDS[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    violations.push({ field, description: `must be a whole number from 1 to ${max}`, violatedRule: 'FORMAT' });
    return 0;
  }
  return value;
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
    maxFileSizeBytes: wholeNumber(input, 'maxFileSizeBytes', violations),
    maxFilesPerSubmission: wholeNumber(input, 'maxFilesPerSubmission', violations),
    maxFilesPerVisitorPerDay: wholeNumber(input, 'maxFilesPerVisitorPerDay', violations),
    maxFilesPerDay: wholeNumber(input, 'maxFilesPerDay', violations),
  };
  return violations.length > 0 ? { violations } : { rules };
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

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
    } else if (field !== 'message' && CONTROL.test(trimmed)) {
      violations.push({ field, description: 'must not contain control characters', violatedRule: 'FORMAT' });
    }
    return trimmed;
  };
  const details = { name: text('name', true), email: text('email', true), message: text('message', false) };
  if (details.email && !violations.some((v) => v.field === 'email') && !EMAIL_PATTERN.test(details.email)) {
    violations.push({ field: 'email', description: 'must be an e-mail address', violatedRule: 'FORMAT' });
  }
  return violations.length > 0 ? { violations } : { details };
}
