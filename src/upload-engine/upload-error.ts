import type { FieldViolation } from '../shared/upload-request';

export type UploadErrorCode =
  /** The request breaks a documented limit (checked here or by the server). */
  | 'INVALID_REQUEST'
  | 'FILE_TOO_LARGE'
  | 'DUPLICATE'
  | 'NOT_AUTHORIZED'
  /** The server no longer has the upload (deleted, expired, or its token is spent). */
  | 'UPLOAD_GONE'
  | 'REJECTED'
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
  /** The server's own error code, e.g. UPLOAD_TOKEN_USED. */
  serverCode?: string;
  violations?: readonly FieldViolation[];
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

const FIELD_LABELS: Record<string, string> = {
  fileName: 'The file name',
  mimeType: 'The file type',
  sizeInBytes: 'The file size',
  parentFolderId: 'The destination folder id',
  filePath: 'The folder path',
  labels: 'The labels',
  private: 'The "private" setting',
  filename: 'The file name',
};

function labelOf(field: string): string {
  const label = FIELD_LABELS[field];
  if (label) return label;
  const labelIndex = /^labels\[(\d+)\]$/.exec(field)?.[1];
  if (labelIndex !== undefined) return `Label ${Number(labelIndex) + 1}`;
  return field ? `"${field}"` : 'The request';
}

/** "The file name must be at most 200 characters long (got 201)", one sentence per violation. */
export function describeViolations(violations: readonly FieldViolation[]): string {
  return violations.map((violation) => `${labelOf(violation.field)} ${violation.description}.`).join(' ');
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
