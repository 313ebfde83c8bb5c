import { UsageError } from '../exit-codes.js';
import type { CliOptions } from '../options.js';
import { localWixTarget } from './local-wix.js';
import { realSiteTarget } from './real-site.js';
import type { UploadTarget } from './target.js';

/** The local Wix by default; a real site when WIX_SITE_ID and WIX_API_KEY are both set. */
export function chooseTarget(options: Pick<CliOptions, 'url'>, env: NodeJS.ProcessEnv): UploadTarget {
  const siteId = env.WIX_SITE_ID?.trim();
  const apiKey = env.WIX_API_KEY?.trim();
  if (!siteId && !apiKey) return localWixTarget(options.url);
  if (!siteId)
    throw new UsageError('WIX_API_KEY is set but WIX_SITE_ID is not: set both to upload to a Wix site, or neither for the local Wix');
  if (!apiKey)
    throw new UsageError('WIX_SITE_ID is set but WIX_API_KEY is not: set both to upload to a Wix site, or neither for the local Wix');
  if (options.url !== undefined) {
    throw new UsageError(
      '--url names the local Wix, but WIX_SITE_ID and WIX_API_KEY are set for a Wix site: unset them, or leave out --url',
    );
  }
  return realSiteTarget(siteId, apiKey);
}
