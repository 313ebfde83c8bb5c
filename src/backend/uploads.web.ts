import { webMethod, Permissions } from '@wix/web-methods';
import * as uploads from './uploads';

/**
 * The owner's upload web methods: each a plain function of uploads.ts with its permission, and
 * nothing else (Wix's web-method runtime stays at this edge; backend/http-endpoints.ts serves the
 * same functions as HTTP endpoints). Refusals are returned as values: Wix hides the message of a
 * thrown error in production.
 */
export const getAppSetup = webMethod(Permissions.Admin, uploads.getAppSetup);
export const createUploadSession = webMethod(Permissions.Admin, uploads.createUploadSession);
export const recordUpload = webMethod(Permissions.Admin, uploads.recordUpload);
export const getUploadStatus = webMethod(Permissions.Admin, uploads.getUploadStatus);
export const listRecentUploads = webMethod(Permissions.Admin, uploads.listRecentUploads);
export const listFolders = webMethod(Permissions.Admin, uploads.listFolders);
export const createFolderPath = webMethod(Permissions.Admin, uploads.createFolderPath);
export const getFileDownloadUrl = webMethod(Permissions.Admin, uploads.getFileDownloadUrl);
export const discardArrivedCopy = webMethod(Permissions.Admin, uploads.discardArrivedCopy);
export const findUploadedFile = webMethod(Permissions.Admin, uploads.findUploadedFile);
export const finalizeUploadFromServer = webMethod(Permissions.Admin, uploads.finalizeUploadFromServer);
export const importFromLinks = webMethod(Permissions.Admin, uploads.importFromLinks);
export const findExistingFiles = webMethod(Permissions.Admin, uploads.findExistingFiles);
