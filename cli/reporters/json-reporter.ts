import type { ExitCode } from '../exit-codes.js';
import type { FileView, Reporter, RunResult, RunTotals, TargetView } from './reporter.js';
import type { OutputStream } from './streams.js';
import { startFailureText, type Wording } from './wording.js';

/**
 * One JSON object per line on stdout, for scripts: `start`, `file` (each state change),
 * `progress` (the files being sent and the totals), `warning`, and `summary` at the end, or `error` when the run
 * could not start. Every event has an `event` field.
 */
export class JsonReporter implements Reporter {
  constructor(
    private readonly wording: Wording,
    private readonly out: OutputStream,
    private readonly err: OutputStream,
  ) {}

  started(target: TargetView, files: readonly FileView[]): void {
    this.emit({
      event: 'start',
      target: target.description,
      files: files.length,
      bytesTotal: files.reduce((sum, file) => sum + file.size, 0),
    });
  }

  changed(file: FileView): void {
    this.emit({ event: 'file', ...machineView(file) });
  }

  /** One line for every tick: the files being sent and the run's totals. */
  progressed(files: readonly FileView[], totals: RunTotals): void {
    if (files.length === 0) return;
    this.emit({
      event: 'progress',
      files: files.map((file) => ({
        path: file.path,
        bytesUploaded: file.bytesUploaded,
        size: file.size,
        bytesPerSecond: file.bytesPerSecond,
      })),
      bytesUploaded: totals.bytesUploaded,
      bytesTotal: totals.bytesTotal,
      bytesPerSecond: totals.bytesPerSecond,
    });
  }

  warned(message: string): void {
    this.emit({ event: 'warning', message });
  }

  finished(result: RunResult, exitCode: ExitCode): void {
    const { totals } = result;
    this.emit({
      event: 'summary',
      exitCode,
      interrupted: result.interrupted,
      durationMs: result.durationMs,
      ready: totals.ready,
      failed: totals.failed,
      refused: totals.refused,
      skipped: totals.skipped,
      bytesTotal: totals.bytesTotal,
      bytesUploaded: totals.bytesUploaded,
      files: result.files.map(machineView),
    });
  }

  failed(message: string, exitCode: ExitCode): void {
    this.emit({ event: 'error', exitCode, message });
    this.err.write(startFailureText(this.wording, message, exitCode));
  }

  private emit(event: Record<string, unknown>): void {
    this.out.write(`${JSON.stringify(event)}\n`);
  }
}

/** A file as scripts read it: its failure by the engine's code and English message (the same in every language). */
function machineView(file: FileView): FileView | (Omit<FileView, 'error'> & { error: { code: string; message: string } }) {
  if (!file.error) return file;
  return { ...file, error: { code: file.error.code, message: file.error.message } };
}
