/**
 * The Media Manager's root folders, by the ids Wix gives them (`parentFolderId`, Search Files'
 * `rootFolder`): where the owner's files go unless a folder is named, where visitors' files go
 * (its own root, beside media-root), and the trash.
 */
export const MEDIA_ROOT_FOLDER_ID = 'media-root';
export const VISITOR_UPLOADS_FOLDER_ID = 'visitor-uploads';
export const TRASH_ROOT_FOLDER_ID = 'trash-root';
