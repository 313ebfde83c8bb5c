import { Server as TusServer } from '@tus/server';
import type { Upload } from '@tus/utils';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Router, RequestContext } from './http.js';
import { sendJson } from './http.js';
import { WixApiError } from './api-error.js';
import type { SqlDatabase } from './database.js';
import type { HashingFileStore } from './hashing-file-store.js';
import type { UploadHashes } from './upload-hashes.js';
import type { UploadSessions, UploadSession } from './upload-sessions.js';
import type { MediaFiles, MediaFileRecord } from './media-files.js';
import type { MediaProcessing } from './media-processing.js';
import { inspectFile } from './inspect.js';
import { toFileDescriptor } from './descriptor.js';
import { fileTypeFromFile } from 'file-type';

export const UPLOAD_PATH = '/upload/tus';

export interface UploadApiDeps {
  db: SqlDatabase;
  store: HashingFileStore;
  hashes: UploadHashes;
  sessions: UploadSessions;
  files: MediaFiles;
  processing: MediaProcessing;
  mediaDir: string;
  mediaPrefix: string;
  maxUploadBytes: number;
  origin: () => string;
}

/** What @tus/server sends for an error it is given: a status and a body, never a 5xx for a client fault. */
function tusError(error: WixApiError): { status_code: number; body: string } {
  return { status_code: error.status, body: JSON.stringify(error.body) };
}

function extensionOf(fileName: string): string | undefined {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName);
  return match?.[1]?.toLowerCase();
}

async function newFileId(prefix: string, bytesPath: string, displayName: string): Promise<string> {
  const ext = extensionOf(displayName) ?? (await fileTypeFromFile(bytesPath))?.ext ?? 'bin';
  return `${prefix}_${randomBytes(16).toString('hex')}~mv2.${ext}`;
}

/** Hard-links the finished upload into the media folder (no copy); copies where links are refused. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await fs.promises.link(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      await fs.promises.rm(to);
      return linkOrCopy(from, to);
    }
    await fs.promises.copyFile(from, to);
  }
}

/**
 * The resumable upload endpoint: tus 1.0 (creation, creation-with-upload, termination) at the
 * uploadUrl, and the finalize PUT `{uploadUrl}/{uploadToken}?filename=`.
 */
export function mountUploadApi(router: Router, deps: UploadApiDeps): { tus: TusServer; recover: () => Promise<void> } {
  const { store, sessions, files, processing, hashes } = deps;

  const options: ConstructorParameters<typeof TusServer>[0] = {
    path: UPLOAD_PATH,
    datastore: store,
    maxSize: deps.maxUploadBytes,
    namingFunction: () => randomBytes(16).toString('hex'),
    async onUploadCreate(_req, upload: Upload) {
      try {
        const session = await sessions.resolve(upload.metadata?.token);
        if (session.sizeInBytes !== undefined && upload.size !== undefined && upload.size !== session.sizeInBytes) {
          throw WixApiError.application(
            400,
            'SIZE_MISMATCH',
            `Upload-Length ${upload.size} differs from the sizeInBytes ${session.sizeInBytes} given when the URL was generated`,
          );
        }
        sessions.bindTusUpload(session, upload.id);
      } catch (error) {
        if (error instanceof WixApiError) throw tusError(error);
        throw error;
      }
      return {};
    },
    onResponseError(_req, error) {
      if (error instanceof WixApiError) return tusError(error);
      return undefined;
    },
  };
  const tus = new TusServer(options);
  tus.on('POST_TERMINATE', (_req, _res, id: string) => sessions.markTerminated(id));

  const handleTus = async ({ req, res }: RequestContext) => {
    await tus.handle(req, res);
  };
  router.on('POST', UPLOAD_PATH, handleTus);
  router.on('OPTIONS', UPLOAD_PATH, handleTus);
  for (const method of ['HEAD', 'PATCH', 'DELETE', 'OPTIONS']) router.on(method, `${UPLOAD_PATH}/:id`, handleTus);

  router.on('PUT', `${UPLOAD_PATH}/:token`, async ({ res, url, params }) => {
    const file = await finalize(params.token!, url.searchParams.get('filename'));
    sendJson(res, 200, { file: toFileDescriptor(file, deps.origin()) });
  });

  async function finalize(token: string, filename: string | null): Promise<MediaFileRecord> {
    const session = await sessions.resolve(token);
    assertFinalizable(session);
    const tusUploadId = session.tusUploadId!;
    const upload = await store.getUpload(tusUploadId).catch(() => {
      throw WixApiError.application(410, 'UPLOAD_GONE', 'The uploaded bytes no longer exist; upload again');
    });
    if (upload.size === undefined || upload.offset < upload.size) {
      throw WixApiError.application(409, 'UPLOAD_INCOMPLETE', `Only ${upload.offset} of ${upload.size ?? 'unknown'} bytes were uploaded`, {
        offset: upload.offset,
        size: upload.size ?? null,
      });
    }
    const displayName = filename || session.fileName || upload.metadata?.filename;
    if (!displayName) {
      throw WixApiError.validation([
        { field: 'filename', description: 'is required when no fileName was given at generation', violatedRule: 'REQUIRED_FIELD' },
      ]);
    }
    const bytesPath = store.bytesPath(tusUploadId);
    const fileId = await newFileId(deps.mediaPrefix, bytesPath, displayName);
    sessions.beginFinalize(session, fileId);
    const mediaPath = path.join(deps.mediaDir, fileId);
    try {
      const [hash, inspection] = await Promise.all([hashes.digest(tusUploadId, upload.size), inspectFile(bytesPath, session.mimeType)]);
      await linkOrCopy(bytesPath, mediaPath);
      const now = new Date().toISOString();
      const record: MediaFileRecord = {
        id: fileId,
        displayName,
        parentFolderId: session.parentFolderId,
        hash,
        sizeInBytes: upload.size,
        private: session.private,
        mediaType: inspection.mediaType,
        mimeType: inspection.mimeType,
        labels: session.labels,
        operationStatus: 'PENDING',
        width: inspection.width,
        height: inspection.height,
        failure: inspection.failure,
        createdAt: now,
        updatedAt: now,
      };
      deps.db.transaction(() => {
        files.insert(record);
        sessions.markFinalized(session.id);
      })();
      await store.remove(tusUploadId);
      processing.schedule(fileId);
      return record;
    } catch (error) {
      if (!files.get(fileId)) {
        hashes.discard(tusUploadId);
        await fs.promises.rm(mediaPath, { force: true });
        sessions.abandonFinalize(session.id);
      }
      throw error;
    }
  }

  function assertFinalizable(session: UploadSession): void {
    switch (session.state) {
      case 'uploading':
        return;
      case 'issued':
        throw WixApiError.application(409, 'UPLOAD_INCOMPLETE', 'No bytes were uploaded with this token yet');
      case 'finalizing':
        throw WixApiError.application(409, 'FINALIZE_IN_PROGRESS', 'This upload is already being finalized');
      case 'finalized':
        throw WixApiError.application(409, 'UPLOAD_TOKEN_USED', 'This upload was already finalized; the token is single-use', {
          fileId: session.fileId,
        });
      case 'terminated':
        throw WixApiError.application(410, 'UPLOAD_TERMINATED', 'This upload was cancelled; generate a new upload URL');
    }
  }

  /** After a crash: undo half-done finalizes and remove tus bytes that a finished finalize left. */
  async function recover(): Promise<void> {
    for (const session of sessions.interruptedFinalizes()) {
      if (session.fileId && !files.get(session.fileId)) {
        await fs.promises.rm(path.join(deps.mediaDir, session.fileId), { force: true });
        sessions.abandonFinalize(session.id);
      } else {
        sessions.markFinalized(session.id);
      }
    }
    for (const entry of await fs.promises.readdir(store.directory)) {
      if (entry.endsWith('.json')) continue;
      const state = sessions.byTusUpload(entry)?.state;
      if (state !== 'uploading') await store.remove(entry).catch(() => undefined);
    }
  }

  return { tus, recover };
}
