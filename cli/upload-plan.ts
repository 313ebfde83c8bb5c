import {
  resolveUploadMeta,
  sourceFromLink,
  sourceFromPath,
  uploadFingerprint,
  type ResumeRecord,
  type ResumeStore,
  type UploadMeta,
  type UploadMetaInput,
  type UploadSource,
} from '../src/upload-engine/node/index.js';
import mime from 'mime-types';
import type { FinishedUpload, FinishedUploads } from './finished-uploads.js';
import type { InputFile } from './input-files.js';

/** One file of the run and how it goes: sent anew, continued from an earlier run, or already finished by one. */
export interface PlannedFile {
  /** A linked file's input is its link (`path` and `shown`). */
  input: InputFile;
  source: UploadSource;
  meta: UploadMeta;
  fingerprint: string;
  /** An upload an earlier run began: it continues from the bytes the server holds. */
  resume?: ResumeRecord;
  /** An earlier run finalized it: it is not sent again while the Media Manager has it. */
  finished?: FinishedUpload;
}

/**
 * Sources with their metadata, as the page resolves them (a folder's tree under the destination
 * folder), keyed by the page's upload fingerprint; the MIME type from the extension, as a browser
 * gives a File's type.
 */
export function planUploads(
  files: readonly InputFile[],
  settings: UploadMetaInput,
  resumeStore: ResumeStore,
  finished: FinishedUploads,
): PlannedFile[] {
  return files.map((input) => {
    const source = sourceFromPath(input.path, mime.lookup(input.path) || '', { relativePath: input.relativePath });
    const meta = resolveUploadMeta(source, settings);
    const fingerprint = uploadFingerprint(source, meta);
    const planned: PlannedFile = { input, source, meta, fingerprint };
    const done = finished.get(fingerprint);
    const resume = resumeStore.get(fingerprint);
    if (done) planned.finished = done;
    // Finalized by an earlier run that stopped before saying so: only asked about, as a finished one.
    else if (resume?.fileId) planned.finished = { fingerprint, fileId: resume.fileId, finishedAt: resume.createdAt };
    else if (resume) planned.resume = resume;
    return planned;
  });
}

/**
 * Files the Media Manager imports from links (`--from-url`), with the same settings; one an earlier
 * run had imported is only asked about, as a finished upload is.
 */
export function planLinks(links: readonly string[], settings: UploadMetaInput, finished: FinishedUploads): PlannedFile[] {
  return links.map((link) => {
    const source = sourceFromLink(link);
    const meta = resolveUploadMeta(source, settings);
    const fingerprint = uploadFingerprint(source, meta);
    const planned: PlannedFile = { input: { path: link, shown: link }, source, meta, fingerprint };
    const done = finished.get(fingerprint);
    if (done) planned.finished = done;
    return planned;
  });
}
