import type { Router } from './http.js';
import { readJsonBody, sendJson } from './http.js';
import { WixApiError } from './api-error.js';
import { IDENTITY_AUDIENCE, type TokenSigner } from './identity.js';
import { asRecord } from './json.js';

/**
 * Token Info (POST www.wixapis.com/oauth2/token-info), what `auth.getTokenInfo()` of
 * @wix/essentials calls: who a token stands for. An unknown or expired token is not active.
 */
export function mountTokenInfo(router: Router, signer: TokenSigner): void {
  router.on('POST', '/oauth2/token-info', async ({ req, res }) => {
    const { token } = asRecord(await readJsonBody(req));
    if (typeof token !== 'string' || token === '') {
      throw WixApiError.validation([{ field: 'token', description: 'is required', violatedRule: 'REQUIRED_FIELD' }]);
    }
    const identity = await signer.readIdentity(token);
    if (!identity) {
      sendJson(res, 200, { active: false, subjectType: 'UNKNOWN', subjectId: '', exp: 0, iat: 0, siteId: '' });
      return;
    }
    const claims = (await signer.verify(token.replace(/^Bearer\s+/i, ''), IDENTITY_AUDIENCE)) ?? {};
    sendJson(res, 200, {
      active: true,
      subjectType: identity.subjectType,
      subjectId: identity.subjectId,
      exp: Number(claims.exp ?? 0),
      iat: Number(claims.iat ?? 0),
      siteId: identity.siteId,
      instanceId: identity.instanceId,
    });
  });
}
