import type { FieldViolation } from '../../../src/shared/upload-request.js';
import { WIX_ERROR_CODES, type WixErrorCodeName } from '../../../src/shared/wix-error-codes.js';

/** The JSON error body Wix REST APIs answer with; the SDK's transformError reads `details`. */
export interface WixErrorBody {
  message: string;
  details:
    | { validationError: { fieldViolations: FieldViolation[] } }
    | { applicationError: { code: string; description: string; data: Record<string, unknown> } };
}

export class WixApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: WixErrorBody,
  ) {
    super(body.message);
  }

  static validation(violations: FieldViolation[]): WixApiError {
    const summary = violations.map((v) => `${v.field} ${v.description}`).join('; ');
    return new WixApiError(400, {
      message: `INVALID_ARGUMENT: ${summary}`,
      details: { validationError: { fieldViolations: violations } },
    });
  }

  static application(status: number, code: string, description: string, data: Record<string, unknown> = {}): WixApiError {
    return new WixApiError(status, { message: description, details: { applicationError: { code, description, data } } });
  }

  /** One of the codes the app relies on, with the status listed for it in src/shared/wix-error-codes.ts. */
  static known(code: WixErrorCodeName, description: string, data: Record<string, unknown> = {}): WixApiError {
    return WixApiError.application(WIX_ERROR_CODES[code].status, code, description, data);
  }
}
