import {
  checkBeforeUpload,
  isSameFile,
  resolveUploadMeta,
  sourceFromFile,
  sourceFromLink,
  uploadFingerprint,
  type QueuedFile,
  type ResumeRecord,
  type UploadError,
  type UploadMeta,
  type UploadMetaInput,
  type UploadSource,
} from '../upload-engine';
import { importLinkViolation, LINK_IMPORT_LIMITS, splitFilePath } from '../policies/upload-request-policy';
import {
  isDropped,
  sourcesOfPicked,
  type AddedFile,
  type DroppedFile,
  type EntrySize,
  type PickedFile,
  type UnreadableReason,
} from './files/picked-files';
import type { ExistingFile, FolderSummary } from '../shared/upload-methods';
import type { DestinedFile } from '../shared/existing-files';
import type { FieldViolation } from '../shared/refusals';

/** Where and how files are uploaded; chosen once and applied to new files or to a selection. */
export interface UploadSettings {
  parentFolderId: string;
  /** The folders from the top level down to parentFolderId, to show where files go; empty at the top level. */
  destination: readonly FolderSummary[];
  /** Folders to create under the parent, e.g. "videos/2024". */
  filePath: string;
  labels: string[];
  private: boolean;
}

/**
 * A dropped file not opened yet: staged by its name and folders as soon as the drop's tree is read;
 * its size and modification time come from its metadata (stagedSizes), and it is opened when it is
 * sent (openedFiles): opening 10,000 files takes Chromium seconds.
 */
export interface UnopenedSource {
  name: string;
  /** The MIME type is the File's: empty until it is opened. */
  type: '';
  relativePath?: string;
  entry: FileSystemFileEntry;
  fileHandle?: FileSystemFileHandle;
  /** Undefined while its metadata is read. */
  size?: number;
  lastModified?: number;
  /** Why it cannot be read, once found: it is not sent. */
  unreadable?: UnreadableReason;
}

/** What a staged file is read from: an opened file (picked, pasted, or dropped and opened), or a dropped one not opened yet. */
export type StagedSource = UploadSource | UnopenedSource;

export const isOpened = (source: StagedSource): source is UploadSource => !('entry' in source);

/** Its size, once known (an opened file's always is). */
export const sizeKnown = (source: StagedSource): source is StagedSource & { size: number; lastModified: number } =>
  source.size !== undefined && source.lastModified !== undefined;

/** Why a dropped file cannot be read, if it cannot. */
export const unreadableOf = (file: StagedFile): UnreadableReason | undefined =>
  isOpened(file.source) ? undefined : file.source.unreadable;

/** A file chosen but not sent yet: its metadata can still change, and is resolved again each time it does. */
export interface StagedFile {
  id: string;
  source: StagedSource;
  settings: UploadSettings;
  /** What the file is uploaded with: resolved when staged, renamed or given other settings. */
  meta: UploadMeta;
  /** Undefined until its size is known. */
  fingerprint?: string;
  /** It continues an upload begun before a reload, with the metadata it was started with. */
  resumes?: ResumeRecord;
  /** The owner chose to send it though a file of its name and size is already in its folder. */
  uploadAsCopy?: boolean;
  /** Upload was asked while its size, its check or its opening was awaited: it goes once read, opened and checked new. */
  sendWhenChecked?: boolean;
}

/** A staged file that can be handed to the queue: opened. */
export type OpenedStagedFile = StagedFile & { source: UploadSource };

let nextId = 0;

/** What the settings ask of a file: its destination, labels and privacy. */
function metaInputOf(settings: UploadSettings): UploadMetaInput {
  const path = splitFilePath(settings.filePath);
  return {
    parentFolderId: settings.parentFolderId,
    filePath: path.length > 0 ? `/${path.join('/')}` : undefined,
    labels: settings.labels.length > 0 ? settings.labels : undefined,
    private: settings.private,
  };
}

/** The staged file with its metadata resolved from its name and settings (a continued upload keeps its record's). */
function resolved(file: Omit<StagedFile, 'meta' | 'fingerprint'>, displayName: string): StagedFile {
  const meta = file.resumes?.meta ?? resolveUploadMeta(file.source, { ...metaInputOf(file.settings), displayName });
  return { ...file, meta, fingerprint: sizeKnown(file.source) ? uploadFingerprint(file.source, meta) : undefined };
}

/** A typed line that is not a link the Media Manager can import, and why (told by the form in the owner's language). */
export type LinkProblem =
  | { line: string; kind: 'too-many'; given: number }
  | { line: string; kind: 'not-a-link'; violation: FieldViolation };

/**
 * The links typed (one per line, blank lines ignored) as files for the Media Manager to import,
 * with the settings' destination, labels and privacy; the lines that are not links, with why
 * (the upload request policy's words). At most LINK_IMPORT_LIMITS.linksPerImport at once.
 */
export function linksToImport(text: string, settings: UploadSettings): { files: QueuedFile[]; problems: LinkProblem[] } {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length > LINK_IMPORT_LIMITS.linksPerImport) {
    return {
      files: [],
      problems: [{ line: '', kind: 'too-many', given: lines.length }],
    };
  }
  const files: QueuedFile[] = [];
  const problems: LinkProblem[] = [];
  for (const line of lines) {
    const violation = importLinkViolation(line);
    if (violation) {
      problems.push({ line, kind: 'not-a-link', violation });
      continue;
    }
    const source = sourceFromLink(line);
    files.push({ source, meta: resolveUploadMeta(source, metaInputOf(settings)) });
  }
  return { files, problems };
}

function unopenedSourceOf({ entry, folderPath, handle }: DroppedFile): UnopenedSource {
  return {
    name: entry.name,
    type: '',
    relativePath: folderPath ? `${folderPath}/${entry.name}` : undefined,
    entry,
    ...(handle ? { fileHandle: handle } : {}),
  };
}

/**
 * The files added, staged with the settings: picked files with their size, dropped ones by name
 * and folders only (their sizes follow: stagedSizes).
 */
export function stageFiles(added: readonly AddedFile[], settings: UploadSettings, unfinished: readonly ResumeRecord[]): StagedFile[] {
  const picked = sourcesOfPicked(
    added.filter((one): one is PickedFile => !isDropped(one)),
    { keepFolderTree: true },
  );
  let nextPicked = 0;
  return added.map((one) => {
    const source: StagedSource = isDropped(one) ? unopenedSourceOf(one) : picked[nextPicked++]!;
    const resumes = sizeKnown(source) ? unfinished.find((record) => isSameFile(record, source)) : undefined;
    nextId += 1;
    return resolved({ id: `staged-${nextId}`, source, settings: { ...settings, labels: [...settings.labels] }, resumes }, source.name);
  });
}

/** Dropped files not opened yet whose size is still to be read. */
export function awaitingSize(staged: readonly StagedFile[]): StagedFile[] {
  return staged.filter((file) => !sizeKnown(file.source) && unreadableOf(file) === undefined);
}

/**
 * The staged files with the sizes read (by staged id; a file removed meanwhile is not brought
 * back): each is matched again with the unfinished uploads (a file of that name, size and date
 * continues its upload) and resolved again; one that could not be read says why.
 */
export function stagedSizes(
  staged: readonly StagedFile[],
  sizes: ReadonlyMap<string, EntrySize | UnreadableReason>,
  unfinished: readonly ResumeRecord[],
): StagedFile[] {
  return staged.map((file) => {
    const read = sizes.get(file.id);
    if (read === undefined || isOpened(file.source)) return file;
    if (typeof read === 'string') return { ...file, source: { ...file.source, unreadable: read } };
    const source = { ...file.source, ...read };
    const resumes = unfinished.find((record) => isSameFile(record, source));
    return resolved({ ...file, source, resumes }, file.meta.displayName);
  });
}

/**
 * The staged files with those opened (by staged id) as upload sources. One whose size or date is
 * not the one read when it was staged has changed since (it was checked as the other): it is
 * not sent, and says so.
 */
export function openedFiles(staged: readonly StagedFile[], files: ReadonlyMap<string, File | UnreadableReason>): StagedFile[] {
  return staged.map((file) => {
    const opened = files.get(file.id);
    if (opened === undefined || isOpened(file.source)) return file;
    const { relativePath, fileHandle } = file.source;
    if (typeof opened === 'string') return { ...file, source: { ...file.source, unreadable: opened } };
    if (opened.size !== file.source.size || opened.lastModified !== file.source.lastModified) {
      return { ...file, source: { ...file.source, unreadable: 'changed' } };
    }
    const source: UploadSource = { ...sourceFromFile(opened, relativePath), ...(fileHandle ? { fileHandle } : {}) };
    // Its MIME type is known now (the File's).
    return resolved({ ...file, source }, file.meta.displayName);
  });
}

/**
 * Why each staged file cannot be sent (the documented limits, the name rules, the size limit, the
 * same file twice in the list or in the queue), by staged id; files that may be sent are absent.
 * A file whose size is not read yet is checked for its name and folders only: the size limit and
 * the same file twice follow once its size is known.
 */
export function problemsOf(
  staged: readonly StagedFile[],
  queuedFingerprints: ReadonlySet<string>,
  maxFileSizeBytes: number,
  makesFolders = false,
): Map<string, UploadError> {
  const problems = new Map<string, UploadError>();
  const seen = new Set<string>();
  for (const file of staged) {
    const { fingerprint } = file;
    const own = ownProblemOf(file, maxFileSizeBytes, makesFolders);
    if (own) problems.set(file.id, own);
    else if (fingerprint !== undefined && (queuedFingerprints.has(fingerprint) || seen.has(fingerprint))) {
      const duplicate = checkBeforeUpload(file.source as { size: number }, file.meta, fingerprint, {
        maxFileSizeBytes,
        isQueued: () => true,
        makesFolders,
      });
      if (duplicate) problems.set(file.id, duplicate);
    }
    if (fingerprint !== undefined) seen.add(fingerprint);
  }
  return problems;
}

/**
 * A staged file's own problems (its size, name and folders), kept for each file object: the list
 * is checked again at each batch of sizes read or files sent (10,000 files: a quarter of a second
 * each time), a file's own check only when the file changes.
 */
const ownProblems = new WeakMap<StagedFile, { limits: string; problem: UploadError | undefined }>();

function ownProblemOf(file: StagedFile, maxFileSizeBytes: number, makesFolders: boolean): UploadError | undefined {
  const limits = `${maxFileSizeBytes}/${makesFolders}`;
  const kept = ownProblems.get(file);
  if (kept?.limits === limits) return kept.problem;
  // A size not read yet is not checked: 0 passes, and the size check follows once it is read.
  const problem = checkBeforeUpload({ size: file.source.size ?? 0 }, file.meta, '', {
    maxFileSizeBytes,
    isQueued: () => false,
    makesFolders,
  });
  ownProblems.set(file, { limits, problem });
  return problem;
}

export function applySettings(staged: readonly StagedFile[], ids: ReadonlySet<string>, settings: UploadSettings): StagedFile[] {
  return staged.map((file) =>
    ids.has(file.id) && !file.resumes
      ? resolved({ ...file, settings: { ...settings, labels: [...settings.labels] } }, file.meta.displayName)
      : file,
  );
}

export function rename(staged: readonly StagedFile[], id: string, displayName: string): StagedFile[] {
  return staged.map((file) => (file.id === id && !file.resumes ? resolved(file, displayName) : file));
}

/**
 * What the check for duplicates says of a staged file: a file of the same name and size is already
 * in its destination folder (`exists`), or not (`new`); the answer is awaited (`checking`), or the
 * check could not be made (`unchecked`: the file is sent as if new, the page saying so), or not
 * made whole (`not-listed`: its folder holds more files than the check reads, and it is not among
 * those read; it is sent as if new, the page saying so).
 */
export type ExistingFileCheck =
  | { state: 'checking' }
  | { state: 'new' }
  | { state: 'unchecked' }
  | { state: 'not-listed' }
  | { state: 'exists'; existing: ExistingFile };

/** A staged file as the check for duplicates sees it: where it goes, its name and size (0 while not known: it is not asked about then). */
export function destinedFileOf(file: StagedFile): DestinedFile {
  const { parentFolderId, filePath, displayName } = file.meta;
  return { parentFolderId, filePath, displayName, sizeInBytes: file.source.size ?? 0 };
}

/**
 * Whether a staged file is one the check asks about: a new upload (a continued one is the same
 * upload) whose size is known (the check is by name and size) and that can be read.
 */
export function needsExistingFileCheck(file: StagedFile): boolean {
  return !file.resumes && sizeKnown(file.source) && unreadableOf(file) === undefined;
}

/**
 * Whether a staged file goes to the queue on Upload, as far as duplicates go: not while its check
 * is awaited, nor when a file of its name and size is already there, unless the owner chose to
 * upload it as a copy.
 */
export function passesExistingFileCheck(file: StagedFile, check: ExistingFileCheck | undefined): boolean {
  if (!check) return true;
  if (check.state === 'checking') return false;
  return check.state !== 'exists' || file.uploadAsCopy === true;
}

/** Whether a staged file goes to the queue on Upload now: opened, and passing the check for duplicates. */
export function sendableNow(file: StagedFile, check: ExistingFileCheck | undefined): file is OpenedStagedFile {
  return isOpened(file.source) && passesExistingFileCheck(file, check);
}

/**
 * Whether a staged file's session may be got ready while the owner looks at the list: an opened
 * file Upload would send, one whose check for duplicates is still on its way included. A session
 * sends nothing; waiting for the check before asking for it left Upload a round trip slower.
 */
export function preparable(file: StagedFile, check: ExistingFileCheck | undefined): file is OpenedStagedFile {
  return isOpened(file.source) && !file.resumes && (check?.state === 'checking' || passesExistingFileCheck(file, check));
}

/**
 * Whether Upload takes a file, now or once its size is read, it is checked and opened: not one
 * that cannot be read, nor one already there without a choice.
 */
export function uploadTakes(file: StagedFile, check: ExistingFileCheck | undefined): boolean {
  if (unreadableOf(file) !== undefined) return false;
  return !sizeKnown(file.source) || check?.state === 'checking' || passesExistingFileCheck(file, check);
}

/** The files, those named chosen to be uploaded as copies. */
export function chooseUploadAsCopy(staged: readonly StagedFile[], ids: ReadonlySet<string>): StagedFile[] {
  return staged.map((file) => (ids.has(file.id) ? { ...file, uploadAsCopy: true } : file));
}
