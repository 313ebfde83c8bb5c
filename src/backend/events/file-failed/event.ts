import { files } from '@wix/media';
import { logFileFailed } from '../../upload-log-events';

files.onFileDescriptorFileFailed(async (event) => {
  await logFileFailed(event);
});
