import { Upload, type DetailedError, type HttpStack, type UploadOptions } from 'tus-js-client';
import { alwaysOnline, type Connectivity } from './connectivity';
import type { ByteTransport, RunningTransfer, TransferOutcome, TransferRequest } from './byte-transport';
import { failureFromNetworkError, failureFromResponse } from './server-error';
import { errorMessageOf, UploadFailure } from './upload-error';

/**
 * Each PATCH carries at most this much. Chosen by `npm run bench`'s sweep (1 GiB on loopback,
 * MiB/s: 8 MiB 193, 16 MiB 208, 32 MiB 222, 64 MiB 231, unlimited 243): the fastest size under
 * 50 MiB, because proxies in front of servers commonly refuse larger request bodies, and a
 * smaller chunk also loses less when a connection drops mid-PATCH.
 */
export const DEFAULT_CHUNK_SIZE = 32 * 1024 * 1024;
export const DEFAULT_RETRY_DELAYS: readonly number[] = [0, 1000, 3000, 5000, 10_000, 20_000];

export interface TusTransportOptions {
  chunkSize?: number;
  retryDelays?: readonly number[];
  /** While offline no retry is attempted: the queue pauses the upload and resumes it when back online. */
  connectivity?: Connectivity;
  /** tus-js-client's HTTP layer; tests wrap it to count or break requests. */
  httpStack?: HttpStack;
}

/** The parts of tus-js-client's DetailedError we read; errors before any request lack them. */
type TusError = Error & Partial<Pick<DetailedError, 'originalRequest' | 'originalResponse' | 'causingError'>>;

export function failureFromTusError(error: TusError): UploadFailure {
  if (error.originalResponse) {
    const status = error.originalResponse.getStatus();
    const failure = failureFromResponse(status, error.originalResponse.getBody() ?? '', 'The upload server');
    // A creation refused as a conflict: the token already has its upload (or is spent), whether or
    // not the answer says so with a code. The session cannot be used: ask whether it was finalized.
    if (status === 409 && error.originalRequest?.getMethod() === 'POST' && !failure.options.sessionGone) {
      return new UploadFailure({ ...failure.detail, code: 'UPLOAD_GONE', fatal: false }, { transient: false, sessionGone: true });
    }
    return failure;
  }
  if (error.originalRequest) return failureFromNetworkError(error.causingError ?? error, 'The upload server');
  // Not a request: the file could not be read, or its size changed since it was selected.
  return new UploadFailure({ code: 'UNEXPECTED', message: `The file could not be sent: ${errorMessageOf(error)}`, fatal: true });
}

export function shouldRetryTusError(error: TusError, connectivity: Connectivity): boolean {
  if (!connectivity.isOnline()) return false;
  return failureFromTusError(error).options.transient === true;
}

/** Sends bytes with the official tus-js-client, one request at a time, `chunkSize` bytes per PATCH. */
export function createTusTransport(options: TusTransportOptions = {}): ByteTransport {
  const connectivity = options.connectivity ?? alwaysOnline;
  const common: UploadOptions = {
    chunkSize: options.chunkSize ?? DEFAULT_CHUNK_SIZE,
    retryDelays: [...(options.retryDelays ?? DEFAULT_RETRY_DELAYS)],
  };
  // tus-js-client spreads our options over its defaults: an explicit undefined would erase its HTTP stack.
  if (options.httpStack) common.httpStack = options.httpStack;

  function start(request: TransferRequest): RunningTransfer {
    let settle: (outcome: TransferOutcome) => void = () => undefined;
    const done = new Promise<TransferOutcome>((resolve) => {
      let settled = false;
      settle = (outcome) => {
        if (settled) return;
        settled = true;
        resolve(outcome);
      };
    });
    const upload = new Upload(request.data, {
      ...common,
      // When resuming, no endpoint: if the stored upload is gone, tus-js-client would otherwise create
      // a new one with the old token, which the server refuses; the queue starts a new session instead.
      endpoint: request.resumeUrl ? null : request.session.uploadUrl,
      uploadUrl: request.resumeUrl ?? null,
      uploadSize: request.size,
      metadata: request.metadata,
      parallelUploads: 1,
      // The engine keeps its own resume records (they also hold the session's token).
      storeFingerprintForResuming: false,
      removeFingerprintOnSuccess: false,
      onUploadUrlAvailable: () => {
        if (upload.url) request.onUrl(upload.url);
      },
      onShouldRetry: (error) => {
        const failure = failureFromTusError(error);
        if (failure.detail.code === 'NETWORK') request.onUnanswered?.(failure.detail);
        return shouldRetryTusError(error, connectivity);
      },
      onProgress: (bytesSent) => request.onProgress(bytesSent),
      onChunkComplete: (_chunkSize, bytesAccepted) => request.onAccepted(bytesAccepted),
      onSuccess: () => settle({ status: 'complete' }),
      onError: (error) => {
        const failure = failureFromTusError(error);
        if (failure.detail.code === 'NETWORK') request.onUnanswered?.(failure.detail);
        settle({ status: 'failed', error: failure.detail, sessionGone: failure.options.sessionGone === true });
      },
    });
    upload.start();
    return {
      done,
      async abort() {
        settle({ status: 'aborted' });
        await upload.abort(false);
      },
    };
  }

  return {
    start,
    async terminate(url) {
      const terminateOptions: UploadOptions = { retryDelays: [0, 1000, 3000] };
      if (options.httpStack) terminateOptions.httpStack = options.httpStack;
      await Upload.terminate(url, terminateOptions);
    },
  };
}
