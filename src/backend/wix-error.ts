import type { FieldViolation } from '../shared/upload-request';
import type { WixErrorCodeName } from '../shared/wix-error-codes';

interface WixSdkError {
  message?: string;
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

/** Whether Wix answered that what was asked for does not exist (HTTP 404, whatever the code). */
export function isNotFound(error: unknown): boolean {
  return (error as WixSdkError | undefined)?.status === 404;
}
