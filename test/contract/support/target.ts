import { ApiKeyStrategy, createClient } from '@wix/sdk';
import { files, folders } from '@wix/media';
import { startTestApp } from '../../support/local-app.js';
import { fetchThroughLocalWix, localTokenAuth } from '../../../local/shared/local-client.js';

function sdkClient(auth: Parameters<typeof createClient>[0]['auth'], fetchImpl?: typeof fetch) {
  return createClient({ auth, ...(fetchImpl ? { fetch: fetchImpl } : {}), modules: { files, folders } });
}

export type WixSdk = ReturnType<typeof sdkClient>;

/** Where the contract suite runs: the local Wix (the default), or a real site. */
export interface ContractTarget {
  kind: 'local' | 'wix';
  /** The site's Media Manager through the official SDK, as the app's backend (elevated) calls it. */
  wix: WixSdk;
  close(): Promise<void>;
}

/** Set both to run the suite against a real site: an API key with Manage Media Manager, and the site's id. */
export const REAL_SITE =
  process.env.WIX_SITE_ID && process.env.WIX_API_KEY ? { siteId: process.env.WIX_SITE_ID, apiKey: process.env.WIX_API_KEY } : undefined;

/** Cases only the local Wix can answer (its clock, its internals) are skipped on a real site, saying why. */
export const ON_REAL_SITE = REAL_SITE !== undefined;

export async function openContractTarget(): Promise<ContractTarget> {
  if (REAL_SITE) {
    return { kind: 'wix', wix: sdkClient(ApiKeyStrategy(REAL_SITE)), close: async () => undefined };
  }
  const app = await startTestApp({ processingDelayMs: 50 });
  const token = await app.issueToken('APP');
  return { kind: 'local', wix: sdkClient(localTokenAuth(token), fetchThroughLocalWix(app.url)), close: () => app.close() };
}
