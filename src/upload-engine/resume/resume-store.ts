import type { UploadSession } from '../../shared/upload-methods';
import { uploadFingerprint, type UploadMeta, type UploadSource } from '../upload-source';
import { isRecord } from '../../shared/is-record';
import type { HashProgress } from '../run/integrity';

/** Enough to continue an upload after a reload, once the user selects the same file again. */
export interface ResumeRecord {
  fingerprint: string;
  name: string;
  size: number;
  lastModified: number;
  relativePath?: string;
  /** The metadata the server session was created with. */
  meta: UploadMeta;
  uploadUrl: string;
  uploadToken: string;
  /** The tus upload's URL; tus-js-client asks it for the offset and sends only the rest. */
  tusUrl?: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** The bytes the server last confirmed holding, to say how much is already there. */
  bytesOnServer?: number;
  /** How far the file's md5 got, so a continued upload does not read the file from the start again. */
  hash?: HashProgress;
  /**
   * Set once finalized: the file exists in the Media Manager and only its record in the app's upload
   * log is left (the page closed before it). Such a record is no unfinished upload: the queue
   * records it when it starts, without the file.
   */
  fileId?: string;
}

/** The record that lets `source`'s upload, started with `meta` and `session`, continue after a reload. */
export function resumeRecordFor(
  source: UploadSource,
  meta: UploadMeta,
  session: UploadSession,
  tusUrl: string | undefined,
  createdAt: number,
): ResumeRecord {
  return {
    fingerprint: uploadFingerprint(source, meta),
    name: source.name,
    size: source.size,
    lastModified: source.lastModified,
    relativePath: source.relativePath,
    meta,
    uploadUrl: session.uploadUrl,
    uploadToken: session.uploadToken,
    tusUrl,
    createdAt,
  };
}

/** Whether a chosen file is the one a record was made for (files carry no identity: name, size, date and folder stand in). */
export function isSameFile(record: ResumeRecord, source: Pick<UploadSource, 'name' | 'size' | 'lastModified' | 'relativePath'>): boolean {
  return (
    record.name === source.name &&
    record.size === source.size &&
    record.lastModified === source.lastModified &&
    (record.relativePath ?? '') === (source.relativePath ?? '')
  );
}

export interface ResumeStore {
  get(fingerprint: string): ResumeRecord | undefined;
  save(record: ResumeRecord): void;
  remove(fingerprint: string): void;
  /** Uploads begun and not finished, oldest first, e.g. to say "select clip.mp4 again to resume". */
  listUnfinished(): ResumeRecord[];
}

export class MemoryResumeStore implements ResumeStore {
  private readonly records = new Map<string, ResumeRecord>();

  get(fingerprint: string): ResumeRecord | undefined {
    return this.records.get(fingerprint);
  }

  save(record: ResumeRecord): void {
    this.records.set(record.fingerprint, record);
  }

  remove(fingerprint: string): void {
    this.records.delete(fingerprint);
  }

  listUnfinished(): ResumeRecord[] {
    return [...this.records.values()].sort((a, b) => a.createdAt - b.createdAt);
  }
}

const optional = (value: unknown, type: 'string' | 'boolean') => value === undefined || typeof value === type;

function isUploadMeta(value: unknown): value is UploadMeta {
  return (
    isRecord(value) &&
    typeof value.displayName === 'string' &&
    typeof value.mimeType === 'string' &&
    optional(value.parentFolderId, 'string') &&
    optional(value.filePath, 'string') &&
    optional(value.private, 'boolean') &&
    (value.labels === undefined || (Array.isArray(value.labels) && value.labels.every((label) => typeof label === 'string')))
  );
}

/** Checks what came back from storage, which any other code (or version of this code) may have written. */
export function isResumeRecord(value: unknown): value is ResumeRecord {
  return (
    isRecord(value) &&
    typeof value.fingerprint === 'string' &&
    typeof value.name === 'string' &&
    typeof value.size === 'number' &&
    typeof value.lastModified === 'number' &&
    optional(value.relativePath, 'string') &&
    isUploadMeta(value.meta) &&
    typeof value.uploadUrl === 'string' &&
    typeof value.uploadToken === 'string' &&
    optional(value.tusUrl, 'string') &&
    typeof value.createdAt === 'number' &&
    optional(value.fileId, 'string')
  );
}
