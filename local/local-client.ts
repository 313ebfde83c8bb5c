import { createClient, type AuthenticationStrategy } from '@wix/sdk';
import { importSPKI, jwtVerify } from 'jose';

export const WIX_API_ORIGIN = 'https://www.wixapis.com';

/**
 * A fetch that sends the SDK's www.wixapis.com calls to the local emulator instead, leaving the
 * path untouched (the SDK maps REST paths by host, so the host it sees must stay www.wixapis.com).
 */
export function fetchThroughLocalWix(localOrigin: string, baseFetch: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(WIX_API_ORIGIN)) return baseFetch(input, init);
    const local = localOrigin + url.slice(WIX_API_ORIGIN.length);
    return typeof input === 'string' || input instanceof URL ? baseFetch(local, init) : baseFetch(new Request(local, input), init);
  };
}

/**
 * Authenticates as one identity of the local site with a token the emulator issued, and reads
 * webhook bodies signed by the emulator (what Wix's public key does for a real app).
 */
export function localTokenAuth(accessToken: string, emulatorPublicKeyPem?: string): AuthenticationStrategy {
  return {
    getAuthHeaders: () => ({ headers: { Authorization: accessToken } }),
    getActiveToken: () => accessToken,
    async decodeJWT(token: string) {
      if (!emulatorPublicKeyPem) throw new Error('This client cannot verify webhook bodies: no public key');
      const { payload } = await jwtVerify(token, await importSPKI(emulatorPublicKeyPem, 'RS256'));
      return { decoded: { data: payload.data }, valid: true };
    },
  };
}

export function createLocalClient(localOrigin: string, accessToken: string, emulatorPublicKeyPem?: string) {
  return createClient({
    auth: localTokenAuth(accessToken, emulatorPublicKeyPem),
    fetch: fetchThroughLocalWix(localOrigin),
    modules: {},
  });
}

export type LocalClient = ReturnType<typeof createLocalClient>;
