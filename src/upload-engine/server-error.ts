import { describeViolations } from '../shared/refusals';
import { readWixAnswer, SESSION_GONE_CODES, type WixErrorCodeName } from '../shared/wix-errors';
import { UploadFailure, type UploadError, type UploadErrorCode } from './upload-error';

/** 4xx answers that describe a moment, not the request: worth the same request again later. */
const TRANSIENT_CLIENT_STATUSES = new Set([408, 409, 423, 429]);

function codeFor(status: number, code: string | undefined, hasViolations: boolean, sessionGone: boolean): UploadErrorCode {
  if (status === 401 || status === 403)
    return code === ('INVALID_UPLOAD_TOKEN' satisfies WixErrorCodeName) ? 'UPLOAD_GONE' : 'NOT_AUTHORIZED';
  if (sessionGone) return 'UPLOAD_GONE';
  if (status === 413) return 'FILE_TOO_LARGE';
  if (hasViolations) return 'INVALID_REQUEST';
  if (status >= 500) return 'SERVER_ERROR';
  return 'REJECTED';
}

/**
 * What an HTTP error answer of the upload host means for the upload (its body read by the one
 * reader of Wix's errors, shared/wix-errors.ts). Fatal (never retried): 401, 403, 404, 410, 413
 * and other 4xx such as validation errors; transient: 5xx, 408, 409, 423, 429.
 */
export function failureFromResponse(status: number, bodyText: string, what: string): UploadFailure {
  const info = readWixAnswer(status, bodyText);
  const sessionGone = status === 404 || status === 410 || (info.code !== undefined && SESSION_GONE_CODES.has(info.code));
  // The bytes are not all there: sending again cannot help now, resuming the upload (a retry) can.
  const incomplete = info.code === ('UPLOAD_INCOMPLETE' satisfies WixErrorCodeName);
  const transient = !sessionGone && !incomplete && (status >= 500 || TRANSIENT_CLIENT_STATUSES.has(status) || status < 400);
  const violations = info.violations?.length ? info.violations : undefined;
  const detail: UploadError = {
    code: codeFor(status, info.code, violations !== undefined, sessionGone),
    message: violations ? describeViolations(violations) : (info.description ?? info.message ?? `${what} answered HTTP ${status}`),
    // A gone session is not the file's fault: a retry starts a new one.
    fatal: !transient && !incomplete && !sessionGone,
    status,
  };
  if (info.code) detail.serverCode = info.code;
  if (violations) detail.violations = violations;
  return new UploadFailure(detail, { transient, sessionGone });
}

/** A request that got no answer: always worth retrying. */
export function failureFromNetworkError(error: unknown, what: string): UploadFailure {
  const cause = error instanceof Error && error.message ? `: ${error.message}` : '';
  return new UploadFailure({ code: 'NETWORK', message: `${what} could not be reached${cause}`, fatal: false }, { transient: true });
}
