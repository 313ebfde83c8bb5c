import { files } from '@wix/media';
import { recordInUploadLog } from '../../upload-log';
import { uploadLogUpdateFromFile } from '../../media-file';
import { checkVisitorFileOnReady } from '../../visitor-file-check';

files.onFileDescriptorFileReady(async (event) => {
  await checkVisitorFileOnReady(event);
  const file = event.data.file;
  const fileId = file?._id ?? event.metadata.entityId;
  if (!file || !fileId) return;
  await recordInUploadLog({ ...uploadLogUpdateFromFile({ ...file, _id: fileId }), status: 'READY' });
});
