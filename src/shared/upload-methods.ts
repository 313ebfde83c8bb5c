import type { UploadRequest } from '../policies/upload-request-policy';
import type { BrokenRule, Refusal } from './refusals';

export type { Refusal };

/**
 * What the upload web methods (src/backend/uploads.web.ts) take and answer, shared by the page, the
 * engine's backend seam and the command line. A refusal is a value (shared/refusals.ts): the Wix
 * runtime replaces the message of a thrown error with a generic one in production.
 */

/** What the page asks for: the Generate File Resumable Upload URL parameters, without the protocol. */
export type UploadSessionRequest = Omit<UploadRequest, 'uploadProtocol'>;

/** Where a file is in the Media Manager's processing, as the app's upload log records it. */
export type UploadStatus = 'PENDING' | 'READY' | 'FAILED';

export interface UploadSession {
  uploadUrl: string;
  uploadToken: string;
}

/** A refusal of the input names the fields at fault (INVALID_REQUEST, `violations`). */
export type CreateUploadSessionResult = { ok: true; session: UploadSession } | Refusal;

export interface FinalizedUpload {
  fileId: string;
  displayName: string;
  sizeInBytes: string;
  mimeType: string;
  parentFolderId?: string;
  private?: boolean;
  labels?: string[];
}

export interface UploadStatusReport {
  fileId: string;
  status: UploadStatus;
  displayName?: string;
  url?: string;
  thumbnailUrl?: string;
  mediaType?: string;
  sizeInBytes?: string;
  private?: boolean;
  parentFolderId?: string;
  /** The folder's place in the Media Manager, "clients / 2026" ("" at the top level); in recent uploads only. */
  folderPath?: string;
  labels?: string[];
  failureCode?: string;
  failureDescription?: string;
  /** A visitor's file the server refused or that failed: the rule behind `failureDescription`, to word it in the visitor's language. */
  broken?: BrokenRule;
  /** ISO 8601: when the upload was first logged, and when its entry last changed. */
  createdDate?: string;
  updatedDate?: string;
}

/** How long a link to a private file the page hands out stays valid. */
export const DOWNLOAD_LINK_MINUTES = 60;

/** A temporary link to read a file (the only way to read a private one), or why there is none. */
export type FileDownloadLink = { ok: true; url: string; expiresAt: string } | Refusal;

export type RecordUploadResult = { ok: true; report: UploadStatusReport } | Refusal;

/** Reports of the files the log or the Media Manager knows; the ids neither knows are named apart. */
export type UploadStatusResult = { ok: true; reports: UploadStatusReport[]; unknownFileIds: string[] } | Refusal;

/** Whether the app can work on this site (its collections are there); why not, in one sentence to show. */
export type AppSetupResult = { ok: true } | { ok: false; reason: string; missingCollections: string[] };

export type ListFoldersResult = { ok: true; folders: FolderSummary[] } | Refusal;

/** The folder at a path under a folder, made where missing (createFolderPath): its id, or why not. */
export type FolderPathResult = { ok: true; folderId: string } | Refusal;

/** A Media Manager id (a file's or a folder's) as the app accepts it from a caller. */
export const MAX_MEDIA_ID_LENGTH = 200;

export interface FolderSummary {
  id: string;
  displayName: string;
  parentFolderId: string;
}

export const MAX_STATUS_BATCH = 100;
export const MAX_RECENT_UPLOADS = 100;

/** What the chosen file is, for the backend to tell a bad copy of it that arrived. */
export interface ExpectedFile {
  sizeInBytes: string;
  /** The md5 of the chosen file's bytes, hex, when it could be computed. */
  md5?: string;
}

/**
 * A file whose finalize answer was lost and that Wix's later answers do not name (an upload host
 * that answers errors with a status only): what is known of it, to find it in the Media Manager.
 */
export interface LostUpload {
  displayName: string;
  sizeInBytes: string;
  /** ISO 8601: the file cannot be older (its upload session was created after this). */
  since: string;
  private?: boolean;
}

/** The file found (when exactly one fits), and how many fit. */
export type FindUploadResult = { ok: true; fileId?: string; candidates: number } | Refusal;

/** A bad copy removed (or already gone), or why it was kept. */
export type DiscardCopyResult = { ok: true } | Refusal;

/**
 * The finalize PUT sent from the server, for a browser that cannot reach the upload host itself:
 * Wix's HTTP answer as it came, or why the request was not sent.
 */
export type ServerFinalizeAnswer = { ok: true; status: number; body: string } | Refusal;

/**
 * A file the Media Manager imports from a link (Wix's Import File): the link, and where and how the
 * file goes, as for an upload. `displayName` defaults to the last part of the link's path.
 */
export interface LinkImport {
  url: string;
  displayName?: string;
  /** Tells Wix the type when neither the name nor the link's server does. */
  mimeType?: string;
  parentFolderId?: string;
  filePath?: string;
  labels?: string[];
  private?: boolean;
}

/** One link's answer: the file Wix made (PENDING while Wix fetches and processes it), or why not. */
export type LinkImportAnswer = { ok: true; report: UploadStatusReport } | { ok: false; code: string; reason: string };

/** Every link's answer in the order given; a refusal of the whole request names the links at fault and imports none. */
export type ImportFromLinksResult = { ok: true; imports: LinkImportAnswer[] } | Refusal;

/**
 * How much one findExistingFiles call takes: destination folders, files asked about in all, and
 * the files of one folder read at most (100 pages of List Files, whose page holds at most 100).
 * A folder with more files is answered `listedAll: false`, its matches among the files read.
 */
export const EXISTING_FILES_LIMITS = { foldersPerCall: 100, filesPerCall: 2000, filesListedPerFolder: 10_000 } as const;

/** A file about to be sent, as the Media Manager would tell it from one already there: its name and size. */
export interface NameAndSize {
  displayName: string;
  /** Bytes, as digits (Wix's sizeInBytes is a string). */
  sizeInBytes: string;
}

/** One destination folder, as an upload names it (the parent, the subfolders under it), and the files about to go there. */
export interface DestinationFolderQuery {
  parentFolderId?: string;
  filePath?: string;
  files: NameAndSize[];
}

/** A file already in the destination folder with the same name and size (the newest such file when several). */
export interface ExistingFile extends NameAndSize {
  fileId: string;
  /** ISO 8601, when the Media Manager made it. */
  createdDate?: string;
}

/**
 * What one destination folder holds of the files asked about: `exists` false when the folder is not
 * there yet (then nothing is a duplicate, and checking created nothing); `listedAll` false when the
 * folder has more files than are read (EXISTING_FILES_LIMITS.filesListedPerFolder).
 */
export interface DestinationFolderAnswer {
  exists: boolean;
  listedAll: boolean;
  existing: ExistingFile[];
}

/** Every folder's answer, in the order asked. */
export type FindExistingFilesResult = { ok: true; folders: DestinationFolderAnswer[] } | Refusal;
