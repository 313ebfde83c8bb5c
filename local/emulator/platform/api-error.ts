/** One field a Wix validation error names (Wix's standard error shape). */
export interface FieldViolation {
  field: string;
  description: string;
  violatedRule: string;
  /** A service's own rule, with violatedRule OTHER: e.g. RESOURCE_NOT_FOUND. */
  ruleName?: string;
  data?: Record<string, unknown>;
}

/** The JSON error body Wix REST APIs answer with; the SDK's transformError reads `details`. */
export interface WixErrorBody {
  message: string;
  details:
    | { validationError: { fieldViolations: FieldViolation[] } }
    | { applicationError: { code: string; description: string; data: Record<string, unknown> } };
}

/**
 * The application error codes the local Wix answers, with their status. Wix documents the Wix Data
 * codes (https://dev.wix.com/docs/sdk/backend-modules/data/error-codes); the upload host's answers
 * and the Media Manager's not-found are not documented: these are the local Wix's answers in its
 * default variant (platform/variants.ts has the others). The contract suite (test/contract) checks
 * each against the app's assumptions and, on a real site, against Wix.
 */
export const LOCAL_ERROR_STATUS = {
  MISSING_UPLOAD_TOKEN: 401,
  INVALID_UPLOAD_TOKEN: 401,
  UPLOAD_ALREADY_STARTED: 409,
  UPLOAD_INCOMPLETE: 409,
  UPLOAD_TOKEN_USED: 409,
  FINALIZE_IN_PROGRESS: 409,
  UPLOAD_TERMINATED: 410,
  UPLOAD_GONE: 410,
  UPLOAD_EXPIRED: 410,
  FOLDER_NOT_FOUND: 404,
  FILE_NOT_FOUND: 404,
  WDE0025: 404,
  WDE0027: 403,
} as const satisfies Record<string, number>;

export type LocalErrorCode = keyof typeof LOCAL_ERROR_STATUS;

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

  /**
   * Something asked for by id does not exist: 404 with its code, or (the not-found-400 variant) the
   * validation error the @wix/media typings declare for file descriptors, rule RESOURCE_NOT_FOUND.
   */
  static notFound(code: 'FILE_NOT_FOUND' | 'FOLDER_NOT_FOUND', field: string, id: string, asValidation: boolean): WixApiError {
    const description = `${code === 'FILE_NOT_FOUND' ? 'File' : 'Folder'} "${id}" does not exist`;
    if (!asValidation) return WixApiError.known(code, description, { [field]: id });
    return WixApiError.validation([{ field, description, violatedRule: 'OTHER', ruleName: 'RESOURCE_NOT_FOUND' }]);
  }

  /** One of the codes of LOCAL_ERROR_STATUS, with its status there. */
  static known(code: LocalErrorCode, description: string, data: Record<string, unknown> = {}): WixApiError {
    return WixApiError.application(LOCAL_ERROR_STATUS[code], code, description, data);
  }
}
