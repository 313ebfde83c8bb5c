import { MAX_STATUS_BATCH, type UploadStatusReport } from '../shared/upload-api';

export interface StatusPollerOptions {
  getUploadStatus(fileIds: string[]): Promise<UploadStatusReport[]>;
  intervalMs: number;
  onReport(report: UploadStatusReport): void;
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
          const reports = await this.options.getUploadStatus(ids.slice(start, start + MAX_STATUS_BATCH));
          for (const report of reports) {
            if (this.watched.has(report.fileId)) this.options.onReport(report);
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
