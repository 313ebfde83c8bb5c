import type { files } from '@wix/media';
import type { UploadSession, UploadSessionRequest } from '../shared/upload-api';
import { MEDIA_ROOT_FOLDER_ID } from '../shared/upload-request';

type GenerateOptions = files.GenerateFileResumableUploadUrlOptions;

/**
 * The options of Wix's Generate File Resumable Upload URL for an owner's checked request: the
 * media root when no folder is named, public unless asked, over tus. The web method and the
 * command line's API-key mode send the same.
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
