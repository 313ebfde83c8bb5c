import { signInToLocalSite } from '../local/shared/local-sign-in.js';
import { callWebMethod, UPLOADS_WEB_MODULE, webMethodsBackend } from '../local/shared/web-methods-client.js';
import type { UploadBackend } from '../src/upload-engine/upload-backend.js';
import { errorMessageOf } from '../src/upload-engine/upload-error.js';
import { ConnectError } from './exit-codes.js';
import type { Target } from './target.js';

/**
 * How long a call of the backend may take (they are small JSON requests; the bytes go over tus):
 * a server that accepts the connection and never answers is given up, and the engine retries.
 */
const API_TIMEOUT_MS = 60_000;

function withTimeout(fetchFn: typeof fetch, timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    return fetchFn(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  };
}

/**
 * The engine's backend for the target, once it has answered: the local Wix signs us in as the
 * site owner (as the dashboard does) and its web methods accept the token; a site accepts the API
 * key. Throws a ConnectError saying why not.
 */
export async function connect(target: Target, baseFetch: typeof fetch = fetch): Promise<UploadBackend> {
  const fetchFn = withTimeout(baseFetch, API_TIMEOUT_MS);
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
