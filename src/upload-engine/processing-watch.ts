import type { UploadBackend } from './upload-backend';
import type { UploadStatusReport } from '../shared/upload-api';
import { processingOutcome, type ItemPatch } from './processing-status';
import { StatusPoller } from './status-poller';
import type { FileEntry } from './upload-run';

/**
 * The files the Media Manager is processing: one poll loop asks about all of them until each is
 * READY, FAILED or unknown, and tells the queue the change to make.
 */
export class ProcessingWatch {
  private readonly byFileId = new Map<string, FileEntry>();
  private readonly poller: StatusPoller;

  constructor(
    backend: UploadBackend,
    intervalMs: number,
    private readonly settle: (entry: FileEntry, patch: ItemPatch) => void,
  ) {
    this.poller = new StatusPoller({
      getUploadStatus: (fileIds) => backend.getUploadStatus(fileIds),
      intervalMs,
      onReport: (report) => this.reported(report),
      onUnknown: (fileId) =>
        this.ended(fileId, {
          state: 'failed',
          error: { code: 'REJECTED', message: 'The file is no longer in the Media Manager.', fatal: true },
        }),
    });
  }

  /** Starts watching a file that is now processing; `report` is what the backend already said of it. */
  watch(entry: FileEntry, fileId: string, report?: UploadStatusReport): void {
    this.byFileId.set(fileId, entry);
    entry.reasonlessPolls = 0;
    if (report) this.reported(report);
    if (entry.item.state === 'processing') this.poller.watch(fileId);
  }

  forget(fileId: string): void {
    this.byFileId.delete(fileId);
    this.poller.unwatch(fileId);
  }

  stop(): void {
    this.poller.stop();
  }

  private reported(report: UploadStatusReport): void {
    const entry = this.byFileId.get(report.fileId);
    if (entry?.item.state !== 'processing') return;
    const outcome = processingOutcome(entry.item, report, entry.reasonlessPolls);
    if (outcome === 'pending') return;
    if (outcome === 'waiting') {
      entry.reasonlessPolls += 1;
      this.poller.watch(report.fileId);
      return;
    }
    this.ended(report.fileId, outcome.patch);
  }

  private ended(fileId: string, patch: ItemPatch): void {
    const entry = this.byFileId.get(fileId);
    this.forget(fileId);
    if (entry?.item.state === 'processing') this.settle(entry, patch);
  }
}
