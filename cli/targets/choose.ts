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
  if (!siteId) throw new UsageError({ key: 'cli.error.keyWithoutSite' });
  if (!apiKey) throw new UsageError({ key: 'cli.error.siteWithoutKey' });
  if (options.url !== undefined) {
    throw new UsageError({ key: 'cli.error.urlWithSite' });
  }
  return realSiteTarget(siteId, apiKey);
}
