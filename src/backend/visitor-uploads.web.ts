import { webMethod, Permissions } from '@wix/web-methods';
import * as visitorUploads from './visitor-uploads';

/**
 * The site widget's web methods (Anyone: visitors and members) and the owner's inbox (Admin): each
 * a plain function of visitor-uploads.ts with its permission, and nothing else (backend/http-endpoints.ts
 * serves the same functions as HTTP endpoints).
 */
export const getVisitorUploadTerms = webMethod(Permissions.Anyone, visitorUploads.getVisitorUploadTerms);
export const startVisitorSubmission = webMethod(Permissions.Anyone, visitorUploads.startVisitorSubmission);
export const createVisitorUploadSession = webMethod(Permissions.Anyone, visitorUploads.createVisitorUploadSession);
export const recordVisitorUpload = webMethod(Permissions.Anyone, visitorUploads.recordVisitorUpload);
export const getVisitorUploadStatus = webMethod(Permissions.Anyone, visitorUploads.getVisitorUploadStatus);
export const finalizeVisitorUploadFromServer = webMethod(Permissions.Anyone, visitorUploads.finalizeVisitorUploadFromServer);

export const getVisitorUploadRules = webMethod(Permissions.Admin, visitorUploads.getVisitorUploadRules);
export const saveVisitorUploadRules = webMethod(Permissions.Admin, visitorUploads.saveVisitorUploadRules);
export const listVisitorSubmissions = webMethod(Permissions.Admin, visitorUploads.listVisitorSubmissions);
export const listVisitorSubmissionPage = webMethod(Permissions.Admin, visitorUploads.listVisitorSubmissionPage);
export const setVisitorSubmissionHandled = webMethod(Permissions.Admin, visitorUploads.setVisitorSubmissionHandled);
export const closeVisitorSubmission = webMethod(Permissions.Admin, visitorUploads.closeVisitorSubmission);
export const deleteVisitorSubmission = webMethod(Permissions.Admin, visitorUploads.deleteVisitorSubmission);
