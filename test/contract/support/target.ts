import { ApiKeyStrategy, createClient } from '@wix/sdk';
import { files, folders } from '@wix/media';
import { items } from '@wix/data';
import { startTestApp } from '../../support/local-app.js';
import { fetchThroughLocalWix, localTokenAuth } from '../../../local/local-client.js';
import { parseVariants, type WixVariant } from '../../../local/emulator/platform/variants.js';
import type { LocalApp } from '../../../local/server.js';

function sdkClient(auth: Parameters<typeof createClient>[0]['auth'], fetchImpl?: typeof fetch) {
  return createClient({ auth, ...(fetchImpl ? { fetch: fetchImpl } : {}), modules: { files, folders, items } });
}

export type WixSdk = ReturnType<typeof sdkClient>;

/** The page a browser request of the app comes from: its origin, and its address (sent as Referer). */
export interface PageContext {
  origin: string;
  referer: string;
}

/** What only the local Wix lets a test do: reach its internals, to provoke what no client can and see what it sent. */
export interface LocalInternals {
  app: LocalApp & { dataDir: string };
  variants: ReadonlySet<WixVariant>;
  eventDelayMs: number;
}

/** Where the contract suite runs: the local Wix (the default, in any variant), or a real site. */
export interface ContractTarget {
  kind: 'local' | 'wix';
  /** The site's Media Manager and Wix Data through the official SDK, as the app's backend (elevated) calls them. */
  wix: WixSdk;
  /** Where the app's pages are: the dashboard's, and the site's (where the widget is). */
  pages: { dashboard: PageContext; site: PageContext };
  local?: LocalInternals;
  close(): Promise<void>;
}

/** Set both to run the suite against a real site: an API key with Manage Media Manager, and the site's id. */
export const REAL_SITE =
  process.env.WIX_SITE_ID && process.env.WIX_API_KEY ? { siteId: process.env.WIX_SITE_ID, apiKey: process.env.WIX_API_KEY } : undefined;

/** Cases only the local Wix can answer (its clock, its internals) are skipped on a real site, saying why. */
export const ON_REAL_SITE = REAL_SITE !== undefined;

/** The variants `npm run test:contract` runs the local Wix in (WIX_VARIANT), when not on a real site. */
export const LOCAL_VARIANTS = parseVariants(process.env.WIX_VARIANT);

/** How late events come under events-late in the contract's local Wix: long enough to tell from prompt ones. */
export const CONTRACT_EVENT_DELAY_MS = 2500;

export async function openContractTarget(variants: ReadonlySet<WixVariant> = LOCAL_VARIANTS): Promise<ContractTarget> {
  if (REAL_SITE) {
    const siteUrl = process.env.WIX_SITE_URL ?? 'https://example.wixsite.com';
    return {
      kind: 'wix',
      wix: sdkClient(ApiKeyStrategy(REAL_SITE)),
      pages: {
        dashboard: { origin: 'https://manage.wix.com', referer: 'https://manage.wix.com/dashboard' },
        site: { origin: new URL(siteUrl).origin, referer: siteUrl },
      },
      close: async () => undefined,
    };
  }
  const app = await startTestApp({ processingDelayMs: 50, variants, eventDelayMs: CONTRACT_EVENT_DELAY_MS });
  const token = await app.issueToken('APP');
  return {
    kind: 'local',
    wix: sdkClient(localTokenAuth(token), fetchThroughLocalWix(app.url)),
    pages: {
      dashboard: { origin: app.url, referer: `${app.url}/dashboard` },
      site: { origin: app.url, referer: `${app.url}/site` },
    },
    local: { app, variants, eventDelayMs: CONTRACT_EVENT_DELAY_MS },
    close: () => app.close(),
  };
}
