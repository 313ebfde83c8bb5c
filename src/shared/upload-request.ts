import { isRecord } from './is-record';
import { folderPathViolation, nameViolation } from './names';

/**
 * The parameters of Generate File Resumable Upload URL and the app's limits on them: Wix's
 * documented limits (the current @wix/media typings), and the app's own rules where it asks more.
 * The page and the backend check them before calling Wix, so the user sees the reason without a
 * round trip. (The local Wix keeps Wix's documented rules only, in its own module.)
 */
export const MEDIA_ROOT_FOLDER_ID = 'media-root';
/** The Media Manager's root for files sent by site visitors and members (its own root, beside media-root). */
export const VISITOR_UPLOADS_FOLDER_ID = 'visitor-uploads';
/** Where deleted files go unless deleted for good. */
export const TRASH_ROOT_FOLDER_ID = 'trash-root';

export const UPLOAD_REQUEST_LIMITS = {
  mimeTypeMaxLength: 100,
  /**
   * Wix accepts a fileName of up to 1000 characters and keeps the first 255 as the file's name
   * (FileDescriptor.displayName): the app refuses longer names, saying so, rather than let Wix cut
   * one silently, so the name the user chose is the name the file has.
   */
  fileNameMaxLength: 255,
  parentFolderIdMaxLength: 100,
  labelsMaxItems: 500,
  labelMaxLength: 200,
  filePathMaxLength: 100,
} as const;

export const UPLOAD_PROTOCOLS = ['TUS'] as const;
export type UploadProtocol = (typeof UPLOAD_PROTOCOLS)[number];

export interface UploadRequest {
  mimeType: string;
  fileName?: string;
  sizeInBytes?: string;
  parentFolderId?: string;
  private?: boolean;
  labels?: string[];
  uploadProtocol?: UploadProtocol;
  filePath?: string;
}

export type ViolatedRule = 'REQUIRED_FIELD' | 'MAX_LENGTH' | 'MAX_SIZE' | 'INVALID_ENUM_VALUE' | 'FORMAT' | 'TYPE' | 'OTHER';

export interface FieldViolation {
  field: string;
  description: string;
  violatedRule: ViolatedRule;
  /** A service's own rule, with violatedRule OTHER (e.g. RESOURCE_NOT_FOUND). */
  ruleName?: string;
  data?: { threshold: number };
}

const MIME_TYPE_PATTERN = /^[\w.+-]+\/[\w.+-]+$/;

function checkOptionalString(body: Record<string, unknown>, field: string, maxLength: number, violations: FieldViolation[]): void {
  const value = body[field];
  if (value === undefined || value === null) return;
  if (typeof value !== 'string') {
    violations.push({ field, description: 'must be a string', violatedRule: 'TYPE' });
  } else if (value.length > maxLength) {
    violations.push({
      field,
      description: `must be at most ${maxLength} characters long (got ${value.length})`,
      violatedRule: 'MAX_LENGTH',
      data: { threshold: maxLength },
    });
  }
}

/** Every rule the input breaks; an empty list means the request is valid. */
export function findUploadRequestViolations(input: unknown): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (!isRecord(input)) {
    return [{ field: '', description: 'the request body must be a JSON object', violatedRule: 'TYPE' }];
  }
  const { mimeType, labels, uploadProtocol, filePath } = input;
  const limits = UPLOAD_REQUEST_LIMITS;

  if (mimeType === undefined || mimeType === null || mimeType === '') {
    violations.push({ field: 'mimeType', description: 'is required', violatedRule: 'REQUIRED_FIELD' });
  } else {
    checkOptionalString(input, 'mimeType', limits.mimeTypeMaxLength, violations);
    if (typeof mimeType === 'string' && mimeType.length <= limits.mimeTypeMaxLength && !MIME_TYPE_PATTERN.test(mimeType)) {
      violations.push({ field: 'mimeType', description: 'must look like type/subtype, e.g. video/mp4', violatedRule: 'FORMAT' });
    }
  }
  const pushed = (violation: FieldViolation | undefined) => violation && violations.push(violation);
  if (input.fileName !== undefined && input.fileName !== null) pushed(nameViolation(input.fileName, 'fileName', limits.fileNameMaxLength));
  checkOptionalString(input, 'parentFolderId', limits.parentFolderIdMaxLength, violations);
  if (filePath !== undefined && filePath !== null) pushed(folderPathViolation(filePath, 'filePath', limits.filePathMaxLength));
  if (input.private !== undefined && input.private !== null && typeof input.private !== 'boolean') {
    violations.push({ field: 'private', description: 'must be true or false', violatedRule: 'TYPE' });
  }
  if (input.sizeInBytes !== undefined && input.sizeInBytes !== null && !/^\d+$/.test(String(input.sizeInBytes))) {
    violations.push({ field: 'sizeInBytes', description: 'must be a whole number of bytes', violatedRule: 'FORMAT' });
  }
  if (uploadProtocol !== undefined && uploadProtocol !== null && !UPLOAD_PROTOCOLS.includes(uploadProtocol as UploadProtocol)) {
    violations.push({
      field: 'uploadProtocol',
      description: `must be one of ${UPLOAD_PROTOCOLS.join(', ')}`,
      violatedRule: 'INVALID_ENUM_VALUE',
    });
  }
  if (labels !== undefined && labels !== null) {
    if (!Array.isArray(labels)) {
      violations.push({ field: 'labels', description: 'must be a list of strings', violatedRule: 'TYPE' });
    } else {
      if (labels.length > limits.labelsMaxItems) {
        violations.push({
          field: 'labels',
          description: `must have at most ${limits.labelsMaxItems} items (got ${labels.length})`,
          violatedRule: 'MAX_SIZE',
          data: { threshold: limits.labelsMaxItems },
        });
      }
      labels.forEach((label, index) => {
        pushed(nameViolation(label, `labels[${index}]`, limits.labelMaxLength));
      });
    }
  }
  return violations;
}

/** The folder names of a filePath such as "/videos/2024/december"; empty segments are ignored. */
export function splitFilePath(filePath: string | undefined): string[] {
  return (filePath ?? '')
    .split('/')
    .map((segment) => segment.trim())
    .filter((segment) => segment.length > 0);
}
