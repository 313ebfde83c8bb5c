import type { UploadBackend } from '../upload-engine';
import {
  createFolderPath,
  createUploadSession,
  discardArrivedCopy,
  finalizeUploadFromServer,
  findExistingFiles,
  findUploadedFile,
  getAppSetup,
  getFileDownloadUrl,
  getUploadStatus,
  importFromLinks,
  listFolders,
  listRecentUploads,
  recordUpload,
} from '../backend/uploads.web';
import {
  closeVisitorSubmission,
  deleteVisitorSubmission,
  getVisitorUploadRules,
  listVisitorSubmissionPage,
  saveVisitorUploadRules,
  setVisitorSubmissionHandled,
} from '../backend/visitor-uploads.web';

/**
 * The only place the owner's pages reach the backend: the web methods today (the Wix CLI's
 * generated client); after the move to the new Wix CLI, the same names as calls of the HTTP
 * endpoints, changed here alone (docs/MIGRATION.md).
 */
export {
  getAppSetup,
  findExistingFiles,
  listFolders,
  listRecentUploads,
  getFileDownloadUrl,
  getVisitorUploadRules,
  saveVisitorUploadRules,
  listVisitorSubmissionPage,
  setVisitorSubmissionHandled,
  closeVisitorSubmission,
  deleteVisitorSubmission,
};

/** The upload engine's backend on the owner's pages: the upload methods, as they are. */
export const ownerBackend: UploadBackend = {
  createUploadSession,
  recordUpload,
  getUploadStatus,
  finalizeUploadFromServer,
  discardArrivedCopy,
  findUploadedFile,
  importFromLinks,
  createFolderPath,
  findExistingFiles,
};
