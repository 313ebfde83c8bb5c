import type { RateLimited, VisitorUploadRules } from '../shared/visitor-uploads';
import { formatDuration } from '../shared/format';
import { filesRequestedSince } from './visitor-submissions';
import type { Caller } from './visitor-access';

const DAY_MS = 24 * 3600 * 1000;

function rateLimited(reason: string, oldest: Date | undefined, now: number): RateLimited {
  // The window slides: the oldest file of the last 24 hours leaves it first.
  const retryAfterSeconds = Math.max(1, Math.ceil(((oldest?.getTime() ?? now) + DAY_MS - now) / 1000));
  return { ok: false, code: 'RATE_LIMITED', retryAfterSeconds, reason: `${reason} Try again in ${formatDuration(retryAfterSeconds)}.` };
}

/**
 * Why `adding` more files would break a daily limit (the caller's own, or the site's), over the
 * last 24 hours; undefined when they fit.
 */
export async function dailyLimitRefusal(rules: VisitorUploadRules, caller: Caller, adding: number): Promise<RateLimited | undefined> {
  const now = Date.now();
  const since = new Date(now - DAY_MS);
  const mine = await filesRequestedSince(since, caller.id);
  if (mine.files + adding > rules.maxFilesPerVisitorPerDay) {
    const limit = rules.maxFilesPerVisitorPerDay;
    return rateLimited(`You can send at most ${limit} file${limit === 1 ? '' : 's'} a day.`, mine.oldest, now);
  }
  const everyone = await filesRequestedSince(since);
  if (everyone.files + adding > rules.maxFilesPerDay) {
    return rateLimited('This site has received all the files it accepts today.', everyone.oldest, now);
  }
  return undefined;
}
