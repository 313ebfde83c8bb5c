import type { SubjectType } from '../emulator/platform/identity.js';

/** Where the local Wix hands out tokens of the local site (local/local-identities.ts). */
export const LOCAL_IDENTITIES_PATH = '/_local/identities';

/**
 * What signing in to Wix gives: a token for one identity of the local site, the site owner by
 * default. Throws with a sentence saying why when the local Wix cannot be reached or refuses.
 */
export async function signInToLocalSite(origin: string, subjectType: SubjectType = 'USER', fetchFn: typeof fetch = fetch): Promise<string> {
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

/** fetch's "fetch failed" hides the reason in its cause: ECONNREFUSED, ENOTFOUND... */
export function networkCause(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
