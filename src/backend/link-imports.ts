import type { files } from '@wix/media';
import { fileNameOfLink, findUploadRequestViolations, importLinkViolation, LINK_IMPORT_LIMITS } from '../policies/upload-request-policy';
import { isRecord } from '../shared/is-record';
import { MEDIA_ROOT_FOLDER_ID } from '../shared/media-folders';
import type { FieldViolation } from '../shared/refusals';
import type { LinkImport } from '../shared/upload-methods';
import type { FileDescriptor } from './media-file';

/**
 * Importing from links, the same for the owner's web method (`importFromLinks`, uploads.ts) and the
 * command line's site target: the links' checks (the upload request policy), Bulk Import File's
 * requests, and what its answer says of each link. Pure: the callers call Wix and keep the log.
 */

/** Every rule the links break, each named by its place ("links[2].url"); the upload request policy's rules for the rest. */
export function linkImportViolations(links: unknown): FieldViolation[] {
  if (!Array.isArray(links) || links.length === 0) {
    return [{ field: 'links', description: 'must be a list of at least one link', violatedRule: 'REQUIRED_FIELD' }];
  }
  if (links.length > LINK_IMPORT_LIMITS.linksPerImport) {
    return [
      {
        field: 'links',
        description: `must have at most ${LINK_IMPORT_LIMITS.linksPerImport} links (got ${links.length})`,
        violatedRule: 'MAX_SIZE',
        data: { threshold: LINK_IMPORT_LIMITS.linksPerImport },
      },
    ];
  }
  return links.flatMap((link: unknown, index) => {
    const at = `links[${index}]`;
    if (!isRecord(link)) return [{ field: at, description: 'must be a link with its settings', violatedRule: 'TYPE' }];
    const urlProblem = importLinkViolation(link.url, `${at}.url`);
    if (urlProblem) return [urlProblem];
    const request = {
      mimeType: link.mimeType ?? 'application/octet-stream',
      fileName: link.displayName ?? fileNameOfLink(link.url as string),
      parentFolderId: link.parentFolderId,
      filePath: link.filePath,
      labels: link.labels,
      private: link.private,
    };
    return findUploadRequestViolations(request).map((violation) => ({
      ...violation,
      field: `${at}.${violation.field === 'fileName' ? 'displayName' : violation.field}`,
    }));
  });
}

/** Bulk Import File's requests for checked links: the name from the link unless given, the media root unless a folder is, public unless asked. */
export function importFileRequestsOf(links: readonly LinkImport[]): files.ImportFileRequest[] {
  return links.map((link) => ({
    url: link.url,
    displayName: link.displayName ?? fileNameOfLink(link.url),
    mimeType: link.mimeType,
    parentFolderId: link.parentFolderId || MEDIA_ROOT_FOLDER_ID,
    filePath: link.filePath,
    labels: link.labels,
    private: link.private ?? false,
  }));
}

export type ImportedFile = { ok: true; file: FileDescriptor } | { ok: false; code: string; reason: string };

/** What Bulk Import File's answer says of each request, in the order of the requests (its `originalIndex`). */
export function importedFilesOf(requests: readonly unknown[], answer: files.BulkImportFileResponse): ImportedFile[] {
  const results = answer.results ?? [];
  const byIndex = new Map(results.map((result, index) => [result.itemMetadata?.originalIndex ?? index, result]));
  return requests.map((_, index): ImportedFile => {
    const result = byIndex.get(index);
    const file = result?.item;
    if (result?.itemMetadata?.success && file?._id) return { ok: true, file: { ...file, _id: file._id } };
    const error = result?.itemMetadata?.error;
    return { ok: false, code: error?.code || 'NOT_IMPORTED', reason: error?.description || 'Wix did not import this link' };
  });
}
