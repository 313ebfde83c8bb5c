import type { UploadBackend } from '../../src/upload-engine/node/index.js';
import { folderNameOf, withTimeout, type UploadTarget } from './target.js';

/**
 * A real Wix site (WIX_SITE_ID + WIX_API_KEY): the Media Manager's own API through the Wix SDK with
 * an API key (site-backend.ts), loaded only in this mode: the SDK takes a while to load.
 */
export function realSiteTarget(siteId: string, apiKey: string): UploadTarget {
  return {
    description: `the Wix site ${siteId}`,
    place: { kind: 'site', siteId },
    recordsName: folderNameOf(`site-${siteId}`),
    async connect(fetchFn = fetch): Promise<UploadBackend> {
      const [{ ApiKeyStrategy }, site] = await Promise.all([import('@wix/sdk'), import('./site-backend.js')]);
      return site.connectToSite(site.createMediaClient(ApiKeyStrategy({ siteId, apiKey }), withTimeout(fetchFn)), siteId);
    },
  };
}
