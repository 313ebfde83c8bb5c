import type { Router } from './emulator/platform/http.js';
import { readJsonBody, sendJson } from './emulator/platform/http.js';
import { WixApiError } from './emulator/platform/api-error.js';
import { SUBJECT_TYPES, type LocalSite, type SubjectType, type TokenSigner } from './emulator/platform/identity.js';
import { hostOfHeader, isLoopbackAddress } from './loopback.js';
import { LOCAL_IDENTITIES_PATH } from '../clients/local-wix.js';

/** The site owner and the app have one identity each; every visitor or member is a new one. */
export function subjectIdFor(site: LocalSite, subjectType: SubjectType): string {
  if (subjectType === 'USER') return site.ownerId;
  if (subjectType === 'APP') return site.appId;
  return crypto.randomUUID();
}

/**
 * What signing in to Wix gives: a token for one identity of the local site. It hands out the site
 * owner's power, so it answers only requests addressed to a loopback name: a page of another site
 * that rebinds its DNS name to 127.0.0.1 still sends its own name as Host, and is refused.
 */
export function mountLocalIdentities(router: Router, site: LocalSite, signer: TokenSigner): void {
  router.on('POST', LOCAL_IDENTITIES_PATH, async ({ req, res }) => {
    if (!isLoopbackAddress(hostOfHeader(req.headers.host))) {
      throw WixApiError.application(403, 'NOT_LOOPBACK', 'Local identities are only given to requests addressed to a loopback name');
    }
    const body = (await readJsonBody(req)) as { subjectType?: unknown };
    const subjectType = body.subjectType as SubjectType;
    if (!SUBJECT_TYPES.includes(subjectType)) {
      throw WixApiError.validation([
        { field: 'subjectType', description: `must be one of ${SUBJECT_TYPES.join(', ')}`, violatedRule: 'INVALID_ENUM_VALUE' },
      ]);
    }
    const subjectId = subjectIdFor(site, subjectType);
    sendJson(res, 200, { accessToken: await signer.issueIdentity(subjectType, subjectId), subjectType, subjectId });
  });
}
