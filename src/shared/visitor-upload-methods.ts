import type { BrokenRule, FieldViolation, Refusal } from './refusals';
import type { ServerFinalizeAnswer, UploadSession, UploadSessionRequest, UploadStatusReport } from './upload-methods';
import type { SubmissionDetails, VisitorUploadRules, VisitorUploadTerms } from '../policies/visitor-rules-policy';

/**
 * What the visitor upload web methods (src/backend/visitor-uploads.web.ts) take and answer, shared
 * by the widget, the inbox and the backend. The rules themselves are the visitor rules policy's
 * (src/policies/visitor-rules-policy.ts); refusals are the one vocabulary of shared/refusals.ts.
 */

export type VisitorFileStatus = 'UPLOADING' | 'PENDING' | 'READY' | 'FAILED' | 'REJECTED';

export interface SubmissionFile {
  /** The Media Manager file id, once finalized. */
  fileId?: string;
  name: string;
  sizeInBytes: string;
  mimeType: string;
  status: VisitorFileStatus;
  /** Why the file was rejected or failed, in the server's English. */
  reason?: string;
  /** The rule behind `reason`, to tell it in the reader's language (absent on files checked before it was kept). */
  broken?: BrokenRule;
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

export type InboxPage = { ok: true; submissions: SubmissionSummary[]; total: number; offset: number; pageSize: number } | Refusal;

/** What lets a visitor's browser continue its own submission, and nothing else. */
export interface SubmissionTicket {
  submissionId: string;
  /** A secret only this browser holds; the server keeps its hash. */
  secret: string;
}

/** A refusal of the file's description names the fields at fault (INVALID_REQUEST, `violations`). */
export type VisitorSessionResult = { ok: true; session: UploadSession } | Refusal;
/** How many files' upload URLs a submission may be started with (the widget sends two at a time). */
export const SESSIONS_WITH_SUBMISSION_MAX = 2;
/**
 * `sessions`: for each file asked with the submission, in order, what createVisitorUploadSession
 * answers for it; null where no answer came (the file's URL is then asked on its own).
 */
export type StartSubmissionResult =
  | ({ ok: true } & SubmissionTicket & { terms: VisitorUploadTerms; sessions?: (VisitorSessionResult | null)[] })
  | Refusal;
export type VisitorRecordResult = { ok: true; report: UploadStatusReport } | Refusal;
export type VisitorStatusResult = { ok: true; reports: UploadStatusReport[]; unknownFileIds: string[] } | Refusal;
export type SaveRulesResult = { ok: true; rules: VisitorUploadRules } | (Refusal & { violations: FieldViolation[] });

export interface VisitorSessionRequest extends SubmissionTicket {
  request: UploadSessionRequest;
}

/** A visitor's finalize sent from the server: the session the server issued for one of the submission's files. */
export interface VisitorFinalizeRequest extends SubmissionTicket {
  session: UploadSession;
  fileName: string;
}

export type VisitorFinalizeResult = ServerFinalizeAnswer | Refusal;
