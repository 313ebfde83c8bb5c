import type { FieldViolation } from '../platform/api-error.js';
import { isRecord } from '../platform/json.js';

/**
 * The Media Manager's rules as Wix documents them, and no others: the local Wix refuses what Wix
 * refuses and accepts what Wix accepts. The limits are those of the current @wix/media typings
 * (auto_sdk_media_files, GenerateFileResumableUploadUrlRequest and FileDescriptor): `fileName` up
 * to 1000 characters ("truncated to 255 characters if longer"), a file's `displayName` up to 255;
 * `sizeInBytes` is read-only, so nothing holds an upload to it. Wix documents no rule on which
 * characters a name may hold. What the app refuses beyond these is its own policy, in src/.
 */
export const MEDIA_ROOT_FOLDER_ID = 'media-root';
export const VISITOR_UPLOADS_FOLDER_ID = 'visitor-uploads';
export const TRASH_ROOT_FOLDER_ID = 'trash-root';

export const GENERATE_LIMITS = {
  mimeTypeMaxLength: 100,
  fileNameMaxLength: 1000,
  parentFolderIdMaxLength: 100,
  labelsMaxItems: 500,
  labelMaxLength: 200,
  filePathMaxLength: 100,
} as const;

/** FileDescriptor.displayName: a longer name is truncated to this (the typings' words). */
export const DISPLAY_NAME_MAX_LENGTH = 255;

export interface GenerateRequest {
  mimeType: string;
  fileName?: string;
  sizeInBytes?: string;
  parentFolderId?: string;
  private?: boolean;
  labels?: string[];
  filePath?: string;
}

const MIME_TYPE = /^[\w.+-]+\/[\w.+-]+$/;

const present = (value: unknown) => value !== undefined && value !== null;

function stringViolation(field: string, value: unknown, maxLength: number): FieldViolation | undefined {
  if (typeof value !== 'string') return { field, description: 'must be a string', violatedRule: 'TYPE' };
  if (value.length <= maxLength) return undefined;
  return {
    field,
    description: `must be at most ${maxLength} characters long (got ${value.length})`,
    violatedRule: 'MAX_LENGTH',
    data: { threshold: maxLength },
  };
}

/** Every documented rule a Generate File Resumable Upload URL body breaks; empty when Wix accepts it. */
export function generateViolations(body: unknown): FieldViolation[] {
  if (!isRecord(body)) return [{ field: '', description: 'the request body must be a JSON object', violatedRule: 'TYPE' }];
  const limits = GENERATE_LIMITS;
  const violations: FieldViolation[] = [];
  const push = (violation: FieldViolation | undefined) => {
    if (violation) violations.push(violation);
  };
  if (!present(body.mimeType) || body.mimeType === '') {
    violations.push({ field: 'mimeType', description: 'is required', violatedRule: 'REQUIRED_FIELD' });
  } else {
    const tooLong = stringViolation('mimeType', body.mimeType, limits.mimeTypeMaxLength);
    push(tooLong);
    if (!tooLong && !MIME_TYPE.test(body.mimeType as string)) {
      // One of the method's documented validation rules.
      violations.push({
        field: 'mimeType',
        description: 'is not a supported file type',
        violatedRule: 'OTHER',
        ruleName: 'UNSUPPORTED_FILE_FORMAT',
      });
    }
  }
  if (present(body.fileName)) push(stringViolation('fileName', body.fileName, limits.fileNameMaxLength));
  if (present(body.parentFolderId)) push(stringViolation('parentFolderId', body.parentFolderId, limits.parentFolderIdMaxLength));
  if (present(body.filePath)) push(stringViolation('filePath', body.filePath, limits.filePathMaxLength));
  if (present(body.private) && typeof body.private !== 'boolean') {
    violations.push({ field: 'private', description: 'must be true or false', violatedRule: 'TYPE' });
  }
  if (present(body.sizeInBytes) && !/^\d+$/.test(String(body.sizeInBytes))) {
    violations.push({ field: 'sizeInBytes', description: 'must be a whole number of bytes', violatedRule: 'FORMAT' });
  }
  if (present(body.uploadProtocol) && body.uploadProtocol !== 'TUS') {
    violations.push({ field: 'uploadProtocol', description: 'must be one of TUS', violatedRule: 'INVALID_ENUM_VALUE' });
  }
  if (present(body.labels)) {
    if (!Array.isArray(body.labels)) {
      violations.push({ field: 'labels', description: 'must be a list of strings', violatedRule: 'TYPE' });
    } else {
      if (body.labels.length > limits.labelsMaxItems) {
        violations.push({
          field: 'labels',
          description: `must have at most ${limits.labelsMaxItems} items (got ${body.labels.length})`,
          violatedRule: 'MAX_SIZE',
          data: { threshold: limits.labelsMaxItems },
        });
      }
      for (const [index, label] of body.labels.entries()) push(stringViolation(`labels[${index}]`, label, limits.labelMaxLength));
    }
  }
  return violations;
}

/** The name a file shows in the Media Manager: the first 255 characters of the one it was given. */
export function displayNameOf(name: string): string {
  return name.length > DISPLAY_NAME_MAX_LENGTH ? name.slice(0, DISPLAY_NAME_MAX_LENGTH) : name;
}

/** The folder names of a filePath such as "/videos/2024/december"; empty segments are ignored. */
export function splitFilePath(filePath: string | undefined): string[] {
  return (filePath ?? '')
    .split('/')
    .map((segment) => segment.trim())
    .filter((segment) => segment.length > 0);
}

/** Import File's limits (ImportFileRequest in the @wix/media typings); Bulk Import File takes 1 to 100 requests. */
export const IMPORT_LIMITS = {
  urlMinLength: 2,
  displayNameMaxLength: 1000,
  bulkMaxItems: 100,
} as const;

/** ImportFileRequest.mediaType: Wix's kinds, "excluding: OTHER". */
const IMPORT_MEDIA_TYPES = ['IMAGE', 'VIDEO', 'AUDIO', 'DOCUMENT', 'VECTOR', 'ARCHIVE', 'MODEL3D'];

export interface ImportRequest {
  url: string;
  mediaType?: string;
  displayName?: string;
  parentFolderId?: string;
  private?: boolean;
  labels?: string[];
  mimeType?: string;
  filePath?: string;
}

/** `url` has the typings' WEB_URL format: an absolute http or https URL. */
function webUrlViolation(field: string, value: unknown): FieldViolation | undefined {
  if (typeof value !== 'string' || value.length < IMPORT_LIMITS.urlMinLength) {
    return { field, description: 'is required', violatedRule: 'REQUIRED_FIELD' };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { field, description: 'must be a web URL', violatedRule: 'FORMAT', data: { format: 'WEB_URL' } };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { field, description: 'must be a web URL', violatedRule: 'FORMAT', data: { format: 'WEB_URL' } };
  }
  return undefined;
}

/** Every documented rule an Import File request breaks (fields prefixed for Bulk Import File); empty when Wix accepts it. */
export function importViolations(body: unknown, prefix = ''): FieldViolation[] {
  if (!isRecord(body)) return [{ field: prefix, description: 'must be a JSON object', violatedRule: 'TYPE' }];
  const limits = GENERATE_LIMITS;
  const violations: FieldViolation[] = [];
  const push = (violation: FieldViolation | undefined) => {
    if (violation) violations.push(violation);
  };
  push(webUrlViolation(`${prefix}url`, body.url));
  if (present(body.displayName)) push(stringViolation(`${prefix}displayName`, body.displayName, IMPORT_LIMITS.displayNameMaxLength));
  if (present(body.mimeType) && body.mimeType !== '') push(stringViolation(`${prefix}mimeType`, body.mimeType, limits.mimeTypeMaxLength));
  if (present(body.parentFolderId)) push(stringViolation(`${prefix}parentFolderId`, body.parentFolderId, limits.parentFolderIdMaxLength));
  if (present(body.filePath)) push(stringViolation(`${prefix}filePath`, body.filePath, limits.filePathMaxLength));
  if (present(body.private) && typeof body.private !== 'boolean') {
    violations.push({ field: `${prefix}private`, description: 'must be true or false', violatedRule: 'TYPE' });
  }
  if (present(body.mediaType) && !IMPORT_MEDIA_TYPES.includes(body.mediaType as string)) {
    violations.push({
      field: `${prefix}mediaType`,
      description: `must be one of ${IMPORT_MEDIA_TYPES.join(', ')}`,
      violatedRule: 'INVALID_ENUM_VALUE',
    });
  }
  if (present(body.labels)) {
    if (!Array.isArray(body.labels)) {
      violations.push({ field: `${prefix}labels`, description: 'must be a list of strings', violatedRule: 'TYPE' });
    } else {
      if (body.labels.length > limits.labelsMaxItems) {
        violations.push({
          field: `${prefix}labels`,
          description: `must have at most ${limits.labelsMaxItems} items (got ${body.labels.length})`,
          violatedRule: 'MAX_SIZE',
          data: { threshold: limits.labelsMaxItems },
        });
      }
      for (const [index, label] of body.labels.entries()) push(stringViolation(`${prefix}labels[${index}]`, label, limits.labelMaxLength));
    }
  }
  return violations;
}
