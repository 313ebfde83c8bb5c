import { namespacedCollectionId, type DataCollectionDeclaration } from '../shared/data-collection';

/**
 * The app's namespace, chosen once in the app dashboard (Develop → Extensions → Data Collections)
 * and part of every collection id. Change it here when the app is created under another namespace:
 * the backend and the local Wix read it from this one place.
 */
export const APP_NAMESPACE = '@resumable-media-uploader/app';

/**
 * The upload log: the outcome of each upload, keyed by Media Manager file id, so the page knows it
 * after a reload or on another device. Only the site's admins may touch it; the backend elevates.
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
  permissions: { read: 'ADMIN', insert: 'ADMIN', update: 'ADMIN', remove: 'ADMIN' },
};

/** Every collection the app declares; the local Wix serves these and no others. */
export const DATA_COLLECTIONS: readonly DataCollectionDeclaration[] = [UPLOAD_LOG];
