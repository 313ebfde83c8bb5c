import { namespacedCollectionId, type DataCollectionDeclaration, type DataPermissions } from '../shared/data-collection';

/**
 * The app's namespace, chosen once in the app dashboard (Develop → Extensions → Data Collections)
 * and part of every collection id. Change it here when the app is created under another namespace:
 * the backend and the local Wix read it from this one place.
 */
export const APP_NAMESPACE = '@resumable-media-uploader/app';

/**
 * Every item action PRIVILEGED: only the site's administrators (and the app's elevated calls, which
 * the backend makes after checking who may see what). Each of the app's collections uses it.
 */
export const PRIVILEGED_ONLY: Readonly<DataPermissions> = {
  itemRead: 'PRIVILEGED',
  itemInsert: 'PRIVILEGED',
  itemUpdate: 'PRIVILEGED',
  itemRemove: 'PRIVILEGED',
};

/**
 * The upload log: the outcome of each upload the app made, keyed by Media Manager file id, so the
 * page knows it after a reload or on another device. Privileged only; the backend elevates.
 */
export const UPLOAD_LOG: DataCollectionDeclaration = {
  id: namespacedCollectionId(APP_NAMESPACE, 'upload-log'),
  idSuffix: 'upload-log',
  displayName: 'Upload log',
  fields: [
    { key: 'displayName', displayName: 'Name', type: 'TEXT' },
    { key: 'status', displayName: 'Status', type: 'TEXT' },
    { key: 'sizeInBytes', displayName: 'Size in bytes', type: 'TEXT' },
    { key: 'mimeType', displayName: 'MIME type', type: 'TEXT' },
    { key: 'mediaType', displayName: 'Media type', type: 'TEXT' },
    { key: 'parentFolderId', displayName: 'Folder id', type: 'TEXT' },
    { key: 'private', displayName: 'Private', type: 'BOOLEAN' },
    { key: 'labels', displayName: 'Labels', type: 'ARRAY_STRING' },
    { key: 'url', displayName: 'URL', type: 'URL' },
    { key: 'thumbnailUrl', displayName: 'Thumbnail URL', type: 'URL' },
    { key: 'failureCode', displayName: 'Failure code', type: 'TEXT' },
    { key: 'failureDescription', displayName: 'Failure description', type: 'TEXT' },
  ],
  permissions: PRIVILEGED_ONLY,
};

/**
 * The owner's rules for visitor uploads (one item, id "rules"). Privileged only: visitors learn the
 * rules they need through a web method that reads them elevated and hands out only the terms.
 */
export const VISITOR_UPLOAD_RULES: DataCollectionDeclaration = {
  id: namespacedCollectionId(APP_NAMESPACE, 'visitor-upload-rules'),
  idSuffix: 'visitor-upload-rules',
  displayName: 'Visitor upload rules',
  fields: [
    { key: 'enabled', displayName: 'Uploads on', type: 'BOOLEAN' },
    { key: 'audience', displayName: 'Who may upload', type: 'TEXT' },
    { key: 'allowedTypes', displayName: 'Allowed types', type: 'ARRAY_STRING' },
    { key: 'maxFileSizeBytes', displayName: 'Largest file (bytes)', type: 'NUMBER' },
    { key: 'maxFileSizeGb', displayName: 'Largest file (GB, as typed)', type: 'TEXT' },
    { key: 'maxFilesPerSubmission', displayName: 'Files per submission', type: 'NUMBER' },
    { key: 'maxFilesPerVisitorPerDay', displayName: 'Files per visitor per day', type: 'NUMBER' },
    { key: 'maxFilesPerDay', displayName: 'Files per day', type: 'NUMBER' },
    { key: 'maxSubmissionsPerVisitorPerDay', displayName: 'Submissions per visitor per day', type: 'NUMBER' },
    { key: 'maxSubmissionsPerDay', displayName: 'Submissions per day', type: 'NUMBER' },
  ],
  permissions: PRIVILEGED_ONLY,
};

/**
 * What visitors sent through the site widget: who, their message, the files and their state.
 * Privileged only: a visitor reaches their own submission only through the web methods, with its secret.
 */
export const VISITOR_SUBMISSIONS: DataCollectionDeclaration = {
  id: namespacedCollectionId(APP_NAMESPACE, 'visitor-submissions'),
  idSuffix: 'visitor-submissions',
  displayName: 'Visitor submissions',
  fields: [
    { key: 'name', displayName: 'Name', type: 'TEXT' },
    { key: 'email', displayName: 'E-mail', type: 'TEXT' },
    { key: 'message', displayName: 'Message', type: 'TEXT' },
    { key: 'visitorId', displayName: 'Visitor or member id', type: 'TEXT' },
    { key: 'fromMember', displayName: 'Sent by a member', type: 'BOOLEAN' },
    { key: 'secretHash', displayName: 'Secret hash', type: 'TEXT' },
    { key: 'handled', displayName: 'Handled', type: 'BOOLEAN' },
    { key: 'closedDate', displayName: 'Closed by the owner', type: 'DATETIME' },
  ],
  permissions: PRIVILEGED_ONLY,
};

/**
 * The files of the submissions, one item each: uploads of one submission run at the same time,
 * and Wix Data has no transactions, so each file is written alone, never as part of a list.
 * Each is a numbered place of its submission, `<submission id>:<n>`, taken by an insert that
 * fails when the place is taken: that is how the files per submission are counted.
 */
export const VISITOR_FILES: DataCollectionDeclaration = {
  id: namespacedCollectionId(APP_NAMESPACE, 'visitor-files'),
  idSuffix: 'visitor-files',
  displayName: 'Visitor files',
  fields: [
    { key: 'submissionId', displayName: 'Submission', type: 'TEXT' },
    { key: 'visitorId', displayName: 'Visitor or member id', type: 'TEXT' },
    { key: 'name', displayName: 'Name', type: 'TEXT' },
    { key: 'sizeInBytes', displayName: 'Size in bytes', type: 'TEXT' },
    { key: 'mimeType', displayName: 'MIME type', type: 'TEXT' },
    { key: 'status', displayName: 'Status', type: 'TEXT' },
    { key: 'reason', displayName: 'Reason', type: 'TEXT' },
    { key: 'broken', displayName: 'Rule behind the reason', type: 'OBJECT' },
    { key: 'fileId', displayName: 'Media file id', type: 'TEXT' },
    { key: 'slot', displayName: 'Place in the submission', type: 'NUMBER' },
    { key: 'contentReadFailures', displayName: 'Checks that could not read it', type: 'NUMBER' },
  ],
  permissions: PRIVILEGED_ONLY,
};

/**
 * Numbered places taken by an insert with a deterministic _id (`<scope>:<n>`), which Wix Data
 * refuses when the _id exists: the daily limits (`files:<day>:<n>`, `files:<day>:<visitor>:<n>`,
 * the same for submissions), the upload URLs of a file, the one file that arrived for it, and
 * the sweep's marks. Wix Data has no transactions; this refusal is what makes each count atomic.
 */
export const VISITOR_CLAIMS: DataCollectionDeclaration = {
  id: namespacedCollectionId(APP_NAMESPACE, 'visitor-upload-claims'),
  idSuffix: 'visitor-upload-claims',
  displayName: 'Visitor upload claims',
  fields: [
    { key: 'scope', displayName: 'What is counted', type: 'TEXT' },
    { key: 'n', displayName: 'Number', type: 'NUMBER' },
    { key: 'day', displayName: 'Day (UTC)', type: 'TEXT' },
    { key: 'submissionId', displayName: 'Submission', type: 'TEXT' },
    { key: 'fileId', displayName: 'Media file id', type: 'TEXT' },
    { key: 'tokenHash', displayName: 'Upload token hash', type: 'TEXT' },
    { key: 'uploadUrl', displayName: 'Upload URL', type: 'URL' },
    { key: 'fileIds', displayName: 'Media file ids', type: 'ARRAY_STRING' },
    { key: 'at', displayName: 'When (ms)', type: 'NUMBER' },
  ],
  permissions: PRIVILEGED_ONLY,
};

/** Every collection the app declares; the local Wix serves these and no others. */
export const DATA_COLLECTIONS: readonly DataCollectionDeclaration[] = [
  UPLOAD_LOG,
  VISITOR_UPLOAD_RULES,
  VISITOR_SUBMISSIONS,
  VISITOR_FILES,
  VISITOR_CLAIMS,
];
