import type { Upload } from 'tus-js-client';
import { fileNameOfLink, splitFilePath } from '../policies/upload-request-policy';
import type { ReadRange } from './md5/md5-hashing';

/** What tus-js-client reads: a File or Blob in the browser, an fs.ReadStream in Node (see node-source.ts). */
export type UploadData = ConstructorParameters<typeof Upload>[0];

/** One file to upload, from wherever it came. */
export interface UploadSource {
  name: string;
  size: number;
  /** The MIME type the platform reports; may be empty. */
  type: string;
  lastModified: number;
  /** The file's path inside a dropped or picked folder, e.g. "trip/day1/a.jpg". */
  relativePath?: string;
  data: UploadData;
  /** Reads bytes of the file again, to verify what arrived (its md5); without it, uploads are not verified. */
  read?: ReadRange;
  /** What a worker can read the file from itself, to hash it off the thread that sends: the File in a browser, the path in Node. */
  workerReadable?: Blob | string;
  /** A file the Media Manager imports from this link (Wix fetches it): no bytes of it are sent, and its size is not known here. */
  link?: string;
  /**
   * The file's handle, where the browser gives one (resume/file-handles.ts): kept with its resume
   * record, so the upload continues after a restart without the file being chosen again.
   */
  fileHandle?: FileSystemFileHandle;
}

/** What the page chooses for a file; everything is optional. */
export interface UploadMetaInput {
  displayName?: string;
  parentFolderId?: string;
  /** Folders to create under the parent, e.g. "/videos/2024"; a dropped folder's subfolders are appended. */
  filePath?: string;
  labels?: string[];
  private?: boolean;
  mimeType?: string;
}

/** The metadata a file is uploaded with, defaults applied. */
export interface UploadMeta {
  displayName: string;
  mimeType: string;
  parentFolderId?: string;
  filePath?: string;
  labels?: string[];
  private?: boolean;
}

export const DEFAULT_MIME_TYPE = 'application/octet-stream';

/** A browser File as an UploadSource; webkitRelativePath is set when a folder was picked. */
export function sourceFromFile(file: File, relativePath?: string): UploadSource {
  const path = relativePath ?? (file.webkitRelativePath || undefined);
  return {
    name: file.name,
    size: file.size,
    type: file.type,
    lastModified: file.lastModified,
    relativePath: path,
    data: file,
    read: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
    workerReadable: file,
  };
}

/** A file behind a link, for the Media Manager to import: named by the link's path unless a name is given. */
export function sourceFromLink(url: string, name?: string): UploadSource {
  return { name: name ?? fileNameOfLink(url), size: 0, type: '', lastModified: 0, data: new Blob([]), link: url };
}

/** "text/plain; charset=utf-8" → "text/plain": parameters would break the type/subtype check. */
function bareMimeType(type: string | undefined): string | undefined {
  const bare = type?.split(';')[0]?.trim();
  return bare ? bare : undefined;
}

function foldersOf(relativePath: string | undefined): string[] {
  return splitFilePath(relativePath).slice(0, -1);
}

function joinFilePath(...parts: string[][]): string | undefined {
  const segments = parts.flat();
  return segments.length > 0 ? `/${segments.join('/')}` : undefined;
}

export function resolveUploadMeta(source: Pick<UploadSource, 'name' | 'type' | 'relativePath'>, input: UploadMetaInput = {}): UploadMeta {
  const meta: UploadMeta = {
    displayName: input.displayName ?? source.name,
    mimeType: bareMimeType(input.mimeType) ?? bareMimeType(source.type) ?? DEFAULT_MIME_TYPE,
  };
  const filePath = joinFilePath(splitFilePath(input.filePath), foldersOf(source.relativePath));
  if (input.parentFolderId !== undefined) meta.parentFolderId = input.parentFolderId;
  if (filePath !== undefined) meta.filePath = filePath;
  if (input.labels !== undefined) meta.labels = [...input.labels];
  if (input.private !== undefined) meta.private = input.private;
  return meta;
}

/** Files with their metadata resolved once: the same input for all, or one per file. */
export function withMeta(
  sources: Iterable<UploadSource>,
  input: UploadMetaInput | ((source: UploadSource) => UploadMetaInput) = {},
): Array<{ source: UploadSource; meta: UploadMeta }> {
  return [...sources].map((source) => ({ source, meta: resolveUploadMeta(source, typeof input === 'function' ? input(source) : input) }));
}

/**
 * Identifies "the same file to the same place": it keys duplicate detection and the resume store.
 * Files carry no stable identity in the browser, so name, size, modification time and folder stand in.
 */
export function uploadFingerprint(
  source: Pick<UploadSource, 'name' | 'size' | 'lastModified' | 'relativePath' | 'link'>,
  meta: Pick<UploadMeta, 'parentFolderId' | 'filePath'>,
): string {
  return JSON.stringify([
    source.name,
    source.size,
    source.lastModified,
    source.relativePath ?? '',
    meta.parentFolderId ?? '',
    meta.filePath ?? '',
    ...(source.link === undefined ? [] : [source.link]),
  ]);
}
