import { createClient, type Host } from '@wix/sdk';
import { fetchThroughLocalWix, localTokenAuth } from '../local-client';
import { createSiteChannel } from './site-channel';
import type { HostEssentials } from '../host-language';

export type SiteRole = 'VISITOR' | 'MEMBER';

interface StoredIdentity {
  accessToken: string;
  subjectId: string;
  issuedAt: number;
}

/** Identity tokens live 24 hours; a new one is asked a little before. */
const RENEW_AFTER_MS = 20 * 3600 * 1000;

/**
 * The identity a browser has on the local site, kept across reloads as Wix keeps a visitor's
 * session: the same visitor (or member) id, so per-visitor limits and continued uploads apply.
 */
export async function siteIdentity(role: SiteRole): Promise<StoredIdentity> {
  const key = `local-site/identity/${role}`;
  try {
    const stored = JSON.parse(localStorage.getItem(key) ?? 'null') as StoredIdentity | null;
    if (stored && Date.now() - stored.issuedAt < RENEW_AFTER_MS) return stored;
  } catch {
    // Nothing usable stored: ask for a new identity.
  }
  const response = await fetch('/_local/identities', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ subjectType: role }),
  });
  const { accessToken, subjectId } = (await response.json()) as { accessToken: string; subjectId: string };
  const identity = { accessToken, subjectId, issuedAt: Date.now() };
  localStorage.setItem(key, JSON.stringify(identity));
  return identity;
}

/**
 * Makes web-method calls of this page run as `accessToken`, through the local Wix, and gives host
 * modules the local site's channel (@wix/site-members) and language (@wix/essentials' i18n).
 */
export function enableSiteContext(accessToken: string, essentials: HostEssentials): void {
  // `essentials` is what @wix/essentials' i18n reads: the site's current language, as a multilingual site gives it.
  const host = { channel: createSiteChannel(), environment: {}, name: 'local-wix-site', essentials } as unknown as Host;
  const client = createClient({ host, auth: localTokenAuth(accessToken), fetch: fetchThroughLocalWix(window.location.origin) });
  client.enableContext('global');
}
