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

/** After a crash: undo half-done finalizes and remove tus bytes that a finished finalize left. */
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
  for (const entry of await fs.promises.readdir(store.directory)) {
    if (entry.endsWith('.json')) continue;
    const state = sessions.byTusUpload(entry)?.state;
    if (state !== 'uploading') await store.remove(entry).catch(() => undefined);
  }
}
