import { webMethod, Permissions } from '@wix/web-methods';
import { auth } from '@wix/essentials';
import { files, folders } from '@wix/media';
import { findUploadRequestViolations, MEDIA_ROOT_FOLDER_ID } from '../shared/upload-request';
import {
  DOWNLOAD_LINK_MINUTES,
  MAX_RECENT_UPLOADS,
  type FileDownloadLink,
  type ServerFinalizeAnswer,
  type UploadSession,
  MAX_STATUS_BATCH,
  type CreateUploadSessionResult,
  type FinalizedUpload,
  type FolderSummary,
  type UploadSessionRequest,
  type UploadStatusReport,
} from '../shared/upload-api';
import { readRecentUploads, readUploadLogEntries, recordInUploadLog, type UploadLogEntry } from './upload-log';
import { uploadLogUpdateFromFile } from './media-file';
import { describeWixError, isNotFound } from './wix-error';
import { isWixUploadUrl } from './upload-hosts';
import { UPLOAD_REQUEST_LIMITS } from '../shared/upload-request';

function toReport(entry: UploadLogEntry): UploadStatusReport {
  return {
    fileId: entry._id,
    status: entry.status,
    displayName: entry.displayName,
    url: entry.url,
    thumbnailUrl: entry.thumbnailUrl,
    mediaType: entry.mediaType,
    sizeInBytes: entry.sizeInBytes,
    private: entry.private,
    failureCode: entry.failureCode,
    failureDescription: entry.failureDescription,
    updatedDate: entry._updatedDate ? new Date(entry._updatedDate).toISOString() : undefined,
  };
}

/** Creates a resumable upload URL with the app's permissions, after checking the input. */
export const createUploadSession = webMethod(
  Permissions.Admin,
  async (request: UploadSessionRequest): Promise<CreateUploadSessionResult> => {
    const violations = findUploadRequestViolations(request);
    if (violations.length > 0) return { ok: false, violations };
    try {
      const generated = await auth.elevate(files.generateFileResumableUploadUrl)(request.mimeType, {
        fileName: request.fileName,
        sizeInBytes: request.sizeInBytes,
        parentFolderId: request.parentFolderId || MEDIA_ROOT_FOLDER_ID,
        filePath: request.filePath,
        private: request.private ?? false,
        labels: request.labels,
        uploadProtocol: 'TUS',
      });
      if (!generated.uploadUrl || !generated.uploadToken) throw new Error('Wix returned no upload URL');
      return { ok: true, session: { uploadUrl: generated.uploadUrl, uploadToken: generated.uploadToken } };
    } catch (error) {
      const refusal = describeWixError(error);
      if (refusal) return { ok: false, violations: refusal };
      throw error;
    }
  },
);

/** Records a finalized upload in the upload log, with the status the Media Manager reports now. */
export const recordUpload = webMethod(Permissions.Admin, async (upload: FinalizedUpload): Promise<UploadStatusReport> => {
  if (typeof upload?.fileId !== 'string' || upload.fileId === '') throw new Error('recordUpload needs the fileId the finalize returned');
  const current = await auth.elevate(files.getFileDescriptor)(upload.fileId);
  const entry = await recordInUploadLog({
    mimeType: upload.mimeType,
    ...uploadLogUpdateFromFile({ ...current, _id: upload.fileId }),
  });
  return toReport(entry);
});

/** The status of each file: the upload log, refreshed from the Media Manager while still PENDING. */
export const getUploadStatus = webMethod(Permissions.Admin, async (fileIds: string[]): Promise<UploadStatusReport[]> => {
  if (!Array.isArray(fileIds) || fileIds.some((id) => typeof id !== 'string')) throw new Error('fileIds must be a list of file ids');
  if (fileIds.length > MAX_STATUS_BATCH) throw new Error(`At most ${MAX_STATUS_BATCH} file ids per call`);
  const logged = new Map((await readUploadLogEntries(fileIds)).map((entry) => [entry._id, entry]));
  const stale = fileIds.filter((id) => (logged.get(id)?.status ?? 'PENDING') === 'PENDING');
  if (stale.length > 0) {
    const { files: current } = await auth.elevate(files.getFileDescriptors)(stale);
    for (const file of current ?? []) {
      if (!file._id || file.operationStatus === 'PENDING') continue;
      logged.set(file._id, await recordInUploadLog(uploadLogUpdateFromFile({ ...file, _id: file._id })));
    }
  }
  return fileIds.flatMap((id) => {
    const entry = logged.get(id);
    return entry ? [toReport(entry)] : [];
  });
});

/** The most recent uploads of this site, newest first, from any device. */
export const listRecentUploads = webMethod(Permissions.Admin, async (limit = 20): Promise<UploadStatusReport[]> => {
  const bounded = Math.max(1, Math.min(MAX_RECENT_UPLOADS, Math.floor(Number(limit) || 20)));
  return (await readRecentUploads(bounded)).map(toReport);
});

/** The Media Manager folders directly under a folder, for the destination picker. */
export const listFolders = webMethod(Permissions.Admin, async (parentFolderId?: string): Promise<FolderSummary[]> => {
  const parent = parentFolderId || MEDIA_ROOT_FOLDER_ID;
  const summaries: FolderSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await auth.elevate(folders.listFolders)({ parentFolderId: parent, paging: { limit: 100, cursor } });
    for (const folder of page.folders ?? []) {
      if (folder._id) summaries.push({ id: folder._id, displayName: folder.displayName ?? '', parentFolderId: parent });
    }
    cursor = page.nextCursor?.cursors?.next ?? undefined;
  } while (cursor && summaries.length < 1000);
  return summaries;
});

/**
 * A temporary link to a file of the Media Manager: a private file is refused at its URL and read
 * only this way. The link expires after DOWNLOAD_LINK_MINUTES.
 */
export const getFileDownloadUrl = webMethod(Permissions.Admin, async (fileId: string): Promise<FileDownloadLink> => {
  if (typeof fileId !== 'string' || fileId === '' || fileId.length > 200) return { ok: false, reason: 'The file id is not valid' };
  try {
    const expiresAt = new Date(Date.now() + DOWNLOAD_LINK_MINUTES * 60_000).toISOString();
    const { downloadUrls } = await auth.elevate(files.generateFileDownloadUrl)(fileId, {
      expirationInMinutes: DOWNLOAD_LINK_MINUTES,
      contentDisposition: 'INLINE',
    });
    const url = downloadUrls?.[0]?.url;
    return url ? { ok: true, url, expiresAt } : { ok: false, reason: 'Wix returned no download link' };
  } catch (error) {
    if (describeWixError(error) || isNotFound(error)) return { ok: false, reason: 'The file is no longer in the Media Manager' };
    throw error;
  }
});

/** Wix documents the upload token as at most 2000 characters. */
const UPLOAD_TOKEN_MAX_LENGTH = 2000;
const FINALIZE_TIMEOUT_MS = 60_000;

/**
 * The finalize PUT `{uploadUrl}/{uploadToken}?filename=`, sent from the server for a browser that
 * got no answer sending it itself (a network or cross-origin failure). Only to Wix's upload host.
 */
export const finalizeUploadFromServer = webMethod(
  Permissions.Admin,
  async (session: UploadSession, fileName: string): Promise<ServerFinalizeAnswer> => {
    const uploadUrl = session?.uploadUrl;
    const uploadToken = session?.uploadToken;
    if (typeof uploadUrl !== 'string' || !isWixUploadUrl(uploadUrl)) return { ok: false, reason: 'The upload URL is not a Wix upload URL' };
    if (typeof uploadToken !== 'string' || uploadToken === '' || uploadToken.length > UPLOAD_TOKEN_MAX_LENGTH) {
      return { ok: false, reason: 'The upload token is not valid' };
    }
    if (typeof fileName !== 'string' || fileName === '' || fileName.length > UPLOAD_REQUEST_LIMITS.fileNameMaxLength) {
      return { ok: false, reason: 'The file name is not valid' };
    }
    const url = `${uploadUrl}/${encodeURIComponent(uploadToken)}?filename=${encodeURIComponent(fileName)}`;
    const response = await fetch(url, { method: 'PUT', redirect: 'manual', signal: AbortSignal.timeout(FINALIZE_TIMEOUT_MS) });
    return { ok: true, status: response.status, body: await response.text() };
  },
);
