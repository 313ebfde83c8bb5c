import type { UploadSession } from '../shared/upload-methods';
import type { UploadError } from './upload-error';
import type { UploadData } from './upload-source';

/** One attempt at sending a file's bytes to an upload session. */
export interface TransferRequest {
  data: UploadData;
  size: number;
  session: UploadSession;
  metadata: Record<string, string>;
  /** The URL of an upload begun earlier: the transfer continues it instead of creating one. */
  resumeUrl?: string;
  /** The upload's URL, as soon as the server gave it (or confirmed a resumed one). */
  onUrl(url: string): void;
  /** Bytes sent so far, counted from the start of the file; may go back after a retry. */
  onProgress(bytesSent: number): void;
  /** Bytes the server confirmed it holds. */
  onAccepted(bytesAccepted: number): void;
  /** A request got no answer at all (the network, or a browser refusing the server's origin); it may be retried. */
  onUnanswered?(error: UploadError): void;
}

export type TransferOutcome =
  | { status: 'complete' }
  | { status: 'aborted' }
  | {
      status: 'failed';
      error: UploadError;
      /** The server no longer accepts this session (tus upload deleted, token spent or expired). */
      sessionGone: boolean;
    };

export interface RunningTransfer {
  readonly done: Promise<TransferOutcome>;
  /** Stops sending; the upload stays on the server and can be continued. */
  abort(): Promise<void>;
}

/** How bytes reach the server: tus in the app (tus-transport.ts). */
export interface ByteTransport {
  start(request: TransferRequest): RunningTransfer;
  /** Deletes an upload from the server (tus termination), so its bytes are freed. */
  terminate(url: string): Promise<void>;
  /** The bytes the server holds of an upload now (tus HEAD), undefined when it does not say. */
  offsetOf?(url: string): Promise<number | undefined>;
}
