import type { RateLimited, VisitorUploadRules } from '../shared/visitor-uploads';
import { formatDuration } from '../shared/format';
import { claimDailyPlace, dailyPlacesTaken, releaseDailyPlace, type DailyCount } from './visitor-claims';
import { secondsUntilNextUtcDay, utcDay } from './numbered-claims';
import type { Caller } from './visitor-access';

function rateLimited(reason: string, now: number): RateLimited {
  const retryAfterSeconds = secondsUntilNextUtcDay(now);
  return { ok: false, code: 'RATE_LIMITED', retryAfterSeconds, reason: `${reason} Try again in ${formatDuration(retryAfterSeconds)}.` };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const LIMITS: Record<
  DailyCount,
  (rules: VisitorUploadRules) => { visitor: number; site: number; visitorWords: string; siteWords: string }
> = {
  files: (rules) => ({
    visitor: rules.maxFilesPerVisitorPerDay,
    site: rules.maxFilesPerDay,
    visitorWords: `You can send at most ${plural(rules.maxFilesPerVisitorPerDay, 'file')} a day.`,
    siteWords: 'This site has received all the files it accepts today.',
  }),
  submissions: (rules) => ({
    visitor: rules.maxSubmissionsPerVisitorPerDay,
    site: rules.maxSubmissionsPerDay,
    visitorWords: `You can start at most ${plural(rules.maxSubmissionsPerVisitorPerDay, 'submission')} a day.`,
    siteWords: 'This site has received all the submissions it accepts today.',
  }),
};

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
  now = Date.now(),
): Promise<DailyPlace | RateLimited> {
  const day = utcDay(now);
  const limits = LIMITS[count](rules);
  const mine = await claimDailyPlace(count, day, limits.visitor, caller.id);
  if (!mine) return rateLimited(limits.visitorWords, now);
  if (!(await claimDailyPlace(count, day, limits.site))) {
    await releaseDailyPlace(mine);
    return rateLimited(limits.siteWords, now);
  }
  return { release: () => releaseDailyPlace(mine) };
}

/**
 * When the caller's or the site's files of today are all taken, why: a submission that could
 * hold no file is refused at its start. A read, not a place: the file's own request takes one.
 */
export async function filesTodayFull(rules: VisitorUploadRules, caller: Caller, now = Date.now()): Promise<RateLimited | undefined> {
  const day = utcDay(now);
  const limits = LIMITS.files(rules);
  if ((await dailyPlacesTaken('files', day, caller.id)) >= limits.visitor) return rateLimited(limits.visitorWords, now);
  if ((await dailyPlacesTaken('files', day)) >= limits.site) return rateLimited(limits.siteWords, now);
  return undefined;
}

export function isRateLimited(value: DailyPlace | RateLimited): value is RateLimited {
  return 'ok' in value;
}
