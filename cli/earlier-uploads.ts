import { StatusPoller, errorMessageOf, type UploadBackend, type UploadErrorCode } from '../src/upload-engine/node/index.js';
import type { UploadStatusReport } from '../src/shared/upload-methods.js';

/** What became of a file an earlier run finalized. */
export type EarlierOutcome =
  | { state: 'ready'; report: UploadStatusReport }
  /** The Media Manager refused it (FAILED), or its status could not be read. */
  | { state: 'refused' | 'failed'; message: string; code: UploadErrorCode }
  /** The backend does not know it (no longer in the Media Manager, as the direct backend sees): it is to be sent again. */
  | { state: 'gone' };

/** Polls that fail in a row before the files still waiting are given up. */
const MAX_FAILED_POLLS = 5;

/**
 * Follows files earlier runs finalized until the Media Manager says READY or FAILED, or that it
 * no longer has them. One poll loop for all of them, as the engine follows the files it sends.
 */
export class EarlierUploads {
  private readonly waiting = new Map<string, string>();
  private readonly poller: StatusPoller;
  private failedPolls = 0;

  constructor(
    backend: UploadBackend,
    intervalMs: number,
    private readonly settled: (fingerprint: string, outcome: EarlierOutcome) => void,
  ) {
    this.poller = new StatusPoller({
      getUploadStatus: (fileIds) => backend.getUploadStatus(fileIds),
      intervalMs,
      onReport: (report) => this.reported(report),
      onUnknown: (fileId) => this.settle(fileId, { state: 'gone' }),
      onError: (error) => this.pollFailed(error),
    });
  }

  get pending(): number {
    return this.waiting.size;
  }

  watch(fingerprint: string, fileId: string): void {
    this.waiting.set(fileId, fingerprint);
    this.poller.watch(fileId);
  }

  stop(): void {
    this.poller.stop();
  }

  private reported(report: UploadStatusReport): void {
    this.failedPolls = 0;
    if (report.status === 'READY') this.settle(report.fileId, { state: 'ready', report });
    else if (report.status === 'FAILED') {
      this.settle(report.fileId, {
        state: 'refused',
        code: 'PROCESSING_FAILED',
        message: report.failureDescription ?? 'The Media Manager could not process the file.',
      });
    }
  }

  private pollFailed(error: unknown): void {
    this.failedPolls += 1;
    if (this.failedPolls < MAX_FAILED_POLLS) return;
    const message = `Its status could not be read: ${errorMessageOf(error)}`;
    for (const fileId of [...this.waiting.keys()]) this.settle(fileId, { state: 'failed', code: 'NETWORK', message });
  }

  private settle(fileId: string, outcome: EarlierOutcome): void {
    const fingerprint = this.waiting.get(fileId);
    if (fingerprint === undefined) return;
    this.waiting.delete(fileId);
    this.poller.unwatch(fileId);
    this.settled(fingerprint, outcome);
  }
}
