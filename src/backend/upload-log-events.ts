import type { files } from '@wix/media';
import { uploadLogUpdateFromFile } from './media-file';
import { updateLoggedUpload } from './upload-log';

type FileReadyEvent = Parameters<Parameters<typeof files.onFileDescriptorFileReady>[0]>[0];
type FileFailedEvent = Parameters<Parameters<typeof files.onFileDescriptorFileFailed>[0]>[0];

/**
 * File Ready and File Failed fire for every file of the site that finishes processing (the owner's
 * own uploads, other apps', visitors'), so each only updates an upload the app logged: one Data read
 * for any other file, no write. An event that comes before the page's record is not needed: the
 * record reads the file's status itself, and entries still PENDING are refreshed when read.
 */
export async function logFileReady(event: FileReadyEvent): Promise<void> {
  const file = event.data.file;
  const fileId = file?._id ?? event.metadata.entityId;
  if (!file || !fileId) return;
  await updateLoggedUpload({ ...uploadLogUpdateFromFile({ ...file, _id: fileId }), status: 'READY' });
}

/**
 * How long File Failed waits, for a file the log does not hold yet, before one more read. Its reason
 * comes only with the event (a file descriptor does not say why), so the one case it would be lost
 * in, a failure the Media Manager reports while the page's record is on its way, is waited out.
 * Failures are rare: the wait costs little for the site's other files.
 */
const RECORD_GRACE_MS = 2000;

export async function logFileFailed(event: FileFailedEvent): Promise<void> {
  const fileId = event.metadata.entityId;
  if (!fileId) return;
  const update = {
    _id: fileId,
    status: 'FAILED' as const,
    failureCode: event.data.error?.code ?? undefined,
    failureDescription: event.data.error?.description ?? undefined,
  };
  if (await updateLoggedUpload(update)) return;
  await new Promise((resolve) => setTimeout(resolve, RECORD_GRACE_MS));
  await updateLoggedUpload(update);
}
