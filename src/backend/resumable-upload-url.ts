import type { files } from '@wix/media';
import type { UploadSession, UploadSessionRequest } from '../shared/upload-methods';
import { MEDIA_ROOT_FOLDER_ID } from '../shared/media-folders';

type GenerateOptions = files.GenerateFileResumableUploadUrlOptions;

/**
 * The options of Wix's Generate File Resumable Upload URL for a checked request, the one builder of
 * them: the media root when no folder is named, public unless asked, over tus. The owner's web
 * method and the command line's site target send an owner's request through it; the visitor's
 * method sends the request the server makes for a visitor's file (its own folder, private, labelled).
 */
export function resumableUploadOptions(request: UploadSessionRequest): GenerateOptions {
  return {
    fileName: request.fileName,
    sizeInBytes: request.sizeInBytes,
    parentFolderId: request.parentFolderId || MEDIA_ROOT_FOLDER_ID,
    filePath: request.filePath,
    private: request.private ?? false,
    labels: request.labels,
    uploadProtocol: 'TUS',
  };
}

/** The session in Wix's answer; an answer without its URL or token is Wix's fault, thrown. */
export function uploadSessionOf(generated: { uploadUrl?: string | null; uploadToken?: string | null }): UploadSession {
  if (!generated.uploadUrl || !generated.uploadToken) throw new Error('Wix returned no upload URL');
  return { uploadUrl: generated.uploadUrl, uploadToken: generated.uploadToken };
}
