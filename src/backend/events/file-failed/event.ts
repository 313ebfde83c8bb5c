import { files } from '@wix/media';
import { checkVisitorFileOnFailed } from '../../visitor-file-check';
import { logFileFailed } from '../../upload-log-events';

files.onFileDescriptorFileFailed(async (event) => {
  if (await checkVisitorFileOnFailed(event)) return;
  await logFileFailed(event);
});
