import { DEFAULT_LOCAL_WIX_URL, signInToLocalSite } from '../../clients/local-wix.js';
import { webMethodsBackend } from '../../clients/upload-backends.js';
import { callWebMethod, UPLOADS_WEB_MODULE } from '../../clients/web-methods.js';
import { errorMessageOf } from '../../src/upload-engine/node/index.js';
import { ConnectError } from '../exit-codes.js';
import { folderNameOf, withTimeout, type TargetConnection, type UploadTarget } from './target.js';

/**
 * The local Wix (`--url`, by default where `npm start` serves it): signed in as the site owner, as
 * the dashboard is, the engine's backend is the app's web methods over HTTP.
 */
export function localWixTarget(origin = DEFAULT_LOCAL_WIX_URL): UploadTarget {
  return {
    description: `the local Wix at ${origin}`,
    place: { kind: 'local-wix', origin },
    recordsName: folderNameOf(`local-${new URL(origin).host}`),
    connect: (fetchFn = fetch) => connectToLocalWix(origin, withTimeout(fetchFn)),
  };
}

async function connectToLocalWix(origin: string, fetchFn: typeof fetch): Promise<TargetConnection> {
  let token: string;
  try {
    token = await signInToLocalSite(origin, 'USER', fetchFn);
  } catch (error) {
    throw new ConnectError({ key: 'cli.error.localWixUnreachable', values: { detail: errorMessageOf(error) } });
  }
  // The owner check goes out now and is awaited before any byte is sent (run-uploads.ts); the
  // files' sessions and the check for duplicates go out beside it instead of a round trip later.
  const admitted = callWebMethod(origin, token, UPLOADS_WEB_MODULE, 'listFolders', [], fetchFn).then(
    () => undefined,
    (error: unknown) => {
      throw new ConnectError({ key: 'cli.error.ownerNotLetIn', values: { origin, detail: errorMessageOf(error) } });
    },
  );
  admitted.catch(() => undefined); // awaited later: a refusal before then is not an unhandled rejection
  return { backend: webMethodsBackend(origin, token, fetchFn), admitted };
}
