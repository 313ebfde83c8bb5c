import { files } from '@wix/media';
import { checkVisitorFileOnReady } from '../../visitor-file-check';
import { logFileReady } from '../../upload-log-events';

files.onFileDescriptorFileReady(async (event) => {
  if (await checkVisitorFileOnReady(event)) return;
  await logFileReady(event);
});
