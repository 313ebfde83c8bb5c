import { describeViolations, type BrokenRule, type FieldViolation, type Refusal } from '../shared/refusals';

export { describeViolations };

/**
 * Every way an upload can fail, as the engine tells it to the page, the widget and the command
 * line. The sentences people read are made where the failure is read: here for refusals
 * (`failureFromRefusal`), in server-error.ts for the upload host's answers.
 */
export type UploadErrorCode =
  /** The request breaks a documented limit (checked here or by the server). */
  | 'INVALID_REQUEST'
  | 'FILE_TOO_LARGE'
  | 'DUPLICATE'
  | 'NOT_AUTHORIZED'
  /** The server no longer has the upload (deleted, expired, or its token is spent). */
  | 'UPLOAD_GONE'
  | 'REJECTED'
  /** A daily limit is reached: `retryAfterSeconds` says when trying again can succeed. */
  | 'RATE_LIMITED'
  | 'NETWORK'
  | 'SERVER_ERROR'
  | 'PROCESSING_FAILED'
  /** The bytes that arrived are not the file's (their md5 differs). */
  | 'INTEGRITY'
  /** Wix did not say whether the finalize made the file, and it could not be found: it may be in the Media Manager. */
  | 'OUTCOME_UNKNOWN'
  | 'UNEXPECTED';

export interface UploadError {
  code: UploadErrorCode;
  /** A sentence to show the user. */
  message: string;
  /** True when trying again as it is cannot help; such errors are never retried automatically. */
  fatal: boolean;
  status?: number;
  /** The server's own code: Wix's (UPLOAD_TOKEN_USED) or the backend's refusal code (NOT_ALLOWED). */
  serverCode?: string;
  violations?: readonly FieldViolation[];
  /** RATE_LIMITED: seconds until trying again can succeed (counted from when the backend answered). */
  retryAfterSeconds?: number;
  /** FILE_TOO_LARGE: the largest file, in bytes. */
  limitBytes?: number;
  /** The rule the backend says was broken (a refusal's, a visitor file's), to word it in the reader's language. */
  broken?: BrokenRule;
}

/** An UploadError thrown through the engine's async steps. */
export class UploadFailure extends Error {
  constructor(
    readonly detail: UploadError,
    readonly options: {
      /** Worth retrying at once, with backoff (network faults, 5xx, 429...). */
      transient?: boolean;
      /** The server session (token and tus upload) can no longer be used. */
      sessionGone?: boolean;
    } = {},
  ) {
    super(detail.message);
    this.name = 'UploadFailure';
  }
}

/**
 * The one reader of the backend's refusals (shared/refusals.ts) in the engine: the fields at
 * fault (INVALID_REQUEST, fatal), a daily limit (RATE_LIMITED: not fatal, it passes with the day),
 * anything else REJECTED (fatal), its code kept as `serverCode`.
 */
export function failureFromRefusal(refusal: Refusal): UploadFailure {
  const violations = refusal.violations?.length ? refusal.violations : undefined;
  if (violations) return new UploadFailure({ code: 'INVALID_REQUEST', message: describeViolations(violations), fatal: true, violations });
  const message = refusal.reason || 'The app refused the upload';
  if (refusal.code === 'RATE_LIMITED') {
    return new UploadFailure({
      code: 'RATE_LIMITED',
      message,
      fatal: false,
      serverCode: refusal.code,
      retryAfterSeconds: refusal.retryAfterSeconds,
      ...(refusal.broken && { broken: refusal.broken }),
    });
  }
  return new UploadFailure({
    code: 'REJECTED',
    message,
    fatal: true,
    ...(refusal.code && { serverCode: refusal.code }),
    ...(refusal.broken && { broken: refusal.broken }),
  });
}

export function errorMessageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}

/** Anything thrown, as an UploadError; unknown errors are not fatal, so the user may retry. */
export function toUploadError(error: unknown): UploadError {
  if (error instanceof UploadFailure) return error.detail;
  return { code: 'UNEXPECTED', message: `The upload stopped: ${errorMessageOf(error)}`, fatal: false };
}
