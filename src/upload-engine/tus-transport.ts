import {
  DefaultHttpStack,
  defaultOptions,
  Upload,
  type DetailedError,
  type FileReader,
  type HttpStack,
  type UploadOptions,
} from 'tus-js-client';
import { alwaysOnline, type Connectivity } from './connectivity';
import type { ByteTransport, RunningTransfer, TransferOutcome, TransferRequest } from './byte-transport';
import { failureFromNetworkError, failureFromResponse } from './server-error';
import { errorMessageOf, UploadFailure } from './upload-error';

const MIB = 1024 * 1024;

/**
 * The largest request (PATCH) the engine sends, the `chunkSize` option's default. Wix documents no
 * limit for its upload host, and its own example sends each file in one request (tus-js-client's
 * default chunk size is unbounded), but a proxy on the way may refuse large bodies: Cloudflare
 * refuses request bodies over 100 MB on its Free and Pro plans ("Cloudflare Plan | Maximum body
 * size: Free 100 MB, Pro 100 MB, Business 200 MB, Enterprise 500 MB", developers.cloudflare.com,
 * Workers › Platform › Limits), the lowest such limit in common use. 95 MiB is 99.6 MB.
 */
export const DEFAULT_CHUNK_SIZE = 95 * MIB;
export const DEFAULT_RETRY_DELAYS: readonly number[] = [0, 1000, 3000, 5000, 10_000, 20_000];

export interface TusTransportOptions {
  /** The largest request, in bytes (DEFAULT_CHUNK_SIZE by default); see RequestSizes. */
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

/**
 * How much each request carries. tus servers keep the bytes of a request that was cut short (the
 * protocol asks them to; @tus/server and tusd do), so while the link holds every request carries
 * the largest size: the fewest requests, so the fewest round trips with the link idle between them.
 * After a request failed, the next one carries an eighth of that, and each answered one twice the
 * last, back to the largest: on a server or proxy that drops what a cut request carried, a link that
 * keeps failing then loses little each time.
 */
export class RequestSizes {
  private current: number;

  constructor(private readonly largest: number) {
    this.current = largest;
  }

  /** The most the next request carries, in bytes. */
  get next(): number {
    return this.current;
  }

  /** The last request was answered: the link holds. */
  answered(): void {
    this.current = Math.min(this.largest, this.current * 2);
  }

  /** A request failed and is to be tried again. */
  failed(): void {
    this.current = Math.max(1, Math.floor(this.largest / 8));
  }
}

/** tus-js-client's own file reader, with each slice (one request's body) cut to what `sizes` allows. */
function readerCutTo(sizes: RequestSizes): FileReader {
  const reader = defaultOptions.fileReader;
  return {
    async openFile(input, chunkSize) {
      const source = await reader.openFile(input, chunkSize);
      return {
        size: source.size,
        slice: (start, end) => source.slice(start, Math.min(end, start + sizes.next)),
        close: () => source.close(),
      };
    },
  };
}

/** Sends bytes with the official tus-js-client, one request at a time, each as large as RequestSizes allows. */
export function createTusTransport(options: TusTransportOptions = {}): ByteTransport {
  const connectivity = options.connectivity ?? alwaysOnline;
  const largest = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const common: UploadOptions = {
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
    const sizes = new RequestSizes(largest);
    const upload = new Upload(request.data, {
      ...common,
      fileReader: readerCutTo(sizes),
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
        sizes.failed();
        return shouldRetryTusError(error, connectivity);
      },
      onProgress: (bytesSent) => request.onProgress(bytesSent),
      onChunkComplete: (_chunkSize, bytesAccepted) => {
        sizes.answered();
        request.onAccepted(bytesAccepted);
      },
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
    async offsetOf(url) {
      // The request tus-js-client sends itself before it continues an upload (tus 1.0.0's HEAD).
      const request = (options.httpStack ?? new DefaultHttpStack({})).createRequest('HEAD', url);
      request.setHeader('Tus-Resumable', '1.0.0');
      const response = await request.send(null);
      const offset = Number(response.getHeader('Upload-Offset'));
      return response.getStatus() === 200 && Number.isSafeInteger(offset) && offset >= 0 ? offset : undefined;
    },
  };
}
