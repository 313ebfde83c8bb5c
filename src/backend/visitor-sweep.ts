import { auth } from '@wix/essentials';
import { files } from '@wix/media';
import { checkVisitorFile, type CheckOptions } from './visitor-file-check';
import {
  fileSlotId,
  fileSlotOfLabels,
  parseFileSlotId,
  readFileSlot,
  readFileSlots,
  readOpenFiles,
  updateFile,
  type SubmissionFileEntry,
} from './visitor-submissions';
import {
  claimSweepTurn,
  hasArrived,
  lastCompleteSweepStart,
  markCompleteSweep,
  pruneDaysBefore,
  settleSitePlace,
  unfilledSitePlaces,
} from './visitor-claims';
import { because, PLACE_EXPIRED, UPLOADS_TURNED_OFF, utcDay } from '../policies/visitor-rules-policy';
import type { BrokenRule } from '../shared/refusals';
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
/** Places still waiting for their file closed at most per call once uploads are turned off. */
const CLOSE_PAGE = 100;
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
  // The mark moves up to the first file left undecided (its check failed, or its bytes could not be read yet,
  // which is tried a bounded number of times): the next sweep looks at it again, and at nothing older.
  let undecidedSince = Number.POSITIVE_INFINITY;
  for (const file of unsettled) {
    const undecided = await checkVisitorFile(file, options).then(
      (verdict) => verdict.kind === 'kept' && verdict.file.status === 'PENDING' && file.operationStatus !== 'PENDING',
      (error: unknown) => {
        console.error('[visitor uploads] the sweep could not check', file._id, error);
        return true;
      },
    );
    if (undecided) undecidedSince = Math.min(undecidedSince, updatedAt(file));
  }
  if (complete) await markCompleteSweep(Math.min(now, undecidedSince));
  if (!(options.rules ?? (await readVisitorUploadRules())).enabled) await closeWaitingPlaces();
  await giveBackUnfilledPlaces(now);
  await pruneDaysBefore(utcDay(now - DAY_MS), PRUNE_PER_SWEEP);
  return { swept: true, seen: recent.length, checked: unsettled.length, complete: complete && undecidedSince > now };
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

/**
 * Closes the places still waiting for their file: whatever arrives for them later is deleted. A
 * place whose file arrived already (its arrival claimed, its entry perhaps not written yet) is
 * left to its check.
 */
export async function closePlaces(places: readonly SubmissionFileEntry[], broken: BrokenRule): Promise<void> {
  for (const place of places) {
    if (place.status === 'UPLOADING' && !(await hasArrived(place._id)))
      await updateFile({ ...place, status: 'FAILED', ...because(broken) });
  }
}

/** Uploads are off: one page of the places still waiting say so (the file check refuses their files either way). */
export async function closeWaitingPlaces(): Promise<void> {
  await closePlaces(await readOpenFiles(CLOSE_PAGE), UPLOADS_TURNED_OFF);
}

/** Site places looked at per call at most when giving back those that never received their file. */
const GIVE_BACK_PER_CALL = 100;

/**
 * Gives back today's site file places whose time to receive their file is over and which never
 * received one (the policy's `unfilledPlaceLifetimeMs`): their file's place is closed (what
 * arrives later is deleted) and the site's count goes on past them. A place whose file arrived is
 * marked filled and kept. Answers how many were given back.
 */
export async function giveBackUnfilledPlaces(now = Date.now()): Promise<number> {
  let given = 0;
  for (const sitePlace of await unfilledSitePlaces(utcDay(now), now, GIVE_BACK_PER_CALL)) {
    const slot = sitePlace.fileSlotId ? parseFileSlotId(sitePlace.fileSlotId) : undefined;
    const place = slot ? await readFileSlot(slot.submissionId, slot.slot) : undefined;
    if (place && (place.fileId || (await hasArrived(place._id)))) {
      await settleSitePlace(sitePlace.id, 'filled');
      continue;
    }
    if (place) await closePlaces([place], PLACE_EXPIRED);
    // Closed only if its file had still not arrived: one that arrived meanwhile keeps the place.
    if (place && (await hasArrived(place._id))) await settleSitePlace(sitePlace.id, 'filled');
    else {
      await settleSitePlace(sitePlace.id, 'expired');
      given += 1;
    }
  }
  return given;
}
