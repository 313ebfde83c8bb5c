import type { files } from '@wix/media';
import { uploadLogUpdateFromFile } from './media-file';
import { updateLoggedUpload } from './upload-log';
import { fileDescriptor } from './media-manager';

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
 * A failed file this young that the log does not hold may be one of the app's whose record is on
 * its way. Its reason comes only with File Failed (a file descriptor does not say why), so that
 * delivery is refused: Wix sends a webhook again when it fails (its documented resend policy: a
 * minute later, then ten minutes, ...), and by then the record is there. An older file is not the
 * app's: at most two deliveries of another's failure are refused.
 * https://dev.wix.com/docs/rest/articles/getting-started/webhook-resend-policy
 */
const RECORD_WINDOW_MS = 5 * 60_000;

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
  const file = await fileDescriptor(fileId);
  const created = file?._createdDate ? new Date(file._createdDate).getTime() : Number.NaN;
  if (Date.now() - created < RECORD_WINDOW_MS) {
    throw new Error(`File Failed for ${fileId} came before the upload's record: to be delivered again`);
  }
}
