import type { ByteTransport, RunningTransfer, TransferOutcome, TransferRequest } from '../../../src/upload-engine/byte-transport.js';
import type { FetchLike } from '../../../src/upload-engine/run/finalize.js';
import type { UploadBackend } from '../../../src/upload-engine/upload-backend.js';
import type { UploadError } from '../../../src/upload-engine/upload-error.js';
import type { UploadSource } from '../../../src/upload-engine/upload-source.js';
import type {
  CreateUploadSessionResult,
  DiscardCopyResult,
  ExpectedFile,
  FindUploadResult,
  LostUpload,
  RecordUploadResult,
  UploadSessionRequest,
  UploadStatusReport,
  UploadStatusResult,
} from '../../../src/shared/upload-methods.js';

export const UPLOAD_URL = 'https://upload.test/upload/tus';

/** A transfer driven by the test: it reports what the test tells it to. */
export class ScriptedTransfer implements RunningTransfer {
  aborted = false;
  readonly done: Promise<TransferOutcome>;
  private settle!: (outcome: TransferOutcome) => void;

  constructor(readonly request: TransferRequest) {
    this.done = new Promise((resolve) => (this.settle = resolve));
  }

  async abort(): Promise<void> {
    this.aborted = true;
    this.settle({ status: 'aborted' });
  }

  url(url = `${UPLOAD_URL}/${this.request.session.uploadToken}-tus`): this {
    this.request.onUrl(url);
    return this;
  }

  progress(bytesSent: number): this {
    this.request.onProgress(bytesSent);
    return this;
  }

  accept(bytes: number): this {
    this.request.onAccepted(bytes);
    return this;
  }

  complete(): void {
    this.request.onProgress(this.request.size);
    this.request.onAccepted(this.request.size);
    this.settle({ status: 'complete' });
  }

  fail(error: Partial<UploadError> & Pick<UploadError, 'fatal'>, sessionGone = false): void {
    this.settle({ status: 'failed', error: { code: 'NETWORK', message: 'broken', ...error }, sessionGone });
  }
}

export class ScriptedTransport implements ByteTransport {
  readonly transfers: ScriptedTransfer[] = [];
  readonly terminated: string[] = [];

  start(request: TransferRequest): ScriptedTransfer {
    const transfer = new ScriptedTransfer(request);
    this.transfers.push(transfer);
    return transfer;
  }

  async terminate(url: string): Promise<void> {
    this.terminated.push(url);
  }

  /** The latest transfer of a file, by name. */
  of(name: string): ScriptedTransfer {
    const transfer = this.transfers.filter((t) => t.request.metadata.filename === name).at(-1);
    if (!transfer) throw new Error(`no transfer for ${name}`);
    return transfer;
  }
}

/** A backend that issues tokens token-1, token-2...; statuses are set by the test. */
export class FakeBackend implements UploadBackend {
  readonly sessionRequests: UploadSessionRequest[] = [];
  readonly recorded: string[] = [];
  readonly statusCalls: string[][] = [];
  readonly statuses = new Map<string, UploadStatusReport['status']>();
  /** Files reported FAILED without the reason (the File Failed event has not reached the log yet). */
  readonly reasonless = new Set<string>();
  refuse: ((request: UploadSessionRequest) => CreateUploadSessionResult | undefined) | undefined;
  failCreate = 0;

  async createUploadSession(request: UploadSessionRequest): Promise<CreateUploadSessionResult> {
    this.sessionRequests.push(request);
    if (this.failCreate > 0) {
      this.failCreate--;
      throw new Error('backend unreachable');
    }
    const refusal = this.refuse?.(request);
    if (refusal) return refusal;
    return { ok: true, session: { uploadUrl: UPLOAD_URL, uploadToken: `token-${this.sessionRequests.length}` } };
  }

  /** Files the Media Manager does not know: recordUpload refuses them, getUploadStatus names them apart. */
  readonly unknown = new Set<string>();

  async recordUpload(upload: { fileId: string }): Promise<RecordUploadResult> {
    this.recorded.push(upload.fileId);
    if (this.unknown.has(upload.fileId)) return { ok: false, reason: 'The file is not in the Media Manager' };
    return { ok: true, report: { fileId: upload.fileId, status: this.statuses.get(upload.fileId) ?? 'PENDING' } };
  }

  /** What findUploadedFile answers (the ids that fit); what it was asked. */
  fitting: string[] = [];
  readonly lookedFor: LostUpload[] = [];

  async findUploadedFile(lost: LostUpload): Promise<FindUploadResult> {
    this.lookedFor.push(lost);
    return { ok: true, fileId: this.fitting.length === 1 ? this.fitting[0] : undefined, candidates: this.fitting.length };
  }

  /** Copies removed as unlike the chosen file. */
  readonly discarded: Array<{ fileId: string; expected: ExpectedFile }> = [];

  async discardArrivedCopy(fileId: string, expected: ExpectedFile): Promise<DiscardCopyResult> {
    this.discarded.push({ fileId, expected });
    return { ok: true };
  }

  async getUploadStatus(fileIds: string[]): Promise<UploadStatusResult> {
    this.statusCalls.push(fileIds);
    const unknownFileIds = fileIds.filter((fileId) => this.unknown.has(fileId));
    const reports = fileIds
      .filter((fileId) => !this.unknown.has(fileId))
      .map((fileId): UploadStatusReport => {
        const failedWithReason = this.statuses.get(fileId) === 'FAILED' && !this.reasonless.has(fileId);
        return {
          fileId,
          status: this.statuses.get(fileId) ?? 'PENDING',
          url: `https://static.test/${fileId}`,
          failureCode: failedWithReason ? 'UNRECOGNIZED_CONTENT' : undefined,
          failureDescription: failedWithReason ? 'The bytes are not a video/mp4' : undefined,
        };
      });
    return { ok: true, reports, unknownFileIds };
  }
}

/** The finalize endpoint: file-<token>, or the answers the test queues. */
export class FakeFinalize {
  readonly calls: string[] = [];
  readonly answers: Array<{ status: number; body: unknown } | 'network'> = [];

  readonly fetch: FetchLike = async (url) => {
    this.calls.push(url);
    const answer = this.answers.shift();
    if (answer === 'network') throw new TypeError('fetch failed');
    const token = decodeURIComponent(new URL(url).pathname.split('/').at(-1) ?? '');
    const { status, body } = answer ?? { status: 200, body: { file: { id: `file-${token}`, url: `https://static.test/file-${token}` } } };
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
}

export function fakeSource(name: string, size = 1000, extra: Partial<UploadSource> = {}): UploadSource {
  return { name, size, type: 'video/mp4', lastModified: 1_700_000_000_000, data: new Blob([]), ...extra };
}
