import { importLinkViolation, LINK_IMPORT_LIMITS } from '../../policies/upload-request-policy';
import type { LinkImport, UploadStatusReport } from '../../shared/upload-methods';
import type { UploadBackend } from '../upload-backend';
import { failureFromRefusal, type UploadError } from '../upload-error';
import type { UploadMeta, UploadSource } from '../upload-source';
import { checkBeforeUpload, type PreflightContext } from './preflight';

/**
 * A file's way when the Media Manager imports it from a link (Wix's Import File): no bytes are
 * sent from here. The links are checked by the upload request policy, sent to the backend in
 * batches of at most LINK_IMPORT_LIMITS.linksPerImport, and each answer is the file Wix made
 * (then followed like an uploaded file being processed) or why it was not made.
 */

export type LinkImportOutcome = { ok: true; report: UploadStatusReport } | { ok: false; error: UploadError };

/** What the backend is asked to import for a file of a link. */
export function linkImportFor(source: UploadSource, meta: UploadMeta): LinkImport {
  const request: LinkImport = { url: source.link ?? '', displayName: meta.displayName };
  if (meta.mimeType !== 'application/octet-stream') request.mimeType = meta.mimeType;
  if (meta.parentFolderId !== undefined) request.parentFolderId = meta.parentFolderId;
  if (meta.filePath !== undefined) request.filePath = meta.filePath;
  if (meta.labels !== undefined) request.labels = meta.labels;
  if (meta.private !== undefined) request.private = meta.private;
  return request;
}

/** Why a link must not be imported, found before the backend is asked; undefined when it may be. */
export function checkBeforeImport(
  source: UploadSource,
  meta: UploadMeta,
  fingerprint: string,
  context: Pick<PreflightContext, 'isQueued'>,
): UploadError | undefined {
  const linkProblem = importLinkViolation(source.link);
  if (linkProblem)
    return { code: 'INVALID_REQUEST', message: `The link ${linkProblem.description}.`, fatal: true, violations: [linkProblem] };
  const problem = checkBeforeUpload(source, meta, fingerprint, { maxFileSizeBytes: Number.POSITIVE_INFINITY, ...context });
  if (problem?.code === 'DUPLICATE') return { ...problem, message: 'This link is already in the list, going to the same folder.' };
  return problem;
}

const NO_IMPORTS: UploadError = {
  code: 'REJECTED',
  message: 'Files cannot be imported from links here; download the file and upload it instead.',
  fatal: true,
};

/** Asks the backend to import the links; an answer for each, in order. A call that throws (the network) fails its batch, to retry. */
export async function importThroughBackend(backend: UploadBackend, links: LinkImport[]): Promise<LinkImportOutcome[]> {
  const importFromLinks = backend.importFromLinks?.bind(backend);
  if (!importFromLinks) return links.map(() => ({ ok: false, error: NO_IMPORTS }));
  const outcomes: LinkImportOutcome[] = [];
  for (let start = 0; start < links.length; start += LINK_IMPORT_LIMITS.linksPerImport) {
    const batch = links.slice(start, start + LINK_IMPORT_LIMITS.linksPerImport);
    outcomes.push(...(await importBatch(importFromLinks, batch)));
  }
  return outcomes;
}

async function importBatch(
  importFromLinks: NonNullable<UploadBackend['importFromLinks']>,
  batch: LinkImport[],
): Promise<LinkImportOutcome[]> {
  try {
    const result = await importFromLinks(batch);
    if (!result.ok) {
      const error = failureFromRefusal(result).detail;
      return batch.map(() => ({ ok: false, error }));
    }
    return batch.map((_, index): LinkImportOutcome => {
      const answer = result.imports[index];
      if (answer?.ok) return { ok: true, report: answer.report };
      return {
        ok: false,
        error: { code: 'REJECTED', message: answer?.reason ?? 'Wix did not import this link.', fatal: true, serverCode: answer?.code },
      };
    });
  } catch (error) {
    const message = `The import could not be asked for: ${error instanceof Error ? error.message : String(error)}. Try again.`;
    return batch.map(() => ({ ok: false, error: { code: 'NETWORK', message, fatal: false } }));
  }
}
