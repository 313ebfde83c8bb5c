import fs from 'node:fs';
import path from 'node:path';
import type { MediaFiles } from '../media/media-files.js';
import type { HashingFileStore } from './hashing-file-store.js';
import type { UploadSessions } from './upload-sessions.js';

export interface RecoveryDeps {
  store: HashingFileStore;
  sessions: UploadSessions;
  files: MediaFiles;
  mediaDir: string;
}

/**
 * Removes the bytes of uploads whose token expired before they were finalized, and marks them
 * expired (a later request on them answers 410 UPLOAD_EXPIRED). Returns how many were swept.
 */
export async function sweepExpiredUploads(deps: RecoveryDeps, now = Date.now()): Promise<number> {
  const expired = deps.sessions.expiredUnfinished(now);
  for (const session of expired) {
    if (session.tusUploadId) await deps.store.removeLeftovers(session.tusUploadId);
    deps.sessions.markExpired(session.id);
  }
  return expired.length;
}

/**
 * After a crash, before anything is served: what a record points to is kept, and nothing is kept
 * that no record points to. A finalize cut before its commit is undone (its media file removed,
 * the session back to uploading); one cut after it is completed (the tus upload removed). Then
 * every tus upload not still being uploaded or not whole, and every media file without a record,
 * is removed.
 */
export async function recoverUploads(deps: RecoveryDeps): Promise<void> {
  const { store, sessions, files } = deps;
  for (const session of sessions.interruptedFinalizes()) {
    if (session.fileId && !files.get(session.fileId)) {
      await fs.promises.rm(path.join(deps.mediaDir, session.fileId), { force: true });
      sessions.abandonFinalize(session.id);
    } else {
      sessions.markFinalized(session.id);
    }
  }
  await sweepExpiredUploads(deps);
  for (const uploadId of await store.uploadIdsOnDisk()) {
    // Half of an upload (bytes without their record, or the reverse) can never be resumed: the
    // client is told it is gone (404) and starts over, as after any lost upload.
    if (sessions.byTusUpload(uploadId)?.state !== 'uploading' || !store.isWhole(uploadId)) await store.removeLeftovers(uploadId);
  }
  for (const fileId of await fs.promises.readdir(deps.mediaDir)) {
    if (!files.get(fileId)) await fs.promises.rm(path.join(deps.mediaDir, fileId), { force: true });
  }
}
