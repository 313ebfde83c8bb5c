import type {
  CreateUploadSessionResult,
  DiscardCopyResult,
  DestinationFolderQuery,
  ExpectedFile,
  FindExistingFilesResult,
  FindUploadResult,
  FolderPathResult,
  ImportFromLinksResult,
  LinkImport,
  LostUpload,
  FinalizedUpload,
  RecordUploadResult,
  ServerFinalizeAnswer,
  UploadSession,
  UploadSessionRequest,
  UploadStatusResult,
} from '../shared/upload-methods';

/**
 * What the engine needs from the app's backend. The web methods of src/backend/uploads.web.ts
 * match it, so the page passes them as they are; tests pass an HTTP client of the same methods.
 */
export interface UploadBackend {
  createUploadSession(request: UploadSessionRequest): Promise<CreateUploadSessionResult>;
  recordUpload(upload: FinalizedUpload): Promise<RecordUploadResult>;
  /** At most MAX_STATUS_BATCH ids per call. */
  getUploadStatus(fileIds: string[]): Promise<UploadStatusResult>;
  /**
   * The finalize PUT sent from the server; used when the engine's own PUT gets no answer (the
   * upload host unreachable or refusing the page's origin). Without it, such a finalize is retried.
   */
  finalizeUploadFromServer?(session: UploadSession, fileName: string): Promise<ServerFinalizeAnswer>;
  /**
   * Removes a copy that arrived unlike the chosen file (another size, or another md5 on a site
   * whose hashes are md5s), once the backend saw it differ too. Without it, such a copy is kept,
   * recorded, and the file is not sent again.
   */
  discardArrivedCopy?(fileId: string, expected: ExpectedFile): Promise<DiscardCopyResult>;
  /**
   * Finds a file whose finalize answer was lost when the upload host's later answers do not name
   * it (errors with a status only). Without it, such a file fails saying it may have arrived.
   */
  findUploadedFile?(lost: LostUpload): Promise<FindUploadResult>;
  /**
   * Has the Media Manager import files from links (Wix fetches them). Without it, the queue
   * refuses links, saying this backend cannot import them.
   */
  importFromLinks?(links: LinkImport[]): Promise<ImportFromLinksResult>;
  /**
   * The folder at `filePath` under a folder, made where missing. With it, the engine makes each
   * folder of a file's filePath once per queue (one call per folder, whatever the number of files
   * in it) and sends the file to it by id, so the path may be as deep as folderTreeViolation allows;
   * without it, each file's session carries its filePath and Wix makes the folders (100 characters).
   */
  createFolderPath?(parentFolderId: string | undefined, filePath: string): Promise<FolderPathResult>;
  /**
   * Which files about to be sent are already in their destination folder (same name and size), one
   * listing per folder. The engine does not call it: its callers ask before adding files (the
   * page's staged list, the command line's plan). Without it, nothing is checked.
   */
  findExistingFiles?(destinations: DestinationFolderQuery[]): Promise<FindExistingFilesResult>;
}
