import { files } from '@wix/media';
import { onFileFailed } from '../../file-events';

files.onFileDescriptorFileFailed(onFileFailed);
