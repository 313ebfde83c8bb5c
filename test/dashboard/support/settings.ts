import { MEDIA_ROOT_FOLDER_ID } from '../../../src/shared/media-folders.js';
import type { UploadSettings } from '../../../src/dashboard/staging.js';

/** The page's initial upload settings, with what a test changes. */
export const settings = (extra: Partial<UploadSettings> = {}): UploadSettings => ({
  parentFolderId: MEDIA_ROOT_FOLDER_ID,
  destination: [],
  filePath: '',
  labels: [],
  private: false,
  ...extra,
});
