import { files } from '@wix/media';
import { recordInUploadLog } from '../../upload-log';
import { checkVisitorFileOnFailed } from '../../visitor-file-check';

files.onFileDescriptorFileFailed(async (event) => {
  await checkVisitorFileOnFailed(event);
  const fileId = event.metadata.entityId;
  if (!fileId) return;
  await recordInUploadLog({
    _id: fileId,
    status: 'FAILED',
    failureCode: event.data.error?.code ?? undefined,
    failureDescription: event.data.error?.description ?? undefined,
  });
});
