import type { ResumeRecord } from '../../src/upload-engine/resume/resume-store.js';
import { uploadFingerprint, type UploadMeta } from '../../src/upload-engine/upload-source.js';

export const LAST_MODIFIED = 1_700_000_000_000;

/**
 * A file handle as Chromium gives one, with the permission answers the test plays: the browser's
 * File System Access API is not ours, so a test may play it (real handles are driven in Chromium by
 * e2e/file-handles.e2e.test.ts, where the origin private file system always grants).
 * `answers` are what requestPermission answers in turn ("prompt" again: the question was dismissed).
 */
export class PlayedFileHandle {
  readonly kind = 'file';
  queries = 0;
  requests = 0;
  reads = 0;
  /** How many requestPermission calls were open at once, at most, over every handle. */
  static openRequests = 0;
  static mostOpenRequests = 0;

  constructor(
    readonly name: string,
    private readonly file: () => File,
    private permission: PermissionState = 'granted',
    private readonly answers: PermissionState[] = [],
  ) {}

  async queryPermission(): Promise<PermissionState> {
    this.queries += 1;
    return this.permission;
  }

  async requestPermission(): Promise<PermissionState> {
    this.requests += 1;
    PlayedFileHandle.openRequests += 1;
    PlayedFileHandle.mostOpenRequests = Math.max(PlayedFileHandle.mostOpenRequests, PlayedFileHandle.openRequests);
    await new Promise((resolve) => setTimeout(resolve, 1));
    PlayedFileHandle.openRequests -= 1;
    this.permission = this.answers.shift() ?? 'denied';
    return this.permission;
  }

  async getFile(): Promise<File> {
    this.reads += 1;
    return this.file();
  }

  asHandle(): FileSystemFileHandle {
    return this as unknown as FileSystemFileHandle;
  }
}

export const fileOf = (name: string, size: number, lastModified = LAST_MODIFIED) =>
  new File([new Uint8Array(size)], name, { lastModified });

/** The resume record of an upload begun with a file of that name and size (half of it on the server). */
export function resumeRecordOf(name: string, size: number, extra: Partial<ResumeRecord> = {}): ResumeRecord {
  const meta: UploadMeta = { displayName: name, mimeType: 'video/mp4' };
  const source = { name, size, type: 'video/mp4', lastModified: LAST_MODIFIED, relativePath: extra.relativePath, data: new Blob([]) };
  return {
    fingerprint: uploadFingerprint(source, meta),
    name,
    size,
    lastModified: LAST_MODIFIED,
    meta,
    uploadUrl: 'https://upload.test/upload/tus',
    uploadToken: `token-${name}`,
    tusUrl: `https://upload.test/upload/tus/tus-${name}`,
    createdAt: 1,
    bytesOnServer: size / 2,
    ...extra,
  };
}
