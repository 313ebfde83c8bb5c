import { files } from '@wix/media';
import { recordInUploadLog } from '../../upload-log';

files.onFileDescriptorFileFailed(async (event) => {
  const fileId = event.metadata.entityId;
  if (!fileId) return;
  await recordInUploadLog({
    _id: fileId,
    status: 'FAILED',
    failureCode: event.data.error?.code ?? undefined,
    failureDescription: event.data.error?.description ?? undefined,
  });
});
