import { DEFAULT_LOCAL_URL, type CliOptions } from './options.js';
import { UsageError } from './exit-codes.js';

/** Where files go: the local Wix (its app's web methods), or a real site through its API key. */
export type Target = { kind: 'local'; origin: string } | { kind: 'site'; siteId: string; apiKey: string };

/** The local Wix by default; a real site when WIX_SITE_ID and WIX_API_KEY are both set. */
export function targetOf(options: Pick<CliOptions, 'url'>, env: NodeJS.ProcessEnv): Target {
  const siteId = env.WIX_SITE_ID?.trim();
  const apiKey = env.WIX_API_KEY?.trim();
  if (!siteId && !apiKey) return { kind: 'local', origin: options.url ?? DEFAULT_LOCAL_URL };
  if (!siteId)
    throw new UsageError('WIX_API_KEY is set but WIX_SITE_ID is not: set both to upload to a Wix site, or neither for the local Wix');
  if (!apiKey)
    throw new UsageError('WIX_SITE_ID is set but WIX_API_KEY is not: set both to upload to a Wix site, or neither for the local Wix');
  if (options.url !== undefined) {
    throw new UsageError(
      '--url names the local Wix, but WIX_SITE_ID and WIX_API_KEY are set for a Wix site: unset them, or leave out --url',
    );
  }
  return { kind: 'site', siteId, apiKey };
}

/** A folder name for the target's resume records: records of one server are never tried on another. */
export function targetName(target: Target): string {
  const name = target.kind === 'local' ? `local-${new URL(target.origin).host}` : `site-${target.siteId}`;
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-{2,}/g, '-');
}

export function describeTarget(target: Target): string {
  return target.kind === 'local' ? `the local Wix at ${target.origin}` : `the Wix site ${target.siteId}`;
}
