import { folderNameOf, withTimeout, type TargetConnection, type UploadTarget } from './target.js';

/**
 * A real Wix site (WIX_SITE_ID + WIX_API_KEY): the Media Manager's own API through the Wix SDK with
 * an API key (site-backend.ts), loaded only in this mode: the SDK takes a while to load.
 */
export function realSiteTarget(siteId: string, apiKey: string): UploadTarget {
  return {
    description: `the Wix site ${siteId}`,
    place: { kind: 'site', siteId },
    recordsName: folderNameOf(`site-${siteId}`),
    async connect(fetchFn = fetch): Promise<TargetConnection> {
      const [{ ApiKeyStrategy }, site] = await Promise.all([import('@wix/sdk'), import('./site-backend.js')]);
      // Its Media Manager answered before the backend is given: the key is let in already.
      const backend = await site.connectToSite(site.createMediaClient(ApiKeyStrategy({ siteId, apiKey }), withTimeout(fetchFn)), siteId);
      return { backend, admitted: Promise.resolve() };
    },
  };
}
