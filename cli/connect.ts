import { ApiKeyStrategy } from '@wix/sdk';
import { networkCause, signInToLocalSite } from '../local/shared/local-sign-in.js';
import { callWebMethod, UPLOADS_WEB_MODULE, webMethodsBackend } from '../local/shared/web-methods-client.js';
import type { UploadBackend } from '../src/upload-engine/upload-backend.js';
import { errorMessageOf } from '../src/upload-engine/upload-error.js';
import { createMediaClient, directMediaBackend, probeMediaManager, statusOf, type MediaClient } from './direct-media-backend.js';
import { ConnectError } from './exit-codes.js';
import type { Target } from './target.js';

/**
 * The engine's backend for the target, once it has answered: the local Wix signs us in as the
 * site owner (as the dashboard does) and its web methods accept the token; a site accepts the API
 * key. Throws a ConnectError saying why not.
 */
export async function connect(target: Target, fetchFn: typeof fetch = fetch): Promise<UploadBackend> {
  return target.kind === 'local'
    ? connectToLocalWix(target.origin, fetchFn)
    : connectToSite(createMediaClient(ApiKeyStrategy({ siteId: target.siteId, apiKey: target.apiKey }), fetchFn), target.siteId);
}

async function connectToLocalWix(origin: string, fetchFn: typeof fetch): Promise<UploadBackend> {
  let token: string;
  try {
    token = await signInToLocalSite(origin, 'USER', fetchFn);
  } catch (error) {
    throw new ConnectError(`${errorMessageOf(error)}. Is it running? Start it with \`npm start\`, or name it with --url.`);
  }
  try {
    await callWebMethod(origin, token, UPLOADS_WEB_MODULE, 'listFolders', [], fetchFn);
  } catch (error) {
    throw new ConnectError(`The app on the local Wix at ${origin} did not let the site owner in: ${errorMessageOf(error)}`);
  }
  return webMethodsBackend(origin, token, fetchFn);
}

/** Exported for the tests, which give it a client of the local Wix: the API key itself needs a real site. */
export async function connectToSite(client: MediaClient, siteId: string): Promise<UploadBackend> {
  try {
    await probeMediaManager(client);
  } catch (error) {
    const status = statusOf(error);
    if (status === undefined) throw new ConnectError(`Wix could not be reached (${networkCause(error)})`);
    if (status === 401 || status === 403) {
      throw new ConnectError(
        `Wix refused the API key for site ${siteId} (HTTP ${status}): it needs the Manage Media Manager permission, and WIX_SITE_ID must be a site of its account`,
      );
    }
    throw new ConnectError(`The Media Manager of site ${siteId} answered HTTP ${status}: ${errorMessageOf(error)}`);
  }
  return directMediaBackend(client);
}
