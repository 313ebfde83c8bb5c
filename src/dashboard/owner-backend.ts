import type { UploadBackend } from '../upload-engine';
import {
  createUploadSession,
  discardArrivedCopy,
  finalizeUploadFromServer,
  findUploadedFile,
  getUploadStatus,
  recordUpload,
} from '../backend/uploads.web';

/** The upload engine's backend on the owner's pages: the upload web methods, as they are. */
export const ownerBackend: UploadBackend = {
  createUploadSession,
  recordUpload,
  getUploadStatus,
  finalizeUploadFromServer,
  discardArrivedCopy,
  findUploadedFile,
};
