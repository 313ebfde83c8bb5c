import type { UploadSessionRequest } from '../../shared/upload-methods';
import { findUploadRequestViolations, folderTreeViolation } from '../../policies/upload-request-policy';
import type { FieldViolation } from '../../shared/refusals';
import { describeViolations, type UploadError } from '../upload-error';
import { formatBytes } from '../../shared/format';
import type { UploadMeta, UploadSource } from '../upload-source';

/** The createUploadSession request for a file. */
export function sessionRequestFor(source: Pick<UploadSource, 'size'>, meta: UploadMeta): UploadSessionRequest {
  const request: UploadSessionRequest = {
    mimeType: meta.mimeType,
    fileName: meta.displayName,
    sizeInBytes: String(source.size),
  };
  if (meta.parentFolderId !== undefined) request.parentFolderId = meta.parentFolderId;
  if (meta.filePath !== undefined) request.filePath = meta.filePath;
  if (meta.labels !== undefined) request.labels = meta.labels;
  if (meta.private !== undefined) request.private = meta.private;
  return request;
}

/**
 * The verdict on each of the last folder trees asked about: the files of a dropped folder share a
 * few folder paths, and checking every level of each file's path again took a tenth of a second of
 * the page's main thread for 10,000 files in one add(). A verdict depends on the path alone.
 */
const treeVerdicts = new Map<string, FieldViolation | undefined>();
const TREE_VERDICTS_KEPT = 256;

function treeViolationOf(filePath: string): FieldViolation | undefined {
  if (treeVerdicts.has(filePath)) return treeVerdicts.get(filePath);
  const verdict = folderTreeViolation(filePath, 'filePath');
  if (treeVerdicts.size >= TREE_VERDICTS_KEPT) treeVerdicts.delete(treeVerdicts.keys().next().value!);
  treeVerdicts.set(filePath, verdict);
  return verdict;
}

export interface PreflightContext {
  maxFileSizeBytes: number;
  /** Whether another item of the queue already uploads this fingerprint. */
  isQueued(fingerprint: string): boolean;
  /**
   * The backend makes a file's folders one by one before its session (UploadBackend.createFolderPath):
   * its filePath is bound by folderTreeViolation, not by the session's 100 characters.
   */
  makesFolders?: boolean;
}

/** Why a file must not be sent, found before any byte is; undefined when it may be. */
export function checkBeforeUpload(
  source: Pick<UploadSource, 'size'>,
  meta: UploadMeta,
  fingerprint: string,
  context: PreflightContext,
): UploadError | undefined {
  if (source.size > context.maxFileSizeBytes) {
    return {
      code: 'FILE_TOO_LARGE',
      message: `The file is ${formatBytes(source.size)}; files up to ${formatBytes(context.maxFileSizeBytes)} can be uploaded.`,
      fatal: true,
      limitBytes: context.maxFileSizeBytes,
    };
  }
  const request = sessionRequestFor(source, meta);
  const tree = context.makesFolders && request.filePath !== undefined ? treeViolationOf(request.filePath) : undefined;
  if (context.makesFolders) delete request.filePath;
  const violations = [...findUploadRequestViolations(request), ...(tree ? [tree] : [])];
  if (violations.length > 0) {
    return { code: 'INVALID_REQUEST', message: describeViolations(violations), fatal: true, violations };
  }
  if (context.isQueued(fingerprint)) {
    return { code: 'DUPLICATE', message: 'This file is already in the list, going to the same folder.', fatal: true };
  }
  return undefined;
}
