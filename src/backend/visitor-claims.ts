import { items } from '@wix/data';
import { auth } from '@wix/essentials';
import { VISITOR_CLAIMS } from './data-collections';
import { claimNumbered, insertOnce, releaseClaim, type NumberedScope } from './numbered-claims';
import {
  dailyLimits,
  MAX_SERVER_FINALIZES_PER_URL,
  MAX_UPLOAD_URLS_PER_FILE,
  rateLimited,
  utcDay,
  type Caller,
  type DailyCount,
  type VisitorUploadRules,
} from '../policies/visitor-rules-policy';
import type { RateLimited } from '../shared/refusals';

/**
 * Every count of the visitor uploads, as numbered places in the admin-only claims collection
 * (numbered-claims.ts says why): the daily limits, the upload URLs issued for a file, the one
 * file kept for it, the finalizes the server sends for a URL, a deleted submission's mark and
 * the sweep's turns. Ids are built from server-made parts only (days, ids checked for their shape).
 * How many each count holds, and what a visitor over one is told, is the visitor rules policy's.
 */
const CLAIMS = VISITOR_CLAIMS.id;
/** Wix Data's largest query page. */
const PAGE = 1000;

interface ClaimItem {
  _id: string;
  scope: string;
  n?: number;
  day?: string;
  submissionId?: string;
  fileId?: string;
  tokenHash?: string;
  uploadUrl?: string;
  fileIds?: string[];
  at?: number;
  /** A site's file place: the file's place it was taken for, until when it waits for its file, and whether it was given back (expired) or filled. */
  fileSlotId?: string;
  expiresAt?: number;
  expired?: boolean;
  filled?: boolean;
}

function scopeOf(scope: string, limit: number): NumberedScope {
  return { collectionId: CLAIMS, scopeField: 'scope', scope, numberField: 'n', limit, idOf: (n) => `${scope}:${n}` };
}

async function readClaim(id: string): Promise<ClaimItem | undefined> {
  return ((await auth.elevate(items.get)(CLAIMS, id)) ?? undefined) as ClaimItem | undefined;
}

/** Takes a place of a visitor's daily count; its _id, or undefined when the day is full. */
async function claimDailyPlace(count: DailyCount, day: string, limit: number, visitorId: string): Promise<string | undefined> {
  const scope = scopeOf(`${count}:${day}:${visitorId}`, limit);
  const n = await claimNumbered(scope, { day });
  return n === undefined ? undefined : scope.idOf(n);
}

/**
 * Takes a place of the site's daily count, or answers false when the day is full. Places given
 * back (expired: a file place that never received its file) are never taken again, the count goes
 * on past them: `limit` live places are numbered up to `limit` + the expired ones, and since that
 * number only grows, a burst still cannot hold more than `limit` live places at once.
 */
async function claimSitePlace(count: DailyCount, day: string, limit: number, fields: Record<string, unknown>): Promise<string | undefined> {
  const expired = await expiredSitePlaces(count, day);
  const scope = scopeOf(`${count}:${day}`, limit + expired);
  const n = await claimNumbered(scope, { day, at: Date.now(), ...fields });
  return n === undefined ? undefined : scope.idOf(n);
}

async function releaseDailyPlace(id: string): Promise<void> {
  await releaseClaim(CLAIMS, id);
}

/** How many places of a daily count are taken: what the counters say. */
async function dailyPlacesTaken(count: DailyCount, day: string, visitorId?: string): Promise<number> {
  return auth
    .elevate(items.query)(CLAIMS)
    .eq('scope', visitorId ? `${count}:${day}:${visitorId}` : `${count}:${day}`)
    .count();
}

/** A place taken in today's counts: given back when a later step refuses the request. */
export interface DailyPlace {
  release(): Promise<void>;
}

/**
 * Takes one place of today's count (UTC) for the caller and one for the site, or answers when
 * to try again. The caller's place is given back when the site's day is full; the site's place
 * is kept once taken (a later failure leaves the site's count one higher, never lower).
 */
export async function claimToday(
  count: DailyCount,
  rules: VisitorUploadRules,
  caller: Caller,
  options: { now?: number; place?: { fileSlotId: string; expiresAt: number }; giveBackUnfilled?: () => Promise<number> } = {},
): Promise<DailyPlace | RateLimited> {
  const now = options.now ?? Date.now();
  const day = utcDay(now);
  const limits = dailyLimits(count, rules);
  const mine = await claimDailyPlace(count, day, limits.visitor, caller.id);
  if (!mine) return rateLimited(limits.visitorRule, now);
  const fields = options.place ?? {};
  const site =
    (await claimSitePlace(count, day, limits.site, fields)) ||
    // The site's day is full: places that never received their file are given back first, then asked once more.
    ((await options.giveBackUnfilled?.()) ? await claimSitePlace(count, day, limits.site, fields) : undefined);
  if (!site) {
    await releaseDailyPlace(mine);
    return rateLimited(limits.siteRule, now);
  }
  // Given back: the visitor's place is removed, the site's marked expired (the count goes on past it).
  return { release: async () => Promise.all([releaseDailyPlace(mine), settleSitePlace(site, 'expired')]).then(() => undefined) };
}

/** A site's file place of the day whose time to receive its file is over, unless it was filled. */
export interface UnfilledSitePlace {
  id: string;
  fileSlotId?: string;
}

/** Up to `max` of today's site file places whose time to receive their file ended before `now`, neither filled nor given back. */
export async function unfilledSitePlaces(day: string, now: number, max: number): Promise<UnfilledSitePlace[]> {
  const found = await auth
    .elevate(items.query)(CLAIMS)
    .eq('scope', `files:${day}`)
    .ne('expired', true)
    .ne('filled', true)
    .lt('expiresAt', now)
    .limit(max)
    .find();
  return (found.items as ClaimItem[]).map((item) => ({ id: item._id, fileSlotId: item.fileSlotId }));
}

/** Marks a site place as filled (its file arrived: never given back) or expired (given back: the count goes on past it). */
export async function settleSitePlace(id: string, outcome: 'filled' | 'expired'): Promise<void> {
  const claim = await readClaim(id);
  if (claim) await auth.elevate(items.update)(CLAIMS, { ...claim, [outcome]: true });
}

/**
 * When the caller's or the site's files of today are all taken, why: a submission that could
 * hold no file is refused at its start. A read, not a place: the file's own request takes one.
 */
export async function filesTodayFull(
  rules: VisitorUploadRules,
  caller: Caller,
  options: { now?: number; giveBackUnfilled?: () => Promise<number> } = {},
): Promise<RateLimited | undefined> {
  const now = options.now ?? Date.now();
  const day = utcDay(now);
  const limits = dailyLimits('files', rules);
  if ((await dailyPlacesTaken('files', day, caller.id)) >= limits.visitor) return rateLimited(limits.visitorRule, now);
  const siteFull = async () => (await dailyPlacesTaken('files', day)) - (await expiredSitePlaces('files', day)) >= limits.site;
  if ((await siteFull()) && !((await options.giveBackUnfilled?.()) && !(await siteFull()))) return rateLimited(limits.siteRule, now);
  return undefined;
}

/** How many of the site's places of a day were given back (expired): the count goes on past them. */
async function expiredSitePlaces(count: DailyCount, day: string): Promise<number> {
  return auth.elevate(items.query)(CLAIMS).eq('scope', `${count}:${day}`).eq('expired', true).count();
}

export function isRateLimited(value: DailyPlace | RateLimited): value is RateLimited {
  return 'ok' in value;
}

/** An upload URL issued for a file: the hash of its token (the server keeps no token) and the URL Wix gave. */
interface IssuedUploadUrl {
  id: string;
  uploadUrl: string;
  tokenHash: string;
}

/** Takes one of the file's MAX_UPLOAD_URLS_PER_FILE upload URLs; its claim's _id, or undefined when all were issued. */
export async function claimUploadUrl(fileSlotId: string, submissionId: string): Promise<string | undefined> {
  const scope = scopeOf(`urls:${fileSlotId}`, MAX_UPLOAD_URLS_PER_FILE);
  const n = await claimNumbered(scope, { submissionId, at: Date.now() });
  return n === undefined ? undefined : scope.idOf(n);
}

/** Records what Wix issued under a taken URL claim. */
export async function recordUploadUrl(claimId: string, issued: { uploadUrl: string; tokenHash: string }): Promise<void> {
  const claim = await readClaim(claimId);
  if (claim) await auth.elevate(items.update)(CLAIMS, { ...claim, ...issued, at: Date.now() });
}

export async function releaseUploadUrl(claimId: string): Promise<void> {
  await releaseClaim(CLAIMS, claimId);
}

/** The upload URL issued for one of the submission's files with this token hash, if the server issued one. */
export async function issuedUploadUrl(
  submissionId: string,
  tokenHash: string,
): Promise<(IssuedUploadUrl & { fileSlotId: string }) | undefined> {
  const found = await auth.elevate(items.query)(CLAIMS).eq('submissionId', submissionId).eq('tokenHash', tokenHash).limit(1).find();
  const claim = found.items[0] as ClaimItem | undefined;
  const fileSlotId = claim?.scope.startsWith('urls:') ? claim.scope.slice('urls:'.length) : undefined;
  if (!claim || !fileSlotId || !claim.uploadUrl || !claim.tokenHash) return undefined;
  return { id: claim._id, uploadUrl: claim.uploadUrl, tokenHash: claim.tokenHash, fileSlotId };
}

/** Takes one of the MAX_SERVER_FINALIZES_PER_URL finalizes of an upload URL; false when all were sent. */
export async function claimServerFinalize(uploadUrlClaimId: string, submissionId: string): Promise<boolean> {
  return (await claimNumbered(scopeOf(`finalize:${uploadUrlClaimId}`, MAX_SERVER_FINALIZES_PER_URL), { submissionId })) !== undefined;
}

/**
 * The one file kept for a file of a submission: the first to claim it wins, every other file
 * that arrives for it is extra. Answers the id of the file kept.
 */
export async function claimArrival(fileSlotId: string, submissionId: string, fileId: string): Promise<string | undefined> {
  const id = `arrival:${fileSlotId}`;
  if (await insertOnce(CLAIMS, { _id: id, scope: 'arrival', submissionId, fileId, at: Date.now() })) return fileId;
  return (await readClaim(id))?.fileId;
}

/** Whether a file arrived for a place (its arrival was claimed), whatever the place's entry says yet. */
export async function hasArrived(fileSlotId: string): Promise<boolean> {
  return (await readClaim(`arrival:${fileSlotId}`)) !== undefined;
}

/** Removes a deleted submission's claims (its upload URLs, finalizes, arrivals), keeping its deletion mark. */
export async function removeSubmissionClaims(submissionId: string): Promise<void> {
  for (;;) {
    const found = await auth.elevate(items.query)(CLAIMS).eq('submissionId', submissionId).ne('scope', 'deleted').limit(PAGE).find();
    for (const item of found.items as ClaimItem[]) await releaseClaim(CLAIMS, item._id);
    if (found.items.length < PAGE) return;
  }
}

/**
 * Marks a submission the owner deleted, with the files its deletion moved to the trash: one of
 * them back in visitor-uploads was restored by the owner, any other file of it was not seen then.
 */
export async function markSubmissionDeleted(submissionId: string, trashedFileIds: string[]): Promise<void> {
  await auth.elevate(items.save)(CLAIMS, {
    _id: `deleted:${submissionId}`,
    scope: 'deleted',
    submissionId,
    fileIds: trashedFileIds,
    at: Date.now(),
  });
}

/** The files a deleted submission's deletion moved to the trash; undefined when it was not deleted. */
export async function trashedWithSubmission(submissionId: string): Promise<string[] | undefined> {
  const mark = await readClaim(`deleted:${submissionId}`);
  return mark ? (mark.fileIds ?? []) : undefined;
}

/** Takes the sweep's turn for a period; false when another call took it. Pruned with the day's counts. */
export async function claimSweepTurn(period: number, day: string): Promise<boolean> {
  return insertOnce(CLAIMS, { _id: `sweep:${period}`, scope: 'sweep', day, at: Date.now() });
}

const SWEEP_MARK = 'sweep-mark';

/** When the last sweep that saw every file of its window began (ms); files changed before that were checked then. */
export async function lastCompleteSweepStart(): Promise<number | undefined> {
  return (await readClaim(SWEEP_MARK))?.at;
}

export async function markCompleteSweep(startedAt: number): Promise<void> {
  await auth.elevate(items.save)(CLAIMS, { _id: SWEEP_MARK, scope: 'sweep-mark', at: startedAt });
}

/** Removes up to `max` claims of days before `day` (daily counts and sweep turns: they count nothing any more). */
export async function pruneDaysBefore(day: string, max: number): Promise<void> {
  const old = await auth.elevate(items.query)(CLAIMS).lt('day', day).limit(max).find();
  for (const item of old.items as ClaimItem[]) await releaseClaim(CLAIMS, item._id);
}
