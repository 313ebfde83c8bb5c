import { formatBytes, formatDuration } from '../../src/shared/format.js';
import { EXIT_CODES, type ExitCode } from '../exit-codes.js';
import type { FileView, RunResult } from './reporter.js';

/** Why the run could not start, for a person: the command's name first, and where to look for a usage error. */
export function startFailureText(message: string, exitCode: ExitCode): string {
  const hint = exitCode === EXIT_CODES.usage ? '\nRun resumable-upload --help for the options.' : '';
  return `resumable-upload: ${message}${hint}\n`;
}

/** "3 files (12.0 MB)". */
export function countOf(files: readonly FileView[]): string {
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  return `${files.length} ${files.length === 1 ? 'file' : 'files'} (${formatBytes(bytes)})`;
}

/** "3 ready, 1 failed, 1 refused by the Media Manager in 4 s", or for an interrupted run what is left to do. */
export function summaryOf(result: RunResult): string {
  const { totals } = result;
  const took = formatDuration(result.durationMs / 1000);
  const failed = `${totals.failed > 0 ? `, ${totals.failed} failed` : ''}${totals.refused > 0 ? `, ${totals.refused} refused by the Media Manager` : ''}`;
  if (result.interrupted) {
    const left = totals.files - totals.ready - totals.failed - totals.refused;
    return `Stopped with ${totals.ready} ready${failed} and ${left} unfinished after ${took}: run the same command again to continue.`;
  }
  return `${totals.ready} ready${failed} in ${took}.`;
}

/** A line for a file that ended without being READY, under its ending: "failed" (not sent) or "refused" (sent, and refused). */
export function endingLine(file: FileView, label: (ending: 'failed' | 'refused') => string): string | undefined {
  if (file.state !== 'failed' && file.state !== 'refused') return undefined;
  return `${label(file.state)}${file.path}: ${file.error?.message ?? 'unknown error'}`;
}

/** One line per failed or refused file, for the error stream. */
export function failureLines(result: RunResult): string[] {
  return result.files.flatMap((file) => endingLine(file, (ending) => `${ending}: `) ?? []);
}

/**
 * What an earlier run got across of a file it began: the bytes it saw the server confirm (the
 * server may hold a little more, which tus finds out before sending the rest).
 */
export function resumedWording(file: FileView): string {
  const confirmed = file.resumedFrom ?? 0;
  return confirmed > 0 ? `${formatBytes(confirmed)} of ${formatBytes(file.size)} sent by an earlier run` : 'begun by an earlier run';
}

/** Where a file is, once READY. */
export function whereOf(file: FileView): string {
  return file.url ?? file.fileId ?? '';
}
