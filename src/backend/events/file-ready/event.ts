import { files } from '@wix/media';
import { onFileReady } from '../../file-events';

files.onFileDescriptorFileReady(onFileReady);
