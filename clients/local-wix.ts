import { networkCause } from './network.js';

/**
 * The local Wix as its clients reach it (the command line, the tests, the benchmarks): where
 * `npm start` serves it unless PORT or HOST say otherwise, and signing in to it as one identity of
 * the local site (what signing in to Wix gives).
 */
export const LOCAL_WIX_DEFAULT_ADDRESS = { host: '127.0.0.1', port: 5173 } as const;
export const DEFAULT_LOCAL_WIX_URL = `http://${LOCAL_WIX_DEFAULT_ADDRESS.host}:${LOCAL_WIX_DEFAULT_ADDRESS.port}`;

/** Where the local Wix hands out tokens of the local site (local/local-identities.ts). */
export const LOCAL_IDENTITIES_PATH = '/_local/identities';

/** Who a token of the local site stands for, as Wix's Token Info names it. */
export type LocalSubjectType = 'USER' | 'MEMBER' | 'VISITOR' | 'APP';

/**
 * A token for one identity of the local site, the site owner by default. Throws with a sentence
 * saying why when the local Wix cannot be reached or refuses.
 */
export async function signInToLocalSite(
  origin: string,
  subjectType: LocalSubjectType = 'USER',
  fetchFn: typeof fetch = fetch,
): Promise<string> {
  let response: Response;
  try {
    response = await fetchFn(`${origin}${LOCAL_IDENTITIES_PATH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ subjectType }),
    });
  } catch (error) {
    throw new Error(`The local Wix at ${origin} could not be reached (${networkCause(error)})`);
  }
  const text = await response.text();
  let accessToken: unknown;
  try {
    accessToken = (JSON.parse(text) as { accessToken?: unknown }).accessToken;
  } catch {
    accessToken = undefined;
  }
  if (response.status !== 200 || typeof accessToken !== 'string') {
    throw new Error(
      `${origin} gave no token of the local site: POST ${LOCAL_IDENTITIES_PATH} answered ${response.status} ${text.slice(0, 200)}`,
    );
  }
  return accessToken;
}
