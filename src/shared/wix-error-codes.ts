/**
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
