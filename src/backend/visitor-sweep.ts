import { auth } from '@wix/essentials';
import { files } from '@wix/media';
import { checkVisitorFile, type CheckOptions } from './visitor-file-check';
import { fileSlotId, fileSlotOfLabels, readFileSlots } from './visitor-submissions';
import { claimSweepTurn, lastCompleteSweepStart, markCompleteSweep, pruneDaysBefore } from './visitor-claims';
import { utcDay } from '../policies/visitor-rules-policy';
import { readVisitorUploadRules } from './visitor-rules';

/**
 * The sweep: every file of visitor-uploads/ changed since the last complete sweep is checked
 * (visitor-file-check.ts), so a file whose File Ready / File Failed event never came, or whose
 * check failed, is checked all the same. The Wix CLI for Apps has no scheduled jobs, so the sweep
 * runs on calls that happen anyway: the owner's inbox load sweeps every time, a visitor's web
 * method call at most once per VISITOR_SWEEP_EVERY_MS for the whole site (the first call of each
 * period takes its turn with an insert that only one caller wins).
 */
const VISITOR_SWEEP_EVERY_MS = 10 * 60_000;
/** Files changed this long before the last complete sweep began are looked at again (clocks, late writes). */
const OVERLAP_MS = 10 * 60_000;
const PAGE_SIZE = 100;
/** Pages of files one sweep reads at most; a sweep cut short leaves its window to the next. */
const MAX_PAGES = 20;
/** Old daily places removed per sweep at most. */
const PRUNE_PER_SWEEP = 100;
const DAY_MS = 24 * 3600 * 1000;

export interface SweepReport {
  swept: boolean;
  /** Files looked at, and those the check had to run on (the rest were already settled in their place). */
  seen: number;
  checked: number;
  complete: boolean;
}

type FileDescriptor = files.FileDescriptor & { _id: string };

const updatedAt = (file: files.FileDescriptor) => (file._updatedDate ? new Date(file._updatedDate).getTime() : Number.POSITIVE_INFINITY);
const createdAt = (file: files.FileDescriptor) => (file._createdDate ? new Date(file._createdDate).getTime() : 0);

/** Sweeps for a visitor's call, if this period's sweep has not been taken. */
export async function sweepIfDue(now = Date.now()): Promise<SweepReport | undefined> {
  // No memory in the module: one backend process may serve many sites, each with its own turns.
  const period = Math.floor(now / VISITOR_SWEEP_EVERY_MS);
  if (!(await claimSweepTurn(period, utcDay(now)))) return undefined;
  return sweepVisitorUploads(now);
}

/**
 * Checks every file of visitor-uploads/ changed since the last complete sweep, oldest first (of
 * two files for one place, the one that arrived first is kept), then prunes past days' counts.
 */
export async function sweepVisitorUploads(now = Date.now()): Promise<SweepReport> {
  const from = ((await lastCompleteSweepStart()) ?? 0) - OVERLAP_MS;
  const recent: FileDescriptor[] = [];
  let cursor: string | undefined;
  let complete = false;
  for (let page = 0; page < MAX_PAGES && !complete; page++) {
    const found = await auth.elevate(files.searchFiles)({
      rootFolder: 'VISITOR_UPLOADS_ROOT',
      sort: { fieldName: 'updatedDate', order: 'DESC' },
      paging: { limit: PAGE_SIZE, cursor },
    });
    const batch = found.files ?? [];
    const changed = batch.filter((file) => updatedAt(file) >= from);
    recent.push(...changed.flatMap((file) => (file._id ? [{ ...file, _id: file._id }] : [])));
    cursor = found.nextCursor?.cursors?.next ?? undefined;
    complete = !cursor || changed.length < batch.length;
  }
  const settled = await settledFiles(recent);
  const unsettled = recent.filter((file) => !settled.has(file._id)).sort((a, b) => createdAt(a) - createdAt(b));
  const options: CheckOptions = { folders: new Map(), rules: unsettled.length > 0 ? await readVisitorUploadRules() : undefined };
  let failed = false;
  for (const file of unsettled) {
    try {
      await checkVisitorFile(file, options);
    } catch (error) {
      failed = true;
      console.error('[visitor uploads] the sweep could not check', file._id, error);
    }
  }
  if (complete && !failed) await markCompleteSweep(now);
  await pruneDaysBefore(utcDay(now - DAY_MS), PRUNE_PER_SWEEP);
  return { swept: true, seen: recent.length, checked: unsettled.length, complete: complete && !failed };
}

/** The files already settled in their place (READY or FAILED there): nothing more to check. */
async function settledFiles(found: readonly FileDescriptor[]): Promise<Set<string>> {
  const settled = new Set<string>();
  for (let start = 0; start < found.length; start += PAGE_SIZE) {
    const places = found.slice(start, start + PAGE_SIZE).flatMap((file) => {
      const place = fileSlotOfLabels(file.labels);
      return place ? [fileSlotId(place.submissionId, place.slot)] : [];
    });
    for (const place of await readFileSlots(places)) {
      if (place.fileId && (place.status === 'READY' || place.status === 'FAILED')) settled.add(place.fileId);
    }
  }
  return settled;
}
