import type { FieldViolation } from '../shared/upload-request';
import { NOT_FOUND_CODES, type WixErrorCodeName } from '../shared/wix-error-codes';

interface WixSdkError {
  message?: string;
  /** Set by @wix/data's own errors (WDE codes). */
  code?: string;
  /** The HTTP status of the answer, set by the SDK's error transform. */
  status?: number;
  details?: {
    validationError?: { fieldViolations?: FieldViolation[] };
    applicationError?: { code?: string | number; description?: string };
  };
}

/**
 * The reasons Wix refused a request (validation errors, an unknown folder), or undefined when the
 * error is not a refusal of the input (then it is a fault to rethrow).
 */
export function describeWixError(error: unknown): FieldViolation[] | undefined {
  const details = (error as WixSdkError | undefined)?.details;
  const violations = details?.validationError?.fieldViolations;
  if (violations && violations.length > 0) return violations;
  const code = details?.applicationError?.code;
  if (code === ('FOLDER_NOT_FOUND' satisfies WixErrorCodeName)) {
    return [{ field: 'parentFolderId', description: 'does not exist in the Media Manager', violatedRule: 'FORMAT' }];
  }
  return undefined;
}

/**
 * Whether Wix answered that what was asked for does not exist: HTTP 404 whatever the code, or a
 * not-found code whatever the status (the @wix/media typings declare a missing file descriptor as
 * the validation rule RESOURCE_NOT_FOUND, a 400).
 */
export function isNotFound(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { status, details } = error as WixSdkError;
  if (status === 404) return true;
  const code = details?.applicationError?.code;
  if (typeof code === 'string' && NOT_FOUND_CODES.has(code)) return true;
  return (details?.validationError?.fieldViolations ?? []).some(
    (violation) => violation.ruleName !== undefined && NOT_FOUND_CODES.has(violation.ruleName),
  );
}

/**
 * Whether Wix Data refused an insert because an item with its _id exists: WDE0074 "Item already
 * exists" (Wix Data error codes; HTTP 409). @wix/data keeps the code in details.applicationError;
 * a 409 or an ALREADY_EXISTS code is read the same way, should the SDK or the service name it so.
 */
export function isAlreadyExists(error: unknown): boolean {
  const failure = error as WixSdkError | undefined;
  const code = String(failure?.details?.applicationError?.code ?? failure?.code ?? '');
  return code === 'WDE0074' || code.endsWith('ALREADY_EXISTS') || failure?.status === 409;
}

/** Whether Wix Data answered that the item is not there (WDE0073 "Item not found", or a 404). */
export function isItemNotFound(error: unknown): boolean {
  const failure = error as WixSdkError | undefined;
  return String(failure?.details?.applicationError?.code ?? failure?.code ?? '') === 'WDE0073' || isNotFound(error);
}
