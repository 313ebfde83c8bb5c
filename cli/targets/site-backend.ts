import { createClient } from '@wix/sdk';
import { files, folders } from '@wix/media';
import { errorMessageOf, type UploadBackend } from '../../src/upload-engine/node/index.js';
import {
  couldBeLostUpload,
  descriptorOf,
  descriptorsOf,
  differsFromExpected,
  factsOfFile,
  reportOf,
  SEARCH_TEXT_MAX_LENGTH,
} from '../../src/backend/media-file.js';
import { resumableUploadOptions, uploadSessionOf } from '../../src/backend/resumable-upload-url.js';
import {
  MAX_STATUS_BATCH,
  type CreateUploadSessionResult,
  type DiscardCopyResult,
  type FindExistingFilesResult,
  type FindUploadResult,
  type ImportFromLinksResult,
  type RecordUploadResult,
  type UploadStatusResult,
} from '../../src/shared/upload-methods.js';
import { findUploadRequestViolations } from '../../src/policies/upload-request-policy.js';
import { MEDIA_ROOT_FOLDER_ID } from '../../src/shared/media-folders.js';
import { invalidRequest, refuse } from '../../src/shared/refusals.js';
import { isFinalAnswer, readWixError, refusalOfInput } from '../../src/shared/wix-errors.js';
import { networkCause } from '../../clients/network.js';
import { ConnectError } from '../exit-codes.js';
import { importedFilesOf, importFileRequestsOf, linkImportViolations } from '../../src/backend/link-imports.js';
import { existingFilesQueryViolations, findExistingFilesWith } from '../../src/backend/existing-files.js';

type Authentication = Parameters<typeof createClient>[0]['auth'];

/** The Wix SDK with the Media Manager's files and folders, authenticated as given (an API key for a real site). */
export function createMediaClient(auth: Authentication, fetchImpl?: typeof fetch) {
  return createClient({ auth, ...(fetchImpl ? { fetch: fetchImpl } : {}), modules: { files, folders } });
}

export type MediaClient = ReturnType<typeof createMediaClient>;

/**
 * The engine's backend without the app: the Media Manager's own API, called with an API key from
 * outside any site (the app's web methods answer only inside one), with the same policy, the same
 * reading of Wix's errors and descriptors and the same Generate-URL options as the web methods.
 * What the web methods add is not here: no upload log, so a File Failed reason is not known (the
 * file fails with a general sentence) and `finalizeUploadFromServer` is not needed (no browser, no
 * cross-origin refusal).
 */
export function directMediaBackend(client: MediaClient): UploadBackend {
  const calls = {
    getFileDescriptor: (fileId: string) => client.files.getFileDescriptor(fileId),
    getFileDescriptors: (fileIds: string[]) => client.files.getFileDescriptors(fileIds),
  };

  return {
    async createUploadSession(request): Promise<CreateUploadSessionResult> {
      const violations = findUploadRequestViolations(request);
      if (violations.length > 0) return invalidRequest(violations);
      try {
        const generated = await client.files.generateFileResumableUploadUrl(request.mimeType, resumableUploadOptions(request));
        return { ok: true, session: uploadSessionOf(generated) };
      } catch (error) {
        const refusal = refusalOfInput(error);
        if (refusal) return refusal;
        // An answer asking again will not change (a permission, a quota): refused, not retried for ever.
        if (isFinalAnswer(error)) {
          return refuse('NOT_ALLOWED', `Wix refused the upload (HTTP ${readWixError(error).status}): ${errorMessageOf(error)}`);
        }
        throw error;
      }
    },

    async recordUpload(upload): Promise<RecordUploadResult> {
      const file = await descriptorOf(upload.fileId, calls);
      return file ? { ok: true, report: reportOf(factsOfFile(file)) } : refuse('NOT_FOUND', 'The file is not in the Media Manager');
    },

    /** A copy unlike the chosen file, removed for good once the Media Manager shows it differ too. */
    async discardArrivedCopy(fileId, expected): Promise<DiscardCopyResult> {
      const file = await descriptorOf(fileId, calls);
      if (!file) return { ok: true };
      if (!differsFromExpected(file, expected))
        return refuse('NOT_ALLOWED', 'The file in the Media Manager is the one expected: it was kept');
      await client.files.bulkDeleteFiles([fileId], { permanent: true });
      return { ok: true };
    },

    /** With no upload log here, the one file of that name and size made since its session. */
    async findUploadedFile(lost): Promise<FindUploadResult> {
      const { files: found } = await client.files.searchFiles({
        search: lost.displayName.slice(0, SEARCH_TEXT_MAX_LENGTH),
        paging: { limit: 100 },
      });
      const fitting = (found ?? []).filter((file) => file._id && couldBeLostUpload(file, lost));
      return { ok: true, fileId: fitting.length === 1 ? (fitting[0]!._id ?? undefined) : undefined, candidates: fitting.length };
    },

    /** Wix's Bulk Import File, after the same checks as the web method; no upload log here, so a File Failed reason is not known. */
    async importFromLinks(links): Promise<ImportFromLinksResult> {
      const violations = linkImportViolations(links);
      if (violations.length > 0) return invalidRequest(violations);
      const requests = importFileRequestsOf(links);
      try {
        const answer = await client.files.bulkImportFile(requests, { returnEntity: true });
        const imports = importedFilesOf(requests, answer).map((imported) =>
          imported.ok ? { ok: true as const, report: reportOf(factsOfFile(imported.file)) } : imported,
        );
        return { ok: true, imports };
      } catch (error) {
        const refusal = refusalOfInput(error);
        if (refusal) return refusal;
        throw error;
      }
    },

    /** The same listing as the web method's, one per destination folder. */
    async findExistingFiles(destinations): Promise<FindExistingFilesResult> {
      const violations = existingFilesQueryViolations(destinations);
      if (violations.length > 0) return invalidRequest(violations);
      const listing = { listFolders: client.folders.listFolders, listFiles: client.files.listFiles };
      return { ok: true, folders: await findExistingFilesWith(destinations, listing) };
    },

    async getUploadStatus(fileIds): Promise<UploadStatusResult> {
      if (fileIds.length > MAX_STATUS_BATCH) return refuse('INVALID_REQUEST', `At most ${MAX_STATUS_BATCH} files at a time`);
      if (fileIds.length === 0) return { ok: true, reports: [], unknownFileIds: [] };
      const { found, unknown } = await descriptorsOf(fileIds, calls);
      return { ok: true, reports: found.map((file) => reportOf(factsOfFile(file))), unknownFileIds: unknown };
    },
  };
}

/** Lists one folder of the Media Manager, to learn before any upload whether the credentials are let in. */
async function probeMediaManager(client: MediaClient): Promise<void> {
  await client.folders.listFolders({ parentFolderId: MEDIA_ROOT_FOLDER_ID, paging: { limit: 1 } });
}

/**
 * The backend for a site once its Media Manager answered, or a ConnectError saying why not. The
 * tests give it a client of the local Wix: the API key itself needs a real site.
 */
export async function connectToSite(client: MediaClient, siteId: string): Promise<UploadBackend> {
  try {
    await probeMediaManager(client);
  } catch (error) {
    const { status } = readWixError(error);
    if (status === undefined) throw new ConnectError({ key: 'cli.error.wixUnreachable', values: { detail: networkCause(error) } });
    if (status === 401 || status === 403) throw new ConnectError({ key: 'cli.error.apiKeyRefused', values: { siteId, status } });
    throw new ConnectError({ key: 'cli.error.mediaManagerAnswered', values: { siteId, status, detail: errorMessageOf(error) } });
  }
  return directMediaBackend(client);
}
