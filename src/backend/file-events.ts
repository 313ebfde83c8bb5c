import type { files } from '@wix/media';
import { factsOfFile } from './media-file';
import { updateLoggedUpload } from './upload-log';
import { fileDescriptor } from './media-manager';
import { checkVisitorFile, type VisitorFileVerdict } from './visitor-file-check';

type FileReadyEvent = Parameters<Parameters<typeof files.onFileDescriptorFileReady>[0]>[0];
type FileFailedEvent = Parameters<Parameters<typeof files.onFileDescriptorFileFailed>[0]>[0];

/**
 * What happens on File Ready and File Failed, the one answer: they fire for every file of the site
 * that finishes processing (the owner's own uploads, other apps', visitors'), so each first asks
 * whether the file is a visitor's (then it is checked in its place, visitor-file-check.ts), else
 * updates the upload log's entry of a file the page sent (upload-log.ts): one Data read for any
 * other file, no write. Neither is the only way a file is seen processed: the page's
 * getUploadStatus and the widget's status read the Media Manager for files still PENDING, and the
 * sweep checks visitor files whose event never came. Each handler (events/<name>/event.ts) calls
 * one function here.
 */
export async function onFileReady(event: FileReadyEvent): Promise<void> {
  const file = event.data.file;
  const fileId = file?._id ?? event.metadata.entityId;
  if (!file || !fileId) return;
  const descriptor = { ...file, _id: fileId };
  if (isVisitorFile(await checkSafely(fileId, () => checkVisitorFile(descriptor)))) return;
  await updateLoggedUpload({ ...factsOfFile(descriptor), status: 'READY' });
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

export async function onFileFailed(event: FileFailedEvent): Promise<void> {
  const fileId = event.metadata.entityId;
  if (!fileId) return;
  const failure = event.data.error ?? undefined;
  const visitor = await checkSafely(fileId, async () => {
    const descriptor = await fileDescriptor(fileId);
    return descriptor ? checkVisitorFile({ ...descriptor, operationStatus: 'FAILED' }, { failure }) : undefined;
  });
  if (isVisitorFile(visitor)) return;
  const update = {
    _id: fileId,
    status: 'FAILED' as const,
    failureCode: failure?.code ?? undefined,
    failureDescription: failure?.description ?? undefined,
  };
  if (await updateLoggedUpload(update)) return;
  const file = await fileDescriptor(fileId);
  const created = file?._createdDate ? new Date(file._createdDate).getTime() : Number.NaN;
  if (Date.now() - created < RECORD_WINDOW_MS) {
    throw new Error(`File Failed for ${fileId} came before the upload's record: to be delivered again`);
  }
}

function isVisitorFile(verdict: VisitorFileVerdict | undefined): boolean {
  return verdict !== undefined && verdict.kind !== 'not-ours';
}

/** A visitor file's check that fails is logged, not thrown: the event's handling goes on, and the sweep checks the file again. */
async function checkSafely(fileId: string, check: () => Promise<VisitorFileVerdict | undefined>): Promise<VisitorFileVerdict | undefined> {
  try {
    return await check();
  } catch (error) {
    console.error('[visitor uploads] checking a file', fileId, error);
    return undefined;
  }
}
