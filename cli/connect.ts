import { signInToLocalSite } from '../local/shared/local-sign-in.js';
import { callWebMethod, UPLOADS_WEB_MODULE, webMethodsBackend } from '../local/shared/web-methods-client.js';
import type { UploadBackend } from '../src/upload-engine/upload-backend.js';
import { errorMessageOf } from '../src/upload-engine/upload-error.js';
import { ConnectError } from './exit-codes.js';
import type { Target } from './target.js';

/**
 * The engine's backend for the target, once it has answered: the local Wix signs us in as the
 * site owner (as the dashboard does) and its web methods accept the token; a site accepts the API
 * key. Throws a ConnectError saying why not.
 */
export async function connect(target: Target, fetchFn: typeof fetch = fetch): Promise<UploadBackend> {
  if (target.kind === 'local') return connectToLocalWix(target.origin, fetchFn);
  // The Wix SDK takes a while to load, and only a real site needs it.
  const [{ ApiKeyStrategy }, site] = await Promise.all([import('@wix/sdk'), import('./direct-media-backend.js')]);
  return site.connectToSite(
    site.createMediaClient(ApiKeyStrategy({ siteId: target.siteId, apiKey: target.apiKey }), fetchFn),
    target.siteId,
  );
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
