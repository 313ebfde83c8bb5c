import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromFile } from 'file-type';
import { WixApiError } from '../platform/api-error.js';
import { crashPoint } from '../platform/crash-points.js';
import { displayNameOf } from '../media/media-rules.js';
import type { SqlDatabase } from '../platform/database.js';
import type { MediaFiles, MediaFileRecord } from '../media/media-files.js';
import type { MediaProcessing } from '../media/media-processing.js';
import { inspectFile } from '../media/inspect.js';
import type { HashingFileStore } from './hashing-file-store.js';
import type { UploadHashes } from './upload-hashes.js';
import type { UploadSessions, UploadSessionRecord } from './upload-sessions.js';

/** What a file descriptor's `hash` is: the md5 of the bytes (the default), or a variant's answer. */
export type HashKind = 'md5' | 'sha256' | 'opaque' | 'absent';

export interface FinalizeDeps {
  hashKind: HashKind;
  db: SqlDatabase;
  store: HashingFileStore;
  hashes: UploadHashes;
  sessions: UploadSessions;
  files: MediaFiles;
  processing: MediaProcessing;
  mediaDir: string;
  mediaPrefix: string;
}

async function sha256Of(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The descriptor's hash for the kind the local Wix answers with ('' for none). */
async function descriptorHash(kind: HashKind, md5: string, bytesPath: string, fileId: string): Promise<string> {
  switch (kind) {
    case 'md5':
      return md5;
    case 'sha256':
      return sha256Of(bytesPath);
    case 'opaque':
      // The shape of an md5, not the md5 of the bytes.
      return createHash('md5').update(`${fileId}:${md5}`).digest('hex');
    case 'absent':
      return '';
  }
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

function assertFinalizable(session: UploadSessionRecord): void {
  switch (session.state) {
    case 'uploading':
      return;
    case 'issued':
      throw WixApiError.known('UPLOAD_INCOMPLETE', 'No bytes were uploaded with this token yet');
    case 'finalizing':
      throw WixApiError.known('FINALIZE_IN_PROGRESS', 'This upload is already being finalized');
    case 'finalized':
      throw WixApiError.known('UPLOAD_TOKEN_USED', 'This upload was already finalized; the token is single-use', {
        fileId: session.fileId,
      });
    case 'terminated':
      throw WixApiError.known('UPLOAD_TERMINATED', 'This upload was cancelled; generate a new upload URL');
    case 'expired':
      throw WixApiError.known('UPLOAD_EXPIRED', 'The upload token expired; generate a new upload URL and upload again');
  }
}

/**
 * The finalize PUT `{uploadUrl}/{uploadToken}?filename=`: the complete tus upload becomes a
 * PENDING Media Manager file (its bytes linked into the media folder, its md5 and real media type
 * known) and is queued for processing. A session is finalized once.
 */
export function createFinalizer(deps: FinalizeDeps): (token: string, filename: string | null) => Promise<MediaFileRecord> {
  const { store, sessions, files, processing, hashes } = deps;

  return async function finalize(token, filename) {
    const session = await sessions.resolve(token);
    assertFinalizable(session);
    const tusUploadId = session.tusUploadId!;
    const upload = await store.getUpload(tusUploadId).catch(() => {
      throw WixApiError.known('UPLOAD_GONE', 'The uploaded bytes no longer exist; upload again');
    });
    if (upload.size === undefined || upload.offset < upload.size) {
      throw WixApiError.known('UPLOAD_INCOMPLETE', `Only ${upload.offset} of ${upload.size ?? 'unknown'} bytes were uploaded`, {
        offset: upload.offset,
        size: upload.size ?? null,
      });
    }
    // Wix documents no rule on `filename` but a name's 255 characters (a longer one is truncated).
    const givenName = filename || session.fileName || upload.metadata?.filename;
    if (!givenName) {
      throw WixApiError.validation([
        { field: 'filename', description: 'is required when no fileName was given at generation', violatedRule: 'REQUIRED_FIELD' },
      ]);
    }
    const displayName = displayNameOf(givenName);
    const bytesPath = store.bytesPath(tusUploadId);
    const fileId = await newFileId(deps.mediaPrefix, bytesPath, givenName);
    sessions.beginFinalize(session, fileId);
    crashPoint('finalize:claimed');
    const mediaPath = path.join(deps.mediaDir, fileId);
    try {
      const [md5, inspection] = await Promise.all([hashes.digest(tusUploadId, upload.size), inspectFile(bytesPath, session.mimeType)]);
      const hash = await descriptorHash(deps.hashKind, md5, bytesPath, fileId);
      await linkOrCopy(bytesPath, mediaPath);
      crashPoint('finalize:linked');
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
      crashPoint('finalize:committed');
      await store.removeLeftovers(tusUploadId);
      crashPoint('finalize:cleaned');
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
  };
}
