import { createClient } from '@wix/sdk';
import { files, folders } from '@wix/media';
import { describeWixError, isNotFound } from '../src/backend/wix-error.js';
import { couldBeLostUpload, differsFromExpected, SEARCH_TEXT_MAX_LENGTH } from '../src/backend/media-file.js';
import { resumableUploadOptions, uploadSessionOf } from '../src/backend/resumable-upload-url.js';
import {
  MAX_STATUS_BATCH,
  type CreateUploadSessionResult,
  type DiscardCopyResult,
  type FindUploadResult,
  type RecordUploadResult,
  type UploadStatus,
  type UploadStatusReport,
  type UploadStatusResult,
} from '../src/shared/upload-api.js';
import { findUploadRequestViolations, MEDIA_ROOT_FOLDER_ID } from '../src/shared/upload-request.js';
import type { UploadBackend } from '../src/upload-engine/upload-backend.js';
import { errorMessageOf } from '../src/upload-engine/upload-error.js';
import { networkCause } from '../local/shared/local-sign-in.js';
import { ConnectError } from './exit-codes.js';

type Authentication = Parameters<typeof createClient>[0]['auth'];

/** The Wix SDK with the Media Manager's files and folders, authenticated as given (an API key for a real site). */
export function createMediaClient(auth: Authentication, fetchImpl?: typeof fetch) {
  return createClient({ auth, ...(fetchImpl ? { fetch: fetchImpl } : {}), modules: { files, folders } });
}

export type MediaClient = ReturnType<typeof createMediaClient>;

type FileDescriptor = files.FileDescriptor;

/** The HTTP status of a Wix SDK error, when the SDK got an answer. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Answers that will not change by asking again: a refusal to return, not an error to retry. */
function isFinalRefusal(error: unknown): boolean {
  const status = statusOf(error);
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

function reportOf(file: FileDescriptor & { _id: string }): UploadStatusReport {
  return {
    fileId: file._id,
    status: (file.operationStatus ?? 'PENDING') as UploadStatus,
    displayName: file.displayName ?? undefined,
    url: file.url ?? undefined,
    thumbnailUrl: file.thumbnailUrl ?? undefined,
    mediaType: file.mediaType ?? undefined,
    sizeInBytes: file.sizeInBytes ?? undefined,
    private: file.private ?? undefined,
    parentFolderId: file.parentFolderId ?? undefined,
    labels: file.labels ?? undefined,
  };
}

/**
 * The engine's backend without the app: the Media Manager's own API, called with an API key from
 * outside any site (the app's web methods answer only inside one). What the web methods add is
 * not here: no upload log, so a File Failed reason is not known (the file fails with a general
 * sentence) and `finalizeUploadFromServer` is not needed (no browser, no cross-origin refusal).
 */
export function directMediaBackend(client: MediaClient): UploadBackend {
  async function descriptorOf(fileId: string): Promise<(FileDescriptor & { _id: string }) | undefined> {
    try {
      return { ...(await client.files.getFileDescriptor(fileId)), _id: fileId };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  return {
    async createUploadSession(request): Promise<CreateUploadSessionResult> {
      const violations = findUploadRequestViolations(request);
      if (violations.length > 0) return { ok: false, violations };
      try {
        const generated = await client.files.generateFileResumableUploadUrl(request.mimeType, resumableUploadOptions(request));
        return { ok: true, session: uploadSessionOf(generated) };
      } catch (error) {
        const refusal = describeWixError(error);
        if (refusal) return { ok: false, violations: refusal };
        if (isFinalRefusal(error))
          return { ok: false, reason: `Wix refused the upload (HTTP ${statusOf(error)}): ${errorMessageOf(error)}` };
        throw error;
      }
    },

    async recordUpload(upload): Promise<RecordUploadResult> {
      const file = await descriptorOf(upload.fileId);
      return file ? { ok: true, report: reportOf(file) } : { ok: false, reason: 'The file is not in the Media Manager' };
    },

    /** A copy unlike the chosen file, removed for good once the Media Manager shows it differ too. */
    async discardArrivedCopy(fileId, expected): Promise<DiscardCopyResult> {
      const file = await descriptorOf(fileId);
      if (!file) return { ok: true };
      if (!differsFromExpected(file, expected))
        return { ok: false, reason: 'The file in the Media Manager is the one expected: it was kept' };
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

    async getUploadStatus(fileIds): Promise<UploadStatusResult> {
      if (fileIds.length > MAX_STATUS_BATCH) return { ok: false, reason: `At most ${MAX_STATUS_BATCH} files at a time` };
      if (fileIds.length === 0) return { ok: true, reports: [], unknownFileIds: [] };
      let found: Array<FileDescriptor & { _id: string }>;
      try {
        const answer = await client.files.getFileDescriptors(fileIds);
        found = (answer.files ?? []).flatMap((file) => (file._id ? [{ ...file, _id: file._id }] : []));
      } catch (error) {
        // Wix refuses the whole batch when one id is unknown: each is asked alone.
        if (!isNotFound(error)) throw error;
        found = (await Promise.all(fileIds.map(descriptorOf))).filter((file) => file !== undefined);
      }
      const known = new Set(found.map((file) => file._id));
      return { ok: true, reports: found.map(reportOf), unknownFileIds: fileIds.filter((id) => !known.has(id)) };
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
    const status = statusOf(error);
    if (status === undefined) throw new ConnectError(`Wix could not be reached (${networkCause(error)})`);
    if (status === 401 || status === 403) {
      throw new ConnectError(
        `Wix refused the API key for site ${siteId} (HTTP ${status}): it needs the Manage Media Manager permission, and WIX_SITE_ID must be a site of its account`,
      );
    }
    throw new ConnectError(`The Media Manager of site ${siteId} answered HTTP ${status}: ${errorMessageOf(error)}`);
  }
  return directMediaBackend(client);
}
