import { describeUploadError, type Wording } from '../../src/i18n/describe.js';
import { SOURCE_LANGUAGE } from '../../src/i18n/languages.js';
import { formatBytes, formatDay, formatDuration, formatNumber } from '../../src/shared/format.js';
import { EXIT_CODES, type ExitCode } from '../exit-codes.js';
import type { FileView, RunResult, TargetView } from './reporter.js';

// The command line's words, in the reader's language (the catalogs' `cli` group, src/i18n/).
// English reads as it always has: counts without grouping, sizes in the app's fixed form.

export type { Wording };

/** A count as the language writes it: "1.234" in German; English as it always was, "1234". */
function countText({ language, locale }: Wording, count: number): string {
  return language === SOURCE_LANGUAGE ? String(count) : formatNumber(count, locale);
}

export const sizeOf = (wording: Wording, bytes: number) => formatBytes(bytes, wording.locale);

/** Why the run could not start, for a person: the command's name first, and where to look for a usage error. */
export function startFailureText(wording: Wording, message: string, exitCode: ExitCode): string {
  const hint = exitCode === EXIT_CODES.usage ? `\n${wording.t('cli.helpHint')}` : '';
  return `resumable-upload: ${message}${hint}\n`;
}

/** "Uploading 3 files (12 MB) to the local Wix at http://127.0.0.1:5173". */
export function startLine(wording: Wording, target: TargetView, files: readonly FileView[]): string {
  const { t } = wording;
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  const count = files.length;
  const counted = t('cli.files', { count, number: countText(wording, count), size: sizeOf(wording, bytes) });
  const where =
    target.place.kind === 'local-wix'
      ? t('cli.target.localWix', { origin: target.place.origin })
      : t('cli.target.site', { siteId: target.place.siteId });
  return t('cli.uploadingTo', { files: counted, target: where });
}

/** "3 ready, 1 failed, 1 refused by the Media Manager in 4 s.", or for an interrupted run what is left to do. */
export function summaryOf(wording: Wording, result: RunResult): string {
  const { t } = wording;
  const { totals } = result;
  const duration = formatDuration(result.durationMs / 1000, wording.locale);
  const counted = (count: number) => ({ count, number: countText(wording, count) });
  const counts = [
    t('cli.summary.ready', counted(totals.ready)),
    ...(totals.failed > 0 ? [t('cli.summary.failed', counted(totals.failed))] : []),
    ...(totals.refused > 0 ? [t('cli.summary.refused', counted(totals.refused))] : []),
    ...(totals.skipped > 0 ? [t('cli.summary.skipped', counted(totals.skipped))] : []),
  ].join(', ');
  if (result.interrupted) {
    const left = totals.files - totals.ready - totals.failed - totals.refused - totals.skipped;
    return t('cli.summary.stopped', { counts, unfinished: t('cli.summary.unfinished', counted(left)), duration });
  }
  return t('cli.summary.done', { counts, duration });
}

/** The word a line of a file starts with ("ready", "failed"...). */
export type FileEvent = 'uploading' | 'resuming' | 'importing' | 'ready' | 'uploaded' | 'failed' | 'refused' | 'skipped';

export function eventWord({ t }: Wording, event: FileEvent): string {
  return t(`cli.event.${event}`);
}

const FILE_EVENTS: readonly FileEvent[] = ['uploading', 'resuming', 'importing', 'ready', 'uploaded', 'failed', 'refused', 'skipped'];

/** A line's first word padded so the paths line up: one space past the language's longest word ("uploading " in English). */
export function eventLabeller(wording: Wording): (event: FileEvent) => string {
  const width = Math.max(...FILE_EVENTS.map((event) => eventWord(wording, event).length)) + 1;
  return (event) => eventWord(wording, event).padEnd(width);
}

/** Why a file did not become READY, in the reader's language (describe.ts, by the engine's code). */
export function reasonOf(wording: Wording, file: FileView): string {
  if (!file.error) return wording.t('cli.unknownError');
  return describeUploadError(wording, file.error);
}

/** A line for a file that ended without being READY, under its ending: "failed" (not sent) or "refused" (sent, and refused). */
export function endingLine(wording: Wording, file: FileView, label: (ending: 'failed' | 'refused') => string): string | undefined {
  if (file.state !== 'failed' && file.state !== 'refused') return undefined;
  return `${label(file.state)}${file.path}: ${reasonOf(wording, file)}`;
}

/** "skipped  clip.mp4: already in /clients/2026 (1.2 GB, uploaded Nov 3)", for a file skipped as already there. */
export function skippedLine(wording: Wording, file: FileView, label: (event: 'skipped') => string): string | undefined {
  if (file.state !== 'skipped' || !file.existing) return undefined;
  const { folder, sizeInBytes, createdDate } = file.existing;
  const facts = { folder, size: sizeOf(wording, Number(sizeInBytes)) };
  const where = createdDate
    ? wording.t('cli.alreadyThere', { ...facts, date: formatDay(createdDate, wording.locale) })
    : wording.t('cli.alreadyThereUndated', facts);
  return `${label('skipped')}${file.path}: ${where}`;
}

/** One line per failed or refused file, for the error stream. */
export function failureLines(wording: Wording, result: RunResult): string[] {
  const label = (ending: 'failed' | 'refused') => wording.t('cli.failureLabel', { ending: eventWord(wording, ending) });
  return result.files.flatMap((file) => endingLine(wording, file, label) ?? []);
}

/**
 * What an earlier run got across of a file it began: the bytes it saw the server confirm (the
 * server may hold a little more, which tus finds out before sending the rest).
 */
export function resumedWording(wording: Wording, file: FileView): string {
  const confirmed = file.resumedFrom ?? 0;
  return confirmed > 0
    ? wording.t('cli.resumedSent', { done: sizeOf(wording, confirmed), total: sizeOf(wording, file.size) })
    : wording.t('cli.resumedBegun');
}

/** " (by an earlier run)" after a file an earlier run sent, else nothing. */
export function earlierRunNote(wording: Wording, file: FileView): string {
  return file.alreadyUploaded ? ` ${wording.t('cli.byEarlierRun')}` : '';
}

/** "warning: …". */
export function warningLine(wording: Wording, message: string): string {
  return wording.t('cli.warning', { message });
}

/** Where a file is, once READY. */
export function whereOf(file: FileView): string {
  return file.url ?? file.fileId ?? '';
}
