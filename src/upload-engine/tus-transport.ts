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

const KIB = 1024;
const MIB = 1024 * KIB;

/**
 * The largest request (PATCH) the engine sends unless told otherwise: none, each request carries
 * the rest of the file, as Wix's own example does (tus-js-client's default chunk size is
 * unbounded). Every request more costs a round trip with the link idle. What a smaller size would
 * guard against is learned instead (RequestSizes): a proxy that refuses large bodies answers 413,
 * and an upload host that keeps nothing of a cut request shows it in the offset it then gives.
 */
export const DEFAULT_CHUNK_SIZE = Number.POSITIVE_INFINITY;
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

/** A request's body refused as too large: a 413 to a PATCH (to the creation, it is the file that is too large). */
function refusedAsTooLarge(error: TusError): boolean {
  return error.originalResponse?.getStatus() === 413 && error.originalRequest?.getMethod() === 'PATCH';
}

export function shouldRetryTusError(error: TusError, connectivity: Connectivity): boolean {
  if (!connectivity.isOnline()) return false;
  return failureFromTusError(error).options.transient === true;
}

/**
 * The size requests are held to once one did not get through (a 413 to a PATCH, or a request that
 * failed before the host took any of it): a proxy on the way may refuse large bodies. Cloudflare
 * refuses bodies over 100 MB on its Free and Pro plans ("Maximum body size: Free 100 MB, Pro 100
 * MB, Business 200 MB, Enterprise 500 MB", developers.cloudflare.com, Workers › Platform › Limits),
 * the lowest such limit in common use for large uploads: 95 MiB is 99.6 MB. In a browser its 413
 * comes without CORS headers, so the page sees no answer at all: a request that failed with the
 * offset where it began is read the same way. Each such failure after that quarters the size
 * (nginx's default client_max_body_size of 1 MB is passed on the fourth), down to the smallest
 * request worth sending.
 */
const AFTER_REFUSED_BYTES = 95 * MIB;
const SMALLEST_REQUEST_BYTES = 64 * KIB;
/**
 * A request that had sent this much when it failed, after which the host's offset had not moved:
 * the host keeps nothing of a cut request (less may still have been in the link's buffers).
 */
const LOST_CUT_EVIDENCE_BYTES = 16 * MIB;
/** Where cut requests are lost, requests start at 8 MiB after each cut and double up to 64 MiB: a cut loses at most that. */
const AFTER_LOST_CUT_BYTES = 8 * MIB;
const LARGEST_WHERE_CUTS_ARE_LOST = 64 * MIB;

/** What the requests of one link taught, shared by every upload of a transport. */
export interface LinkLessons {
  /** What requests are held to since a larger one did not get through. */
  bodyLimit?: number;
  /** The upload host kept nothing of a request that was cut (tus asks hosts to keep what arrived). */
  cutRequestsLost?: boolean;
}

/**
 * How much each request of one upload carries. While nothing is known, the rest of the file: the
 * fewest requests, so the fewest round trips with the link idle between them; tus servers keep the
 * bytes of a request that was cut short (the protocol asks them to; @tus/server and tusd do), so
 * a cut costs only what the link held. What a failed request shows is learned for the link's
 * uploads: a request refused (413), or failed with the host's offset where it began after sending
 * little (if larger than 95 MiB, or twice in a row at one size), did not get through: 95 MiB from
 * then on, then a quarter with each such failure. One that had sent 16 MiB when it failed, the
 * offset still where it began, was dropped by the host: 8 MiB after each cut, doubling with each
 * answer, at most 64 MiB.
 */
export class RequestSizes {
  private current: number;
  private request?: { start: number; bytes: number };
  private sentTo = 0;
  private lastFailed = false;
  /** Requests of the current size that failed in a row with the host's offset where they began. */
  private failedUntaken = 0;

  constructor(
    private readonly largest: number = DEFAULT_CHUNK_SIZE,
    private readonly lessons: LinkLessons = {},
  ) {
    this.current = this.ceiling();
  }

  /**
   * The most the request from `start` (the host's offset) to at most `end` (the file's end)
   * carries, in bytes.
   */
  sizeFrom(start: number, end: number): number {
    const last = this.request;
    if (this.lastFailed && this.lessons.cutRequestsLost) this.current = AFTER_LOST_CUT_BYTES;
    else if (this.lastFailed && last && start <= last.start) this.learnFrom(last);
    else if (this.lastFailed) this.failedUntaken = 0;
    this.lastFailed = false;
    this.current = Math.min(this.current, this.ceiling());
    this.request = { start, bytes: Math.min(this.current, end - start) };
    this.sentTo = start;
    return this.current;
  }

  /** How far the file has been handed to the link (tus-js-client's progress), in bytes. */
  sent(offset: number): void {
    this.sentTo = Math.max(this.sentTo, offset);
  }

  /** The last request was answered: the link holds. */
  answered(): void {
    this.failedUntaken = 0;
    this.current = Math.min(this.ceiling(), this.current * 2);
  }

  /** A request failed and is to be tried again; what it shows is read from the offset the next one starts at. */
  failed(): void {
    this.lastFailed = true;
  }

  /**
   * The last request was refused as too large (413). Returns whether a smaller one may be tried:
   * not once requests are as small as they are worth.
   */
  refusedAsTooLarge(): boolean {
    const refused = this.request?.bytes ?? this.current;
    if (refused <= SMALLEST_REQUEST_BYTES) return false;
    this.holdBelow(refused);
    this.lastFailed = false;
    return true;
  }

  private learnFrom(failed: { start: number; bytes: number }): void {
    if (this.sentTo - failed.start >= LOST_CUT_EVIDENCE_BYTES) {
      this.lessons.cutRequestsLost = true;
      this.current = AFTER_LOST_CUT_BYTES;
      return;
    }
    // A request of a size proxies refuse, or the second of a size in a row, did not get through;
    // a smaller one may have met the network failing once.
    if (failed.bytes > AFTER_REFUSED_BYTES || this.failedUntaken++ > 0) this.holdBelow(failed.bytes);
  }

  private holdBelow(refused: number): void {
    if (refused <= SMALLEST_REQUEST_BYTES) return;
    this.failedUntaken = 0;
    const smaller = refused > AFTER_REFUSED_BYTES ? AFTER_REFUSED_BYTES : Math.max(SMALLEST_REQUEST_BYTES, Math.floor(refused / 4));
    this.lessons.bodyLimit = Math.min(this.lessons.bodyLimit ?? smaller, smaller);
    this.current = this.ceiling();
  }

  private ceiling(): number {
    const lostCuts = this.lessons.cutRequestsLost ? LARGEST_WHERE_CUTS_ARE_LOST : Number.POSITIVE_INFINITY;
    return Math.min(this.largest, this.lessons.bodyLimit ?? Number.POSITIVE_INFINITY, lostCuts);
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
        slice: (start, end) => source.slice(start, Math.min(end, start + sizes.sizeFrom(start, end))),
        close: () => source.close(),
      };
    },
  };
}

/** Sends bytes with the official tus-js-client, one request at a time, each as large as RequestSizes allows. */
export function createTusTransport(options: TusTransportOptions = {}): ByteTransport {
  const connectivity = options.connectivity ?? alwaysOnline;
  const largest = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const lessons: LinkLessons = {};
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
    const sizes = new RequestSizes(largest, lessons);
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
        if (refusedAsTooLarge(error)) return sizes.refusedAsTooLarge() && connectivity.isOnline();
        const failure = failureFromTusError(error);
        if (failure.detail.code === 'NETWORK') request.onUnanswered?.(failure.detail);
        sizes.failed();
        return shouldRetryTusError(error, connectivity);
      },
      onProgress: (bytesSent) => {
        sizes.sent(bytesSent);
        request.onProgress(bytesSent);
      },
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
