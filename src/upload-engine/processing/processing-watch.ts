import type { UploadBackend } from '../upload-backend';
import type { UploadStatusReport } from '../../shared/upload-methods';
import { hasReason, processingOutcome, LATE_REASON_POLLS, type ItemPatch } from './processing-status';
import { StatusPoller } from './status-poller';
import type { FileEntry } from '../file-entry';

/**
 * The files the Media Manager is processing: one poll loop asks about all of them until each is
 * READY, FAILED or unknown, and tells the queue the change to make. A file refused before its
 * reason reached the upload log stays asked about for a while, and gets the reason when it comes.
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
          state: 'refused',
          error: { code: 'REJECTED', message: 'The file is no longer in the Media Manager.', fatal: true },
        }),
    });
  }

  /** Starts watching a file that is now processing; `report` is what the backend already said of it. */
  watch(entry: FileEntry, fileId: string, report?: UploadStatusReport): void {
    this.byFileId.set(fileId, entry);
    entry.reasonlessPolls = 0;
    entry.awaitingReason = false;
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
    if (!entry) return;
    if (entry.item.state === 'refused' && entry.awaitingReason) {
      this.lateReason(entry, report);
      return;
    }
    if (entry.item.state !== 'processing') {
      // Retried, cancelled or removed meanwhile: nothing to tell about this file any more.
      this.forget(report.fileId);
      return;
    }
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
    if (entry?.item.state !== 'processing') return;
    this.settle(entry, patch);
    if (patch.error?.code === 'PROCESSING_FAILED' && !hasReason(patch)) {
      entry.awaitingReason = true;
      entry.reasonlessPolls = 0;
      this.byFileId.set(fileId, entry);
      this.poller.watch(fileId);
    }
  }

  private lateReason(entry: FileEntry, report: UploadStatusReport): void {
    const outcome = processingOutcome(entry.item, report, Number.POSITIVE_INFINITY);
    const withReason = typeof outcome === 'object' && hasReason(outcome.patch) ? outcome.patch : undefined;
    entry.reasonlessPolls += 1;
    if (!withReason && report.status === 'FAILED' && entry.reasonlessPolls < LATE_REASON_POLLS) return;
    entry.awaitingReason = false;
    this.forget(report.fileId);
    if (withReason) this.settle(entry, withReason);
  }
}
