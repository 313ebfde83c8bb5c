import fs from 'node:fs';
import path from 'node:path';
import type { Router } from '../platform/http.js';
import { readJsonBody, sendJson } from '../platform/http.js';
import { WixApiError } from '../platform/api-error.js';
import { requireAppOrUser, type TokenSigner } from '../platform/identity.js';
import type { FolderStore } from './folders.js';
import { folderToRest } from './folders.js';
import type { MediaFiles, FileFilter, FileOrder } from './media-files.js';
import type { UploadSessions } from '../upload/upload-sessions.js';
import { toFileDescriptor } from './descriptor.js';
import { readDownloadUrlRequest, type DownloadUrls } from './download-urls.js';
import { readCursorPaging, nextCursor } from '../platform/paging.js';
import {
  generateViolations,
  MEDIA_ROOT_FOLDER_ID,
  splitFilePath,
  TRASH_ROOT_FOLDER_ID,
  VISITOR_UPLOADS_FOLDER_ID,
  type GenerateRequest,
} from './media-rules.js';
import { asRecord } from '../platform/json.js';

export interface MediaApiDeps {
  signer: TokenSigner;
  folders: FolderStore;
  files: MediaFiles;
  sessions: UploadSessions;
  downloads: DownloadUrls;
  /** Where the upload URL points (the Wix APIs' origin). */
  origin: () => string;
  /** Where the descriptors' URLs point. */
  mediaOrigin: () => string;
  uploadPath: string;
  /** Where the files' bytes are, to delete them for good. */
  mediaDir: string;
}

const MAX_FILE_IDS = 100;

/** Search Files' root folders (`RootFolder` in @wix/media) and the folder each is. */
const ROOT_FOLDERS: Readonly<Record<string, string>> = {
  MEDIA_ROOT: MEDIA_ROOT_FOLDER_ID,
  VISITOR_UPLOADS_ROOT: VISITOR_UPLOADS_FOLDER_ID,
  TRASH_ROOT: TRASH_ROOT_FOLDER_ID,
};

function optionalBoolean(value: string | null, field: string): boolean | undefined {
  if (value === null || value === '') return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw WixApiError.validation([{ field, description: 'must be true or false', violatedRule: 'TYPE' }]);
}

/** Search Files' `rootFolder` (default MEDIA_ROOT) as the folder id it names. */
function rootFolderIdOf(rootFolder: unknown): string {
  if (rootFolder === undefined || rootFolder === null) return MEDIA_ROOT_FOLDER_ID;
  const id = typeof rootFolder === 'string' ? ROOT_FOLDERS[rootFolder] : undefined;
  if (!id) {
    throw WixApiError.validation([
      { field: 'rootFolder', description: `must be one of ${Object.keys(ROOT_FOLDERS).join(', ')}`, violatedRule: 'INVALID_ENUM_VALUE' },
    ]);
  }
  return id;
}

/** Search Files' `sort`: `displayName`, `updatedDate` or `sizeInBytes`; by default `updatedDate`, newest first. */
function searchOrderOf(sort: unknown): FileOrder {
  const { fieldName, order } = asRecord(sort);
  const field = fieldName === undefined || fieldName === null || fieldName === '' ? 'updatedDate' : fieldName;
  if (field !== 'displayName' && field !== 'updatedDate' && field !== 'sizeInBytes') {
    throw WixApiError.validation([
      { field: 'sort.fieldName', description: 'must be displayName, updatedDate or sizeInBytes', violatedRule: 'INVALID_ENUM_VALUE' },
    ]);
  }
  return { field, descending: order !== 'ASC' };
}

/** The Media Manager REST API at the paths of www.wixapis.com/site-media/v1. */
export function mountMediaApi(router: Router, deps: MediaApiDeps): void {
  const { signer, folders, files, sessions, origin } = deps;
  const describe = (file: Parameters<typeof toFileDescriptor>[0]) => toFileDescriptor(file, deps.mediaOrigin());

  router.on('POST', '/site-media/v1/files/generate-resumable-upload-url', async ({ req, res }) => {
    requireAppOrUser(await signer.authenticate(req));
    const body = await readJsonBody(req);
    const violations = generateViolations(body);
    if (violations.length > 0) throw WixApiError.validation(violations);
    const request = body as GenerateRequest;
    const parentFolderId = request.parentFolderId || MEDIA_ROOT_FOLDER_ID;
    folders.require(parentFolderId, 'parentFolderId');
    const folderId = folders.ensurePath(parentFolderId, splitFilePath(request.filePath));
    const uploadToken = await sessions.issue({
      mimeType: request.mimeType,
      fileName: request.fileName || undefined,
      parentFolderId: folderId,
      private: request.private ?? false,
      labels: request.labels ?? [],
    });
    sendJson(res, 200, { uploadProtocol: 'TUS', uploadUrl: `${origin()}${deps.uploadPath}`, uploadToken });
  });

  // Bulk Delete Files: to the trash (trash-root), or for good with `permanent` (the bytes go too).
  router.on('POST', '/site-media/v1/bulk/files/delete', async ({ req, res }) => {
    requireAppOrUser(await signer.authenticate(req));
    const { fileIds, permanent } = asRecord(await readJsonBody(req));
    if (!Array.isArray(fileIds) || fileIds.length === 0 || fileIds.length > MAX_FILE_IDS || fileIds.some((id) => typeof id !== 'string')) {
      throw WixApiError.validation([
        { field: 'fileIds', description: `must be a list of 1 to ${MAX_FILE_IDS} file ids`, violatedRule: 'REQUIRED_FIELD' },
      ]);
    }
    const results = (fileIds as string[]).map((id) => {
      if (!files.get(id))
        return { itemMetadata: { id, success: false, error: { code: 'FILE_NOT_FOUND', description: `File "${id}" does not exist` } } };
      if (permanent === true) {
        files.remove(id);
        fs.rmSync(path.join(deps.mediaDir, id), { force: true });
      } else {
        files.moveToTrash(id);
      }
      return { itemMetadata: { id, success: true } };
    });
    const succeeded = results.filter((result) => result.itemMetadata.success).length;
    sendJson(res, 200, { results, bulkActionMetadata: { totalSuccesses: succeeded, totalFailures: results.length - succeeded } });
  });

  router.on('GET', '/site-media/v1/files/get-file-by-id', async ({ req, res, url }) => {
    requireAppOrUser(await signer.authenticate(req));
    const fileId = url.searchParams.get('fileId');
    if (!fileId) {
      throw WixApiError.validation([{ field: 'fileId', description: 'is required', violatedRule: 'REQUIRED_FIELD' }]);
    }
    sendJson(res, 200, { file: describe(files.require(fileId)) });
  });

  router.on('POST', '/site-media/v1/files/generate-file-download-url', async ({ req, res }) => {
    requireAppOrUser(await signer.authenticate(req));
    const request = readDownloadUrlRequest(await readJsonBody(req));
    files.require(request.fileId);
    sendJson(res, 200, { downloadUrls: [{ url: await deps.downloads.create(request), assetKey: 'src' }] });
  });

  router.on('POST', '/site-media/v1/files/get-files', async ({ req, res }) => {
    requireAppOrUser(await signer.authenticate(req));
    const { fileIds } = asRecord(await readJsonBody(req));
    if (!Array.isArray(fileIds) || fileIds.length === 0 || fileIds.some((id) => typeof id !== 'string')) {
      throw WixApiError.validation([
        { field: 'fileIds', description: 'must be a non-empty list of file ids', violatedRule: 'REQUIRED_FIELD' },
      ]);
    }
    if (fileIds.length > MAX_FILE_IDS) {
      throw WixApiError.validation([
        {
          field: 'fileIds',
          description: `must have at most ${MAX_FILE_IDS} items`,
          violatedRule: 'MAX_SIZE',
          data: { threshold: MAX_FILE_IDS },
        },
      ]);
    }
    sendJson(res, 200, { files: (fileIds as string[]).map((id) => describe(files.require(id))) });
  });

  // List Files (dev.wix.com/docs/sdk/backend-modules/media/files/list-files; @wix/media's
  // ListFilesOptions): the files directly in `parentFolderId` (media-root by default; an unknown
  // folder is not found), `paging.limit` at most 100 (CursorPaging's @max), the next page's cursor
  // in `nextCursor.cursors.next`. A file moved to the trash is in trash-root, so no longer listed
  // in its folder. Wix documents no renaming of a file uploaded under a name its folder already
  // holds: both keep the name (ids tell them apart), and so here.
  router.on('GET', '/site-media/v1/files', async ({ req, res, url }) => {
    requireAppOrUser(await signer.authenticate(req));
    const params = url.searchParams;
    const parentFolderId = params.get('parentFolderId') || MEDIA_ROOT_FOLDER_ID;
    folders.require(parentFolderId);
    const page = readCursorPaging(params.get('paging.limit'), params.get('paging.cursor'));
    const filter: FileFilter = {
      parentFolderId,
      mediaTypes: params.getAll('mediaTypes'),
      private: optionalBoolean(params.get('private'), 'private'),
    };
    const found = files.find(filter, page);
    sendJson(res, 200, { files: found.files.map(describe), nextCursor: nextCursor(page, found.hasMore) });
  });

  router.on('POST', '/site-media/v1/files/search', async ({ req, res }) => {
    requireAppOrUser(await signer.authenticate(req));
    const body = asRecord(await readJsonBody(req));
    const paging = asRecord(body.paging);
    const page = readCursorPaging(paging.limit, paging.cursor);
    if (body.search !== undefined && typeof body.search !== 'string') {
      throw WixApiError.validation([{ field: 'search', description: 'must be a string', violatedRule: 'TYPE' }]);
    }
    const filter: FileFilter = {
      search: body.search as string | undefined,
      mediaTypes: Array.isArray(body.mediaTypes) ? body.mediaTypes.map(String) : undefined,
      private: typeof body.private === 'boolean' ? body.private : undefined,
      rootFolderId: rootFolderIdOf(body.rootFolder),
    };
    const found = files.find(filter, page, searchOrderOf(body.sort));
    sendJson(res, 200, { files: found.files.map(describe), nextCursor: nextCursor(page, found.hasMore) });
  });

  router.on('GET', '/site-media/v1/folders', async ({ req, res, url }) => {
    requireAppOrUser(await signer.authenticate(req));
    const parentFolderId = url.searchParams.get('parentFolderId') || MEDIA_ROOT_FOLDER_ID;
    folders.require(parentFolderId);
    const page = readCursorPaging(url.searchParams.get('paging.limit'), url.searchParams.get('paging.cursor'));
    const found = folders.list(parentFolderId, page);
    sendJson(res, 200, { folders: found.folders.map(folderToRest), nextCursor: nextCursor(page, found.hasMore) });
  });

  router.on('POST', '/site-media/v1/folders', async ({ req, res }) => {
    requireAppOrUser(await signer.authenticate(req));
    const body = asRecord(await readJsonBody(req));
    if (typeof body.displayName !== 'string') {
      throw WixApiError.validation([{ field: 'displayName', description: 'is required', violatedRule: 'REQUIRED_FIELD' }]);
    }
    const parentFolderId = typeof body.parentFolderId === 'string' && body.parentFolderId ? body.parentFolderId : MEDIA_ROOT_FOLDER_ID;
    sendJson(res, 200, { folder: folderToRest(folders.create(body.displayName, parentFolderId)) });
  });

  router.on('GET', '/site-media/v1/folders/:folderId', async ({ req, res, params }) => {
    requireAppOrUser(await signer.authenticate(req));
    sendJson(res, 200, { folder: folderToRest(folders.require(params.folderId!)) });
  });
}
