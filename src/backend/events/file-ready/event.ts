import { files } from '@wix/media';
import { logFileReady } from '../../upload-log-events';

files.onFileDescriptorFileReady(async (event) => {
  await logFileReady(event);
});
