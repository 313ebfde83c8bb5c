import { isRecord } from './is-record';
import { invalidRequest, type FieldViolation, type RefusalOf } from './refusals';

/**
 * Wix's errors, read in one place: the codes the app relies on (the table below), and the one
 * reader of what Wix answered, whether an SDK call threw it (`readWixError`) or an HTTP answer
 * carried it (`readWixAnswer`: the upload host's tus and finalize answers). The backend, the
 * engine and the command line ask the predicates below; none reads an error's fields itself.
 *
 * Every Wix error code the app relies on, with the HTTP status it comes with and where that comes
 * from. Wix documents Generate File Resumable Upload URL's validation errors, the file descriptors'
 * RESOURCE_NOT_FOUND and the Wix Data error codes; it does not document the upload host's answers
 * (tus and the finalize PUT). Those are assumptions: the local Wix answers so by default and the
 * other way in its variants (local/emulator/platform/variants.ts), the app is built to be right
 * either way, and the contract suite (test/contract) asks a real site which it is. Run it there
 * before relying on a change to this list.
 */
export interface WixErrorCode {
  status: number;
  meaning: string;
  source: string;
}

const CONTRACT = 'assumption, checked on a real site by test/contract';
const MEDIA_TYPINGS = '@wix/media typings (GetFileDescriptorValidationErrors, GetFileDescriptorsValidationErrors)';
const DATA_ERRORS = 'https://dev.wix.com/docs/sdk/backend-modules/data/error-codes';

export const WIX_ERROR_CODES = {
  // The upload host: tus and the finalize PUT.
  MISSING_UPLOAD_TOKEN: { status: 401, meaning: 'a tus creation without the token metadata', source: CONTRACT },
  INVALID_UPLOAD_TOKEN: { status: 401, meaning: 'a forged, expired or unknown upload token', source: CONTRACT },
  UPLOAD_ALREADY_STARTED: { status: 409, meaning: 'a second tus creation with the same token', source: CONTRACT },
  UPLOAD_INCOMPLETE: { status: 409, meaning: 'a finalize before every byte arrived; data.offset says how many did', source: CONTRACT },
  UPLOAD_TOKEN_USED: {
    status: 409,
    meaning: 'a second finalize of the same token; data.fileId names the file the first one made',
    source: CONTRACT,
  },
  FINALIZE_IN_PROGRESS: { status: 409, meaning: 'a finalize while another one of the same token runs', source: CONTRACT },
  UPLOAD_TERMINATED: { status: 410, meaning: 'a finalize of an upload that was deleted (tus termination)', source: CONTRACT },
  UPLOAD_GONE: { status: 410, meaning: 'a finalize whose bytes are no longer on the upload host', source: CONTRACT },
  UPLOAD_EXPIRED: { status: 410, meaning: 'a tus request with an upload token that has expired', source: CONTRACT },
  // The Media Manager.
  FOLDER_NOT_FOUND: { status: 404, meaning: 'generate with a parentFolderId that does not exist', source: CONTRACT },
  FILE_NOT_FOUND: { status: 404, meaning: 'a file id that does not exist (get, download URL)', source: CONTRACT },
  RESOURCE_NOT_FOUND: {
    status: 400,
    meaning: 'a file id that does not exist, as a validation rule (fieldViolations[].ruleName) rather than an application code',
    source: MEDIA_TYPINGS,
  },
  // Wix Data.
  WDE0025: { status: 404, meaning: 'a collection that does not exist', source: DATA_ERRORS },
  WDE0027: { status: 403, meaning: 'an action the caller may not do on a collection', source: DATA_ERRORS },
} as const satisfies Record<string, WixErrorCode>;

export type WixErrorCodeName = keyof typeof WIX_ERROR_CODES;

/** The codes that say what was asked for does not exist, whatever status comes with them (NOT_FOUND: the SDK's code for a bare 404). */
export const NOT_FOUND_CODES: ReadonlySet<string> = new Set(['FILE_NOT_FOUND', 'FOLDER_NOT_FOUND', 'RESOURCE_NOT_FOUND', 'NOT_FOUND']);

/** Codes after which an upload's token or tus upload can no longer be used: start a new session. */
export const SESSION_GONE_CODES: ReadonlySet<string> = new Set<WixErrorCodeName>([
  'UPLOAD_ALREADY_STARTED',
  'UPLOAD_TOKEN_USED',
  'UPLOAD_TERMINATED',
  'UPLOAD_GONE',
  'UPLOAD_EXPIRED',
  'INVALID_UPLOAD_TOKEN',
]);

/** What Wix said, whichever way it said it. */
export interface WixError {
  /** The HTTP status, when an answer came. */
  status?: number;
  /** The application code (UPLOAD_TOKEN_USED, WDE0025...). */
  code?: string;
  message?: string;
  description?: string;
  data?: Record<string, unknown>;
  violations?: FieldViolation[];
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** `{message, details: {applicationError | validationError}}`, Wix's error body, as the SDK's errors carry it too. */
function readDetails(body: Record<string, unknown>): WixError {
  const read: WixError = { message: text(body.message) };
  const details = isRecord(body.details) ? body.details : undefined;
  const application = isRecord(details?.applicationError) ? details.applicationError : undefined;
  // @wix/data's own errors carry their WDE code at the top.
  read.code = text(application?.code) ?? (typeof application?.code === 'number' ? String(application.code) : text(body.code));
  read.description = text(application?.description) ?? text(body.description);
  if (isRecord(application?.data)) read.data = application.data;
  else if (isRecord(body.data)) read.data = body.data;
  const validation = isRecord(details?.validationError) ? details.validationError : undefined;
  const violations = Array.isArray(validation?.fieldViolations) ? validation.fieldViolations : body.violations;
  if (Array.isArray(violations)) {
    read.violations = violations.filter(
      (v): v is FieldViolation => isRecord(v) && typeof v.field === 'string' && typeof v.description === 'string',
    );
  }
  if (typeof body.status === 'number') read.status = body.status;
  return read;
}

/** What a thrown error of the Wix SDK (or a WixError already read) says. */
export function readWixError(error: unknown): WixError {
  return isRecord(error) ? readDetails(error) : error instanceof Error ? { message: error.message } : {};
}

/** What an HTTP answer of Wix says: its status and its body, JSON or text. */
export function readWixAnswer(status: number, body: string): WixError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { status, ...(body.trim() ? { message: body.trim().slice(0, 300) } : {}) };
  }
  return { ...(isRecord(parsed) ? readDetails(parsed) : {}), status };
}

/**
 * Whether Wix answered that what was asked for does not exist: HTTP 404 whatever the code, or a
 * not-found code whatever the status (the @wix/media typings declare a missing file descriptor as
 * the validation rule RESOURCE_NOT_FOUND, a 400).
 */
export function isNotFound(error: unknown): boolean {
  const { status, code, violations } = readWixError(error);
  if (status === 404 || (code !== undefined && NOT_FOUND_CODES.has(code))) return true;
  return (violations ?? []).some((violation) => violation.ruleName !== undefined && NOT_FOUND_CODES.has(violation.ruleName));
}

/**
 * Whether Wix Data refused an insert because an item with its _id exists: WDE0074 "Item already
 * exists" (Wix Data error codes; HTTP 409); a 409 or an ALREADY_EXISTS code is read the same way,
 * should the SDK or the service name it so.
 */
export function isAlreadyExists(error: unknown): boolean {
  const { status, code = '' } = readWixError(error);
  return code === 'WDE0074' || code.endsWith('ALREADY_EXISTS') || status === 409;
}

/** Whether Wix Data answered that the item is not there (WDE0073 "Item not found", or a 404). */
export function isItemNotFound(error: unknown): boolean {
  return readWixError(error).code === 'WDE0073' || isNotFound(error);
}

/** Wix Data's "the collection does not exist" (WDE0025). */
export function isMissingCollection(error: unknown): boolean {
  return readWixError(error).code === ('WDE0025' satisfies WixErrorCodeName);
}

/** The caller may not use Wix Data at all (the app's Data permissions were not granted). */
export function isDataRefused(error: unknown): boolean {
  const { status, code } = readWixError(error);
  return status === 401 || status === 403 || code === 'PERMISSION_DENIED' || code === 'UNAUTHENTICATED' || code === 'WDE0027';
}

/** An answer asking again will not change: a 4xx other than 408 (timeout) and 429 (too many requests). */
export function isFinalAnswer(error: unknown): boolean {
  const { status } = readWixError(error);
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * Wix's refusal of the request's input (its validation errors, an unknown parent folder) as the
 * app's INVALID_REQUEST; undefined when the error is no refusal of the input (a fault to rethrow).
 */
export function refusalOfInput(error: unknown): RefusalOf<'INVALID_REQUEST'> | undefined {
  const { code, violations } = readWixError(error);
  if (violations && violations.length > 0) return invalidRequest(violations);
  if (code === ('FOLDER_NOT_FOUND' satisfies WixErrorCodeName)) {
    return invalidRequest([{ field: 'parentFolderId', description: 'does not exist in the Media Manager', violatedRule: 'FORMAT' }]);
  }
  return undefined;
}
