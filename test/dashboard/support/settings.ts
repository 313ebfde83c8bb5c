import { MEDIA_ROOT_FOLDER_ID } from '../../../src/shared/media-folders.js';
import { isOpened, type StagedFile, type UploadSettings } from '../../../src/dashboard/staging.js';
import type { UploadSource } from '../../../src/upload-engine/index.js';

/** The page's initial upload settings, with what a test changes. */
export const settings = (extra: Partial<UploadSettings> = {}): UploadSettings => ({
  parentFolderId: MEDIA_ROOT_FOLDER_ID,
  destination: [],
  filePath: '',
  labels: [],
  private: false,
  ...extra,
});

/** A staged file's source, which the test staged opened (picked, not dropped). */
export function openedSource(file: StagedFile): UploadSource {
  if (!isOpened(file.source)) throw new Error(`${file.source.name} is not opened`);
  return file.source;
}
