import { MAX_STATUS_BATCH, type UploadStatusReport, type UploadStatusResult } from '../../shared/upload-methods';

export interface StatusPollerOptions {
  getUploadStatus(fileIds: string[]): Promise<UploadStatusResult>;
  intervalMs: number;
  onReport(report: UploadStatusReport): void;
  /** A watched file the Media Manager does not know (any more): it will never be READY. */
  onUnknown?(fileId: string): void;
  onError?(error: unknown): void;
}

/**
 * One poll loop for every file being processed: each round asks for all watched ids, at most
 * MAX_STATUS_BATCH per call, and waits `intervalMs` after the round ends before the next one.
 */
export class StatusPoller {
  private readonly watched = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private polling = false;
  private stopped = false;

  constructor(private readonly options: StatusPollerOptions) {}

  get size(): number {
    return this.watched.size;
  }

  watch(fileId: string): void {
    this.watched.add(fileId);
    this.schedule();
  }

  unwatch(fileId: string): void {
    this.watched.delete(fileId);
    if (this.watched.size === 0 && this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  stop(): void {
    this.stopped = true;
    this.watched.clear();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.stopped || this.polling || this.timer !== undefined || this.watched.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.poll();
    }, this.options.intervalMs);
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      const ids = [...this.watched];
      for (let start = 0; start < ids.length && !this.stopped; start += MAX_STATUS_BATCH) {
        try {
          const result = await this.options.getUploadStatus(ids.slice(start, start + MAX_STATUS_BATCH));
          if (!result.ok) throw new Error(result.reason);
          for (const report of result.reports) {
            if (this.watched.has(report.fileId)) this.options.onReport(report);
          }
          for (const fileId of result.unknownFileIds) {
            if (this.watched.has(fileId)) this.options.onUnknown?.(fileId);
          }
        } catch (error) {
          this.options.onError?.(error);
        }
      }
    } finally {
      this.polling = false;
      this.schedule();
    }
  }
}
