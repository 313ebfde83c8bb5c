import type { FieldViolation } from '../shared/upload-request';
import { describeViolations, UploadFailure, type UploadError, type UploadErrorCode } from './upload-error';
import { isRecord } from '../shared/is-record';
import { SESSION_GONE_CODES, type WixErrorCodeName } from '../shared/wix-error-codes';

/** What a Wix REST error body says: `{message, details: {validationError | applicationError}}`. */
export interface WixErrorInfo {
  message?: string;
  code?: string;
  description?: string;
  data?: Record<string, unknown>;
  violations?: FieldViolation[];
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function readWixErrorBody(text: string): WixErrorInfo {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text.trim() ? { message: text.trim().slice(0, 300) } : {};
  }
  if (!isRecord(body)) return {};
  const info: WixErrorInfo = { message: stringOrUndefined(body.message) };
  const details = isRecord(body.details) ? body.details : undefined;
  const application = isRecord(details?.applicationError) ? details.applicationError : undefined;
  if (application) {
    info.code = stringOrUndefined(application.code);
    info.description = stringOrUndefined(application.description);
    if (isRecord(application.data)) info.data = application.data;
  }
  const validation = isRecord(details?.validationError) ? details.validationError : undefined;
  if (validation && Array.isArray(validation.fieldViolations)) {
    info.violations = validation.fieldViolations.filter(
      (v): v is FieldViolation => isRecord(v) && typeof v.field === 'string' && typeof v.description === 'string',
    );
  }
  return info;
}

/** 4xx answers that describe a moment, not the request: worth the same request again later. */
const TRANSIENT_CLIENT_STATUSES = new Set([408, 409, 423, 429]);

function codeFor(status: number, info: WixErrorInfo, sessionGone: boolean): UploadErrorCode {
  if (status === 401 || status === 403)
    return info.code === ('INVALID_UPLOAD_TOKEN' satisfies WixErrorCodeName) ? 'UPLOAD_GONE' : 'NOT_AUTHORIZED';
  if (sessionGone) return 'UPLOAD_GONE';
  if (status === 413) return 'FILE_TOO_LARGE';
  if (info.violations?.length) return 'INVALID_REQUEST';
  if (status >= 500) return 'SERVER_ERROR';
  return 'REJECTED';
}

/**
 * Classifies an HTTP error answer. Fatal (never retried): 401, 403, 404, 410, 413 and other 4xx
 * such as validation errors; transient: 5xx, 408, 409, 423, 429.
 */
export function failureFromResponse(status: number, bodyText: string, what: string): UploadFailure {
  const info = readWixErrorBody(bodyText);
  const sessionGone = status === 404 || status === 410 || (info.code !== undefined && SESSION_GONE_CODES.has(info.code));
  // The bytes are not all there: sending again cannot help now, resuming the upload (a retry) can.
  const incomplete = info.code === ('UPLOAD_INCOMPLETE' satisfies WixErrorCodeName);
  const transient = !sessionGone && !incomplete && (status >= 500 || TRANSIENT_CLIENT_STATUSES.has(status) || status < 400);
  const reason = info.violations?.length
    ? describeViolations(info.violations)
    : (info.description ?? info.message ?? `${what} answered HTTP ${status}`);
  const detail: UploadError = {
    code: codeFor(status, info, sessionGone),
    message: reason,
    // A gone session is not the file's fault: a retry starts a new one.
    fatal: !transient && !incomplete && !sessionGone,
    status,
  };
  if (info.code) detail.serverCode = info.code;
  if (info.violations?.length) detail.violations = info.violations;
  return new UploadFailure(detail, { transient, sessionGone });
}

/** A request that got no answer: always worth retrying. */
export function failureFromNetworkError(error: unknown, what: string): UploadFailure {
  const cause = error instanceof Error && error.message ? `: ${error.message}` : '';
  return new UploadFailure({ code: 'NETWORK', message: `${what} could not be reached${cause}`, fatal: false }, { transient: true });
}
