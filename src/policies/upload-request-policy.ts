import { isRecord } from '../shared/is-record';
import { formatBytes, GB } from '../shared/format';
import type { FieldViolation } from '../shared/refusals';

/**
 * The upload request policy: what the app accepts as a file's name, folder path, labels, type and
 * size, wherever it takes them (the page's checks as one types, the engine before any byte is
 * sent, the web methods before calling Wix, the command line's options). Pure: it asks nothing and
 * stores nothing; its callers do the I/O. Its test: test/policies/upload-request-policy.test.ts.
 *
 * Wix documents only the limits of Generate File Resumable Upload URL (WIX_UPLOAD_URL_LIMITS, the
 * current @wix/media typings). Everything else is the app's own decision, named as such
 * (APP_UPLOAD_LIMITS, the characters a name may hold, hidden entries). The local Wix keeps Wix's
 * documented rules only (local/emulator/media/media-rules.ts), so an app that forgot one of its
 * own checks is caught.
 */

/** Generate File Resumable Upload URL's limits, as Wix documents them. */
export const WIX_UPLOAD_URL_LIMITS = {
  mimeTypeMaxLength: 100,
  /** Wix accepts up to 1000 characters and keeps the first 255 as the file's name (FileDescriptor.displayName). */
  fileNameMaxLength: 1000,
  parentFolderIdMaxLength: 100,
  labelsMaxItems: 500,
  labelMaxLength: 200,
  filePathMaxLength: 100,
} as const;

/**
 * Create Folder's limit on a folder's name, as @wix/media's typings document it (Folder.displayName,
 * maxLength 1000). A tree the app makes folder by folder is bound by it, not by filePathMaxLength.
 */
export const WIX_FOLDER_LIMITS = { displayNameMaxLength: 1000 } as const;

/** Where the app asks more than Wix. */
export const APP_UPLOAD_LIMITS = {
  /**
   * What Wix keeps of a name: a longer one is refused, saying so, rather than cut silently by Wix,
   * so the name the user chose is the name the file has.
   */
  fileNameMaxLength: 255,
  /** The largest file the owner's page sends; no visitor rule may allow more (the visitor rules policy). */
  maxFileSizeBytes: 50 * GB,
  /** Folders the app makes under the destination for one file (a dropped tree's depth), so one request costs a bounded number of calls. */
  maxFolderDepth: 100,
} as const;

/** The limits the app checks: Wix's, with the app's own where it asks more. */
export const UPLOAD_REQUEST_LIMITS = { ...WIX_UPLOAD_URL_LIMITS, fileNameMaxLength: APP_UPLOAD_LIMITS.fileNameMaxLength } as const;

export const UPLOAD_PROTOCOLS = ['TUS'] as const;
export type UploadProtocol = (typeof UPLOAD_PROTOCOLS)[number];

/** The parameters of Generate File Resumable Upload URL. */
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

/**
 * The characters no name may hold, the app's decision: a name is shown in the Media Manager, in
 * links and in downloads, so it must have a visible character and no control characters: C0 and
 * C1 controls (NUL, CR, LF, tab, ESC...), DEL, the line and paragraph separators, and the
 * bidirectional overrides, isolates and marks (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F,
 * U+061C), with which "invoice‮fdp.exe" reads as "invoiceexe.pdf". Nor invisible characters, which
 * make two names that read the same differ, or a name that reads as nothing: zero-width space and
 * joiner, word joiner and invisible operators, the byte order mark, the soft hyphen, the Hangul
 * fillers, the Mongolian vowel separator, the interlinear annotation marks and the tag characters
 * (U+E0000-U+E007F). The zero-width non-joiner (U+200C) stays: Persian and Indic words need it.
 * Nor more than MAX_COMBINING_RUN combining marks on one letter (text that spills over its line).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;
/** The same, less the line feed and tab a message may hold (a CR LF counts as a line feed). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const FORBIDDEN_BETWEEN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each invisible character is refused on its own, U+034F included
const INVISIBLE = /[\u00ad\u034f\u115f\u1160\u180e\u200b\u200d\u2060-\u2064\u3164\ufeff\uffa0\ufff9-\ufffb\u{e0000}-\u{e007f}]/u;
/** Combining marks one letter may carry: stacked accents of real scripts stay well under it. */
const MAX_COMBINING_RUN = 4;
const COMBINING_RUN = new RegExp(`\\p{M}{${MAX_COMBINING_RUN + 1},}`, 'u');
/** A character that shows: not a space, a mark, a format character or a blank pattern. */
const VISIBLE = /[^\s\p{M}\p{Cf}\p{Cc}\u2800\u3164\u115f\u1160\uffa0]/u;

function describeCharacter(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function forbiddenCharacter(value: string, field: string, pattern = FORBIDDEN): FieldViolation | undefined {
  const forbidden = pattern.exec(value);
  if (forbidden) {
    return {
      field,
      description: `must not contain control or text-direction characters (found ${describeCharacter(forbidden[0])})`,
      violatedRule: 'FORMAT',
      ruleName: 'FORBIDDEN_CHARACTERS',
    };
  }
  const invisible = INVISIBLE.exec(value);
  if (invisible) {
    return {
      field,
      description: `must not contain invisible characters (found ${describeCharacter(invisible[0])})`,
      violatedRule: 'FORMAT',
      ruleName: 'INVISIBLE_CHARACTERS',
    };
  }
  if (COMBINING_RUN.test(value)) {
    return {
      field,
      description: `must not stack more than ${MAX_COMBINING_RUN} combining marks on one character`,
      violatedRule: 'FORMAT',
      ruleName: 'COMBINING_MARKS',
      data: { threshold: MAX_COMBINING_RUN },
    };
  }
  if (value !== '' && !VISIBLE.test(value)) return { field, description: 'must have a visible character', violatedRule: 'REQUIRED_FIELD' };
  return undefined;
}

function tooLong(value: string, field: string, maxLength: number): FieldViolation | undefined {
  if (value.length <= maxLength) return undefined;
  return {
    field,
    description: `must be at most ${maxLength} characters long (got ${value.length})`,
    violatedRule: 'MAX_LENGTH',
    data: { threshold: maxLength },
  };
}

/** Why a name (a file's, a label) breaks the rules, or undefined when it does not. */
export function nameViolation(value: unknown, field: string, maxLength: number): FieldViolation | undefined {
  if (typeof value !== 'string') return { field, description: 'must be text', violatedRule: 'TYPE' };
  if (value.trim() === '') return { field, description: 'must not be empty', violatedRule: 'REQUIRED_FIELD' };
  return forbiddenCharacter(value, field) ?? tooLong(value, field, maxLength);
}

/** Why a file name breaks the rules: a name's, at most APP_UPLOAD_LIMITS.fileNameMaxLength characters. */
export function fileNameViolation(value: unknown, field = 'fileName'): FieldViolation | undefined {
  return nameViolation(value, field, UPLOAD_REQUEST_LIMITS.fileNameMaxLength);
}

/** Why a folder path such as "/videos/2024" breaks the rules: a name's rules for each folder, no "." or "..". */
export function folderPathViolation(value: unknown, field: string, maxLength: number): FieldViolation | undefined {
  if (typeof value !== 'string') return { field, description: 'must be text', violatedRule: 'TYPE' };
  const problem = tooLong(value, field, maxLength) ?? forbiddenCharacter(value, field);
  if (problem) return problem;
  if (value.split('/').some((segment) => segment.trim() === '.' || segment.trim() === '..')) {
    return { field, description: 'must not contain "." or ".." segments', violatedRule: 'FORMAT', ruleName: 'DOT_SEGMENTS' };
  }
  return undefined;
}

/**
 * Why a folder path the app makes itself, one Create Folder per folder (the owner's page sends a
 * dropped tree so, however deep), breaks the rules: the characters and "."/".." segments of any
 * path, each folder's name at most WIX_FOLDER_LIMITS.displayNameMaxLength, at most
 * APP_UPLOAD_LIMITS.maxFolderDepth folders. Its length as a whole is not bound: no Wix call carries it.
 */
export function folderTreeViolation(value: unknown, field: string): FieldViolation | undefined {
  const problem = folderPathViolation(value, field, Number.POSITIVE_INFINITY);
  if (problem) return problem;
  const names = splitFilePath(value as string);
  if (names.length > APP_UPLOAD_LIMITS.maxFolderDepth) {
    return {
      field,
      description: `must have at most ${APP_UPLOAD_LIMITS.maxFolderDepth} folders (got ${names.length})`,
      violatedRule: 'MAX_SIZE',
      data: { threshold: APP_UPLOAD_LIMITS.maxFolderDepth },
    };
  }
  const long = names.find((name) => name.length > WIX_FOLDER_LIMITS.displayNameMaxLength);
  if (long === undefined) return undefined;
  return {
    field,
    description: `must have folder names of at most ${WIX_FOLDER_LIMITS.displayNameMaxLength} characters (one has ${long.length})`,
    violatedRule: 'MAX_LENGTH',
    data: { threshold: WIX_FOLDER_LIMITS.displayNameMaxLength },
  };
}

/**
 * Why a text a visitor typed (a name, an e-mail, a message) breaks the rule names follow: the
 * same control and text-direction characters are refused; a multi-line text may hold line
 * breaks (LF, CR LF) and tabs. Undefined when it does not.
 */
export function typedTextViolation(value: string, field: string, { multiline }: { multiline: boolean }): FieldViolation | undefined {
  return multiline ? forbiddenCharacter(value.replace(/\r\n/g, '\n'), field, FORBIDDEN_BETWEEN_LINES) : forbiddenCharacter(value, field);
}

/**
 * Whether an entry found inside a folder the user sent is left out: hidden ones, whose name starts
 * with "." (".DS_Store", ".git", "._photo.jpg"). The same rule for the page's dropped and picked
 * folders and the command line's; a file or folder named or dropped itself is always sent.
 */
export function isHiddenEntry(name: string): boolean {
  return name.startsWith('.');
}

/** Why a file of this size is not sent ("The file is 60 GB; files up to 50 GB can be uploaded."), or undefined. */
export function fileSizeProblem(sizeInBytes: number, maxFileSizeBytes: number = APP_UPLOAD_LIMITS.maxFileSizeBytes): string | undefined {
  if (sizeInBytes <= maxFileSizeBytes) return undefined;
  return `The file is ${formatBytes(sizeInBytes)}; files up to ${formatBytes(maxFileSizeBytes)} can be uploaded.`;
}

const MIME_TYPE_PATTERN = /^[\w.+-]+\/[\w.+-]+$/;

function optionalStringViolation(value: unknown, field: string, maxLength: number): FieldViolation | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return { field, description: 'must be a string', violatedRule: 'TYPE' };
  return tooLong(value, field, maxLength);
}

/** Why a MIME type breaks the rules: required, at most 100 characters, type/subtype. */
export function mimeTypeViolation(mimeType: unknown): FieldViolation | undefined {
  if (mimeType === undefined || mimeType === null || mimeType === '') {
    return { field: 'mimeType', description: 'is required', violatedRule: 'REQUIRED_FIELD' };
  }
  const problem = optionalStringViolation(mimeType, 'mimeType', UPLOAD_REQUEST_LIMITS.mimeTypeMaxLength);
  if (problem) return problem;
  return MIME_TYPE_PATTERN.test(mimeType as string)
    ? undefined
    : { field: 'mimeType', description: 'must look like type/subtype, e.g. video/mp4', violatedRule: 'FORMAT' };
}

/** Every rule a Generate File Resumable Upload URL request breaks; an empty list means it is valid. */
export function findUploadRequestViolations(input: unknown): FieldViolation[] {
  if (!isRecord(input)) return [{ field: '', description: 'the request body must be a JSON object', violatedRule: 'TYPE' }];
  const limits = UPLOAD_REQUEST_LIMITS;
  const violations: FieldViolation[] = [];
  const push = (violation: FieldViolation | undefined) => {
    if (violation) violations.push(violation);
  };
  const given = (value: unknown) => value !== undefined && value !== null;
  const { labels, uploadProtocol } = input;

  push(mimeTypeViolation(input.mimeType));
  if (given(input.fileName)) push(fileNameViolation(input.fileName));
  push(optionalStringViolation(input.parentFolderId, 'parentFolderId', limits.parentFolderIdMaxLength));
  if (given(input.filePath)) push(folderPathViolation(input.filePath, 'filePath', limits.filePathMaxLength));
  if (given(input.private) && typeof input.private !== 'boolean') {
    push({ field: 'private', description: 'must be true or false', violatedRule: 'TYPE' });
  }
  if (given(input.sizeInBytes) && !/^\d+$/.test(String(input.sizeInBytes))) {
    push({ field: 'sizeInBytes', description: 'must be a whole number of bytes', violatedRule: 'FORMAT' });
  }
  if (given(uploadProtocol) && !UPLOAD_PROTOCOLS.includes(uploadProtocol as UploadProtocol)) {
    push({ field: 'uploadProtocol', description: `must be one of ${UPLOAD_PROTOCOLS.join(', ')}`, violatedRule: 'INVALID_ENUM_VALUE' });
  }
  if (given(labels)) {
    if (!Array.isArray(labels)) push({ field: 'labels', description: 'must be a list of strings', violatedRule: 'TYPE' });
    else {
      if (labels.length > limits.labelsMaxItems) {
        push({
          field: 'labels',
          description: `must have at most ${limits.labelsMaxItems} items (got ${labels.length})`,
          violatedRule: 'MAX_SIZE',
          data: { threshold: limits.labelsMaxItems },
        });
      }
      labels.forEach((label, index) => {
        push(nameViolation(label, `labels[${index}]`, limits.labelMaxLength));
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

/**
 * Links the Media Manager imports (Import File's `url`). Wix documents only "a publicly accessible
 * external file URL" in the WEB_URL format; the rest is the app's: http or https only, at most
 * 2048 characters (what every browser and server takes), no user name or password in it (Wix would
 * keep it with the request, and the owner's page shows links back), at most 100 at once (Bulk
 * Import File's most). The app never fetches a link itself: Wix does, from its own servers.
 */
export const LINK_IMPORT_LIMITS = {
  urlMaxLength: 2048,
  linksPerImport: 100,
} as const;

/** Why a link cannot be imported, or undefined when it can. */
export function importLinkViolation(value: unknown, field = 'url'): FieldViolation | undefined {
  if (typeof value !== 'string' || value.trim() === '') return { field, description: 'is required', violatedRule: 'REQUIRED_FIELD' };
  const problem = tooLong(value, field, LINK_IMPORT_LIMITS.urlMaxLength) ?? forbiddenCharacter(value, field);
  if (problem) return problem;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return {
      field,
      description: 'must be a full web address, such as https://example.com/video.mp4',
      violatedRule: 'FORMAT',
      ruleName: 'NOT_A_LINK',
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      field,
      description: `must start with https:// or http:// (not ${url.protocol})`,
      violatedRule: 'FORMAT',
      ruleName: 'LINK_SCHEME',
    };
  }
  if (url.username !== '' || url.password !== '') {
    return { field, description: 'must not hold a user name or password', violatedRule: 'FORMAT', ruleName: 'LINK_CREDENTIALS' };
  }
  return undefined;
}

/** The name a linked file takes when none is given: the last part of the link's path, decoded ("clip.mp4"). */
export function fileNameOfLink(link: string): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return link;
  }
  const segment = url.pathname.split('/').filter(Boolean).pop() ?? '';
  let name = segment;
  try {
    name = decodeURIComponent(segment);
  } catch {
    // a malformed escape: the segment as it is written
  }
  return name.trim() || url.hostname;
}
