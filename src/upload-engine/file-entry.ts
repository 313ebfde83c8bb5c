import type { UploadSession } from '../shared/upload-methods';
import type { RunningMd5 } from './run/integrity';
import type { SpeedMeter } from './queue/speed-meter';
import type { UploadItem } from './queue/upload-item';
import type { UploadMeta, UploadSource } from './upload-source';

export interface PreparedSession {
  /** Milliseconds: when it was asked for. */
  since: number;
  /** undefined: it could not be made (the run then asks for one itself, and hears why). */
  session: Promise<UploadSession | undefined>;
}

/** One file of the queue, with what its runs share: the server session it continues, if any. */
export interface FileEntry {
  readonly id: string;
  readonly source: UploadSource;
  /** Only the display name changes, while the file is failed or cancelled (see UploadQueue.retry). */
  meta: UploadMeta;
  readonly fingerprint: string;
  item: UploadItem;
  session?: UploadSession;
  /** Milliseconds: when the session was created (or, resumed, when its record was made). */
  sessionSince?: number;
  /** A session UploadQueue.prepare() asked for before the file was added; used instead of a new one unless it failed. */
  prepared?: PreparedSession;
  tusUrl?: string;
  readonly meter: SpeedMeter;
  /** Polls that answered FAILED without saying why (see processingOutcome). */
  reasonlessPolls: number;
  /** Refused without the Media Manager's reason: still asked about, so a late reason is shown. */
  awaitingReason?: boolean;
  /** The file's md5 as it is being computed; kept across runs (the file's bytes do not change with a retry). */
  md5?: Promise<RunningMd5>;
}
