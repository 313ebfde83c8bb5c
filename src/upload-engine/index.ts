/**
 * The upload engine's public API, for the browser and Node alike; Node adds files on disk as
 * sources through `./node` (its own entry). See README, "The upload engine as a library".
 */
export type { UploadBackend } from './upload-backend';
export {
  DEFAULT_MIME_TYPE,
  resolveUploadMeta,
  sourceFromFile,
  sourceFromLink,
  withMeta,
  uploadFingerprint,
  type UploadData,
  type UploadMeta,
  type UploadMetaInput,
  type UploadSource,
} from './upload-source';
export { checkBeforeUpload, sessionRequestFor } from './run/preflight';
export { describeViolations, errorMessageOf, UploadFailure, type UploadError, type UploadErrorCode } from './upload-error';
export {
  UPLOAD_ITEM_STATES,
  type BulkActions,
  type FolderProgress,
  type ItemActions,
  type PauseReason,
  type QueueNotice,
  type UploadItem,
  type UploadItemState,
  type UploadQueueSnapshot,
  type UploadTotals,
} from './queue/upload-item';
export {
  DEFAULT_CONCURRENCY,
  UPLOAD_HOST_UNREACHABLE_NOTICE,
  UploadQueue,
  type QueuedFile,
  type UploadQueueOptions,
} from './queue/upload-queue';
export { actionsFor, buildQueueSnapshot } from './queue/queue-rules';
export { ADD_SLICE_FILES, type QueueAdding } from './queue/sliced-adds';
export { StatusPoller, type StatusPollerOptions } from './processing/status-poller';
export { isSameFile, MemoryResumeStore, resumeRecordFor, type ResumeRecord, type ResumeStore } from './resume/resume-store';
export {
  IndexedDbFileHandleStore,
  MemoryFileHandleStore,
  openBrowserFileHandleStore,
  type FileHandleStore,
} from './resume/file-handles';
export {
  isLastingRefusal,
  reopenFiles,
  sourceFromFileHandle,
  type KeptUpload,
  type Reopened,
  type ReopenRefusal,
} from './resume/reopen-files';
export {
  LocalStorageResumeStore,
  openBrowserResumeStore,
  RESUME_KEY_PREFIX,
  type BrowserResumeStore,
  type KeyValueStorage,
} from './resume/local-storage-resume-store';
export {
  alwaysOnline,
  browserConnectivity,
  defaultConnectivity,
  ManualConnectivity,
  type Connectivity,
  type ConnectivityEventTarget,
} from './connectivity';
export type { ByteTransport, RunningTransfer, TransferOutcome, TransferRequest } from './byte-transport';
export { createTusTransport, DEFAULT_CHUNK_SIZE, DEFAULT_RETRY_DELAYS, type TusTransportOptions } from './tus-transport';
export { secondsLeft, SpeedMeter } from './queue/speed-meter';
export { RunningMd5, type HashProgress } from './run/integrity';
export {
  checkArrival,
  HASH_NOT_MD5_NOTICE,
  isMd5Shaped,
  MemoryHashHistory,
  openBrowserHashHistory,
  StorageHashHistory,
  type Arrival,
  type HashHistory,
  type HashHistoryStore,
} from './run/arrival-check';
export {
  md5OnThisThread,
  type FileToHash,
  type Md5Hasher,
  type Md5Hashing,
  type OpenedMd5,
  type ReadRange,
  type SavedMd5,
} from './md5/md5-hashing';
