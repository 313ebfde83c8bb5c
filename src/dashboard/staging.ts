import {
  checkBeforeUpload,
  resolveUploadMeta,
  sourceFromFile,
  uploadFingerprint,
  type ResumeRecord,
  type UploadError,
  type UploadMetaInput,
  type UploadSource,
} from '../upload-engine';
import { splitFilePath } from '../shared/upload-request';
import type { PickedFile } from './files/picked-files';

/** Where and how files are uploaded; chosen once and applied to new files or to a selection. */
export interface UploadSettings {
  parentFolderId: string;
  /** Folders to create under the parent, e.g. "videos/2024". */
  filePath: string;
  labels: string[];
  private: boolean;
}

/** A file chosen but not sent yet: its metadata can still change. */
export interface StagedFile {
  id: string;
  source: UploadSource;
  displayName: string;
  settings: UploadSettings;
  /** It continues an upload begun before a reload, with the metadata it was started with. */
  resumes?: ResumeRecord;
}

let nextId = 0;

function sourceOf(picked: PickedFile): UploadSource {
  const relativePath = picked.folderPath ? `${picked.folderPath}/${picked.file.name}` : undefined;
  return sourceFromFile(picked.file, relativePath);
}

/** The metadata input of an unfinished upload, so its fingerprint matches the stored record. */
export function metaInputOfRecord(record: ResumeRecord): UploadMetaInput {
  const folders = splitFilePath(record.relativePath).slice(0, -1);
  const path = splitFilePath(record.meta.filePath);
  const base = path.slice(0, path.length - folders.length);
  return {
    displayName: record.meta.displayName,
    mimeType: record.meta.mimeType,
    parentFolderId: record.meta.parentFolderId,
    filePath: base.length > 0 ? `/${base.join('/')}` : undefined,
    labels: record.meta.labels,
    private: record.meta.private,
  };
}

function matchesRecord(source: UploadSource, record: ResumeRecord): boolean {
  return (
    record.name === source.name &&
    record.size === source.size &&
    record.lastModified === source.lastModified &&
    (record.relativePath ?? '') === (source.relativePath ?? '')
  );
}

export function stageFiles(picked: readonly PickedFile[], settings: UploadSettings, unfinished: readonly ResumeRecord[]): StagedFile[] {
  return picked.map((one) => {
    const source = sourceOf(one);
    const resumes = unfinished.find((record) => matchesRecord(source, record));
    nextId += 1;
    return {
      id: `staged-${nextId}`,
      source,
      displayName: resumes?.meta.displayName ?? source.name,
      settings: { ...settings, labels: [...settings.labels] },
      resumes,
    };
  });
}

export function metaInputOf(staged: StagedFile): UploadMetaInput {
  if (staged.resumes) return metaInputOfRecord(staged.resumes);
  const { settings } = staged;
  const path = splitFilePath(settings.filePath);
  return {
    displayName: staged.displayName,
    parentFolderId: settings.parentFolderId,
    filePath: path.length > 0 ? `/${path.join('/')}` : undefined,
    labels: settings.labels.length > 0 ? settings.labels : undefined,
    private: settings.private,
  };
}

export function fingerprintOf(staged: StagedFile): string {
  return uploadFingerprint(staged.source, resolveUploadMeta(staged.source, metaInputOf(staged)));
}

/**
 * Why each staged file cannot be sent (the documented limits, the size limit, the same file twice
 * in the list or in the queue), by staged id; files that may be sent are absent.
 */
export function problemsOf(
  staged: readonly StagedFile[],
  queuedFingerprints: ReadonlySet<string>,
  maxFileSizeBytes: number,
): Map<string, UploadError> {
  const problems = new Map<string, UploadError>();
  const seen = new Set<string>();
  for (const file of staged) {
    const meta = resolveUploadMeta(file.source, metaInputOf(file));
    const fingerprint = uploadFingerprint(file.source, meta);
    const problem = checkBeforeUpload(file.source, meta, fingerprint, {
      maxFileSizeBytes,
      isQueued: (candidate) => queuedFingerprints.has(candidate) || seen.has(candidate),
    });
    seen.add(fingerprint);
    if (problem) problems.set(file.id, problem);
  }
  return problems;
}

export function applySettings(staged: readonly StagedFile[], ids: ReadonlySet<string>, settings: UploadSettings): StagedFile[] {
  return staged.map((file) =>
    ids.has(file.id) && !file.resumes ? { ...file, settings: { ...settings, labels: [...settings.labels] } } : file,
  );
}

export function rename(staged: readonly StagedFile[], id: string, displayName: string): StagedFile[] {
  return staged.map((file) => (file.id === id ? { ...file, displayName } : file));
}
