import {
  checkBeforeUpload,
  isSameFile,
  resolveUploadMeta,
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
import { sourcesOfPicked, type PickedFile } from './files/picked-files';
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

/** A file chosen but not sent yet: its metadata can still change, and is resolved again each time it does. */
export interface StagedFile {
  id: string;
  source: UploadSource;
  settings: UploadSettings;
  /** What the file is uploaded with: resolved when staged, renamed or given other settings. */
  meta: UploadMeta;
  fingerprint: string;
  /** It continues an upload begun before a reload, with the metadata it was started with. */
  resumes?: ResumeRecord;
  /** The owner chose to send it though a file of its name and size is already in its folder. */
  uploadAsCopy?: boolean;
  /** Upload was asked while its check was awaited: it goes once the check says it is not there yet. */
  sendWhenChecked?: boolean;
}

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
  return { ...file, meta, fingerprint: uploadFingerprint(file.source, meta) };
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

export function stageFiles(picked: readonly PickedFile[], settings: UploadSettings, unfinished: readonly ResumeRecord[]): StagedFile[] {
  return sourcesOfPicked(picked, { keepFolderTree: true }).map((source) => {
    const resumes = unfinished.find((record) => isSameFile(record, source));
    nextId += 1;
    return resolved({ id: `staged-${nextId}`, source, settings: { ...settings, labels: [...settings.labels] }, resumes }, source.name);
  });
}

/**
 * Why each staged file cannot be sent (the documented limits, the name rules, the size limit, the
 * same file twice in the list or in the queue), by staged id; files that may be sent are absent.
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
    const problem = checkBeforeUpload(file.source, file.meta, file.fingerprint, {
      maxFileSizeBytes,
      isQueued: (candidate) => queuedFingerprints.has(candidate) || seen.has(candidate),
      makesFolders,
    });
    seen.add(file.fingerprint);
    if (problem) problems.set(file.id, problem);
  }
  return problems;
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
 * check could not be made (`unchecked`: the file is sent as if new, the page saying so).
 */
export type ExistingFileCheck =
  | { state: 'checking' }
  | { state: 'new' }
  | { state: 'unchecked' }
  | { state: 'exists'; existing: ExistingFile };

/** A staged file as the check for duplicates sees it: where it goes, its name and size. */
export function destinedFileOf(file: StagedFile): DestinedFile {
  const { parentFolderId, filePath, displayName } = file.meta;
  return { parentFolderId, filePath, displayName, sizeInBytes: file.source.size };
}

/** Whether a staged file is one the check asks about: a new upload (a continued one is the same upload). */
export function needsExistingFileCheck(file: StagedFile): boolean {
  return !file.resumes;
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

/** Whether Upload takes a file now or once checked: not one already there without a choice. */
export function uploadTakes(file: StagedFile, check: ExistingFileCheck | undefined): boolean {
  return check?.state === 'checking' || passesExistingFileCheck(file, check);
}

/** The files, those named chosen to be uploaded as copies. */
export function chooseUploadAsCopy(staged: readonly StagedFile[], ids: ReadonlySet<string>): StagedFile[] {
  return staged.map((file) => (ids.has(file.id) ? { ...file, uploadAsCopy: true } : file));
}
