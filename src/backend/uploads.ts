import { auth } from '@wix/essentials';
import { files } from '@wix/media';
import {
  fileNameViolation,
  findUploadRequestViolations,
  folderTreeViolation,
  splitFilePath,
  UPLOAD_REQUEST_LIMITS,
} from '../policies/upload-request-policy';
import { MEDIA_ROOT_FOLDER_ID } from '../shared/media-folders';
import { opensInline } from '../shared/media-types';
import {
  DOWNLOAD_LINK_MINUTES,
  MAX_RECENT_UPLOADS,
  MAX_STATUS_BATCH,
  type AppSetupResult,
  type CreateUploadSessionResult,
  type DestinationFolderQuery,
  type DiscardCopyResult,
  type ExpectedFile,
  type FindExistingFilesResult,
  type FinalizedUpload,
  type FileDownloadLink,
  type FindUploadResult,
  type FolderPathResult,
  type ImportFromLinksResult,
  type LinkImport,
  type LinkImportAnswer,
  type ListFoldersResult,
  type LostUpload,
  type RecordUploadResult,
  type ServerFinalizeAnswer,
  type UploadSession,
  type UploadSessionRequest,
  type UploadStatusReport,
  type UploadStatusResult,
} from '../shared/upload-methods';
import { invalidRequest, isRefusal, refuse } from '../shared/refusals';
import { isNotFound, refusalOfInput } from '../shared/wix-errors';
import { isRecord } from '../shared/is-record';
import { readRecentUploads, readUploadLogEntries, recordInUploadLog, refreshPending } from './upload-log';
import { couldBeLostUpload, differsFromExpected, factsOfFile, isMd5Hex, reportOf, SEARCH_TEXT_MAX_LENGTH } from './media-file';
import { resumableUploadOptions, uploadSessionOf } from './resumable-upload-url';
import { invalidArgument, isMediaId, mediaIdList, optionalString } from './arguments';
import {
  childFolders,
  deleteMediaFiles,
  elevatedFolderListingCalls,
  fileDescriptor,
  fileDescriptors,
  folderAtPath,
  folderPaths,
  searchMediaFiles,
} from './media-manager';
import { existingFilesQueryViolations, findExistingFilesWith } from './existing-files';
import { finalizeAtUploadHost, isWixUploadUrl, UPLOAD_TOKEN_MAX_LENGTH } from './upload-hosts';
import { checkAppSetup } from './app-setup';
import { typesOfFileName } from './file-name-types';
import { importedFilesOf, importFileRequestsOf, linkImportViolations } from './link-imports';

/**
 * The owner's upload operations, as plain functions: uploads.web.ts makes each a web method in one
 * line (its permission), src/api/uploads/[method].ts an HTTP endpoint (backend/http-endpoints.ts),
 * for the day the app leaves the legacy Wix CLI (docs/MIGRATION.md). Each checks its arguments
 * through the upload request policy (src/policies/upload-request-policy.ts), refuses as a value
 * (shared/refusals.ts), and does the I/O. A new owner method goes here, then one line in
 * uploads.web.ts and in backend/http-endpoints.ts (and in the engine's UploadBackend if the engine
 * calls it).
 */

/**
 * Whether the app can work on this site: its collections exist (they need the CMS and the right
 * namespace). The page asks first and, when not, says why instead of failing on every call.
 */
export function getAppSetup(): Promise<AppSetupResult> {
  return checkAppSetup();
}

/** Creates a resumable upload URL with the app's permissions, after checking the input. */
export async function createUploadSession(request: UploadSessionRequest): Promise<CreateUploadSessionResult> {
  const violations = findUploadRequestViolations(request);
  if (violations.length > 0) return invalidRequest(violations);
  try {
    const generated = await auth.elevate(files.generateFileResumableUploadUrl)(request.mimeType, resumableUploadOptions(request));
    return { ok: true, session: uploadSessionOf(generated) };
  } catch (error) {
    const refusal = refusalOfInput(error);
    if (refusal) return refusal;
    throw error;
  }
}

/** Records a finalized upload in the upload log, with the status the Media Manager reports now. */
export async function recordUpload(upload: FinalizedUpload): Promise<RecordUploadResult> {
  if (!isRecord(upload)) return invalidArgument('recordUpload needs the finalized upload');
  if (!isMediaId(upload.fileId)) return invalidArgument('fileId must be the id the finalize returned');
  const mimeType = optionalString(upload, 'mimeType', UPLOAD_REQUEST_LIMITS.mimeTypeMaxLength);
  if (isRefusal(mimeType)) return mimeType;
  const current = await fileDescriptor(upload.fileId);
  if (!current) return refuse('NOT_FOUND', 'The file is not in the Media Manager');
  const entry = await recordInUploadLog({ mimeType, ...factsOfFile(current) });
  return { ok: true, report: reportOf(entry) };
}

/**
 * The status of each file: the upload log, its entries still PENDING refreshed from the Media
 * Manager; a file the log does not hold is reported as the Media Manager sees it (not logged: only
 * recordUpload adds to the log). Ids neither knows are named apart.
 */
export async function getUploadStatus(fileIds: string[]): Promise<UploadStatusResult> {
  const ids = mediaIdList(fileIds, MAX_STATUS_BATCH);
  if (isRefusal(ids)) return ids;
  const { entries, gone } = await refreshPending(await readUploadLogEntries(ids), MAX_STATUS_BATCH);
  const logged = new Map(entries.map((entry) => [entry._id, entry]));
  const notLogged = ids.filter((id) => !logged.has(id));
  const current = notLogged.length > 0 ? await fileDescriptors(notLogged) : { found: [], unknown: [] };
  const reports = ids.flatMap((id): UploadStatusReport[] => {
    if (gone.includes(id)) return [];
    const entry = logged.get(id);
    if (entry) return [reportOf(entry)];
    const file = current.found.find((found) => found._id === id);
    return file ? [reportOf(factsOfFile(file))] : [];
  });
  return { ok: true, reports, unknownFileIds: [...gone, ...current.unknown] };
}

/** The most recent uploads of this site, newest first, from any device; those still PENDING brought up to date. */
export async function listRecentUploads(limit = 20): Promise<UploadStatusReport[]> {
  const bounded = Math.max(1, Math.min(MAX_RECENT_UPLOADS, Math.floor(Number(limit) || 20)));
  const { entries } = await refreshPending(await readRecentUploads(bounded), MAX_STATUS_BATCH);
  const paths = await folderPaths(entries.flatMap((entry) => (entry.parentFolderId ? [entry.parentFolderId] : [])));
  return entries.map((entry) => {
    const folderPath = entry.parentFolderId ? paths.get(entry.parentFolderId) : undefined;
    return { ...reportOf(entry), folderPath };
  });
}

/** The Media Manager folders directly under a folder (the root by default), for the destination picker. */
export async function listFolders(parentFolderId?: string): Promise<ListFoldersResult> {
  if (parentFolderId !== undefined && parentFolderId !== null && !isMediaId(parentFolderId)) {
    return invalidArgument('parentFolderId is not a folder id');
  }
  const found = await childFolders(parentFolderId || MEDIA_ROOT_FOLDER_ID);
  return found ? { ok: true, folders: found } : refuse('NOT_FOUND', 'The folder does not exist in the Media Manager');
}

/**
 * The folder at `filePath` under a folder (the root by default), each missing folder made once: the
 * engine asks it once per folder of a dropped tree, then sends each file to its folder by id, so a
 * tree deeper than Generate File Resumable Upload URL's filePath allows (100 characters) is sent
 * whole, and 10,000 files in one folder do not ask Wix to make its path 10,000 times.
 */
export async function createFolderPath(parentFolderId: string | undefined, filePath: string): Promise<FolderPathResult> {
  if (parentFolderId !== undefined && parentFolderId !== null && !isMediaId(parentFolderId)) {
    return invalidArgument('parentFolderId is not a folder id');
  }
  const violation = folderTreeViolation(filePath, 'filePath');
  if (violation) return invalidRequest([violation]);
  const names = splitFilePath(filePath);
  if (names.length === 0) return invalidArgument('filePath names no folder');
  try {
    const folderId = await folderAtPath(parentFolderId || MEDIA_ROOT_FOLDER_ID, names);
    return folderId ? { ok: true, folderId } : refuse('NOT_FOUND', 'The folder does not exist in the Media Manager');
  } catch (error) {
    const refusal = refusalOfInput(error);
    if (refusal) return refusal;
    throw error;
  }
}

/**
 * A temporary link to a file of the Media Manager: a private file is refused at its URL and read
 * only this way. The link expires after DOWNLOAD_LINK_MINUTES.
 */
export async function getFileDownloadUrl(fileId: string): Promise<FileDownloadLink> {
  if (!isMediaId(fileId)) return invalidArgument('The file id is not valid');
  try {
    const expiresAt = new Date(Date.now() + DOWNLOAD_LINK_MINUTES * 60_000).toISOString();
    const file = await fileDescriptor(fileId);
    if (!file) return refuse('NOT_FOUND', 'The file is no longer in the Media Manager');
    // Opened in the browser only when passive (an image, a video, a sound): an SVG, HTML or anything else is saved.
    const inline = opensInline(file.mediaType, typesOfFileName(file.displayName ?? fileId));
    const { downloadUrls } = await auth.elevate(files.generateFileDownloadUrl)(fileId, {
      expirationInMinutes: DOWNLOAD_LINK_MINUTES,
      contentDisposition: inline ? 'INLINE' : 'ATTACHMENT',
    });
    const url = downloadUrls?.[0]?.url;
    return url ? { ok: true, url, expiresAt } : refuse('UNAVAILABLE', 'Wix returned no download link');
  } catch (error) {
    if (refusalOfInput(error) || isNotFound(error)) return refuse('NOT_FOUND', 'The file is no longer in the Media Manager');
    throw error;
  }
}

/**
 * Removes a copy that arrived unlike the chosen file, for good, after seeing it differ here too: its
 * size is not the one given, or (Wix's hash being an md5) its hash is not the md5 given. A file that
 * matches what is expected is kept and the answer says so; one already gone is fine.
 */
export async function discardArrivedCopy(fileId: string, expected: ExpectedFile): Promise<DiscardCopyResult> {
  if (!isMediaId(fileId)) return invalidArgument('The file id is not valid');
  if (!isRecord(expected) || typeof expected.sizeInBytes !== 'string' || !/^\d+$/.test(expected.sizeInBytes)) {
    return invalidArgument('expected.sizeInBytes must be the number of bytes of the chosen file');
  }
  if (expected.md5 !== undefined && !isMd5Hex(expected.md5)) return invalidArgument('expected.md5 must be an md5, 32 hex digits');
  const file = await fileDescriptor(fileId);
  if (!file) return { ok: true };
  if (!differsFromExpected(file, { sizeInBytes: expected.sizeInBytes, md5: expected.md5 })) {
    return refuse('NOT_ALLOWED', 'The file in the Media Manager is the one expected: it was kept');
  }
  await deleteMediaFiles([fileId], true);
  return { ok: true };
}

/**
 * Finds a file whose finalize answer was lost when Wix's later answers do not name it (an upload
 * host that answers errors with a status only): the one file of that name and size made since its
 * session that the upload log does not hold. Several that fit: none is named, the caller says so.
 */
export async function findUploadedFile(lost: LostUpload): Promise<FindUploadResult> {
  if (!isRecord(lost)) return invalidArgument('findUploadedFile needs the lost upload');
  const nameProblem = fileNameViolation(lost.displayName, 'displayName');
  if (nameProblem) return invalidRequest([nameProblem]);
  if (typeof lost.sizeInBytes !== 'string' || !/^\d+$/.test(lost.sizeInBytes))
    return invalidArgument('sizeInBytes must be a number of bytes');
  if (typeof lost.since !== 'string' || Number.isNaN(Date.parse(lost.since))) return invalidArgument('since must be a date');
  if (lost.private !== undefined && typeof lost.private !== 'boolean') return invalidArgument('private must be true or false');
  const query: LostUpload = {
    displayName: lost.displayName,
    sizeInBytes: lost.sizeInBytes,
    since: lost.since,
    private: lost.private,
  };
  const fitting = (await searchMediaFiles(query.displayName.slice(0, SEARCH_TEXT_MAX_LENGTH))).filter((file) =>
    couldBeLostUpload(file, query),
  );
  const logged = new Set((await readUploadLogEntries(fitting.map((file) => file._id))).map((entry) => entry._id));
  const unlogged = fitting.filter((file) => !logged.has(file._id));
  return { ok: true, fileId: unlogged.length === 1 ? unlogged[0]!._id : undefined, candidates: unlogged.length };
}

/**
 * The finalize PUT `{uploadUrl}/{uploadToken}?filename=`, sent from the server for a browser that
 * got no answer sending it itself (a network or cross-origin failure). Only to Wix's upload host,
 * with a name the upload request policy accepts.
 */
export async function finalizeUploadFromServer(session: UploadSession, fileName: string): Promise<ServerFinalizeAnswer> {
  const { uploadUrl, uploadToken } = (isRecord(session) ? session : {}) as Partial<Record<keyof UploadSession, unknown>>;
  if (typeof uploadUrl !== 'string' || !isWixUploadUrl(uploadUrl)) return invalidArgument('The upload URL is not a Wix upload URL');
  if (typeof uploadToken !== 'string' || uploadToken === '' || uploadToken.length > UPLOAD_TOKEN_MAX_LENGTH) {
    return invalidArgument('The upload token is not valid');
  }
  const nameProblem = fileNameViolation(fileName);
  if (nameProblem) return { ...invalidRequest([nameProblem]), reason: 'The file name is not valid' };
  return { ok: true, ...(await finalizeAtUploadHost(uploadUrl, uploadToken, fileName)) };
}

/**
 * Has the Media Manager import files from links (Bulk Import File): Wix fetches each link from its
 * own servers, so the bytes never cross the owner's connection, and this server fetches nothing.
 * Every link is checked first (the upload request policy: a web address, its length, no
 * credentials; the name, folder and labels as for an upload); one bad link refuses the request and
 * nothing is imported. Each file Wix makes is logged like an upload (PENDING until File Ready or
 * File Failed), so getUploadStatus follows it and it shows in recent uploads.
 */
export async function importFromLinks(links: LinkImport[]): Promise<ImportFromLinksResult> {
  const violations = linkImportViolations(links);
  if (violations.length > 0) return invalidRequest(violations);
  const requests = importFileRequestsOf(links);
  let answer: files.BulkImportFileResponse;
  try {
    answer = await auth.elevate(files.bulkImportFile)(requests, { returnEntity: true });
  } catch (error) {
    const refusal = refusalOfInput(error);
    if (refusal) return refusal;
    throw error;
  }
  const imports = await Promise.all(
    importedFilesOf(requests, answer).map(async (imported, index): Promise<LinkImportAnswer> => {
      if (!imported.ok) return imported;
      const entry = await recordInUploadLog({ mimeType: requests[index]!.mimeType, ...factsOfFile(imported.file) });
      return { ok: true, report: reportOf(entry) };
    }),
  );
  return { ok: true, imports };
}

/**
 * Which of the files about to be sent are already in their destination folder (same name, same
 * size), before any byte is sent: one listing per destination folder (existing-files.ts). A folder
 * that does not exist yet holds none, and is not created by asking. At most
 * EXISTING_FILES_LIMITS' folders and files per call; the page splits larger batches.
 */
export async function findExistingFiles(destinations: DestinationFolderQuery[]): Promise<FindExistingFilesResult> {
  const violations = existingFilesQueryViolations(destinations);
  if (violations.length > 0) return invalidRequest(violations);
  return { ok: true, folders: await findExistingFilesWith(destinations, elevatedFolderListingCalls()) };
}
