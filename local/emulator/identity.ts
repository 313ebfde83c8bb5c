import { SignJWT, jwtVerify, generateKeyPair, exportPKCS8, exportSPKI, importPKCS8, importSPKI } from 'jose';
import { randomUUID, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import { WixApiError } from './api-error.js';

export type SubjectType = 'USER' | 'MEMBER' | 'VISITOR' | 'APP';
export const SUBJECT_TYPES: readonly SubjectType[] = ['USER', 'MEMBER', 'VISITOR', 'APP'];

export interface Identity {
  subjectType: SubjectType;
  subjectId: string;
  instanceId: string;
  siteId: string;
}

/** The one local site: its ids and the key the emulator signs with, kept across restarts. */
export interface LocalSite {
  siteId: string;
  instanceId: string;
  appId: string;
  /** The owner's user id (the site owner who uses the dashboard). */
  ownerId: string;
  /** Media file ids start with this, like Wix's `<prefix>_<hex>~mv2.<ext>`. */
  mediaPrefix: string;
  privateKey: CryptoKey;
  publicKeyPem: string;
}

interface StoredSite {
  siteId: string;
  instanceId: string;
  appId: string;
  ownerId: string;
  mediaPrefix: string;
  privateKeyPem: string;
  publicKeyPem: string;
}

const ALG = 'RS256';
const ISSUER = 'local-wix';
const IDENTITY_AUDIENCE = 'urn:local-wix:identity';

export async function loadOrCreateSite(dataDir: string, appId: string): Promise<LocalSite> {
  const file = path.join(dataDir, 'site.json');
  let stored: StoredSite;
  if (fs.existsSync(file)) {
    stored = JSON.parse(fs.readFileSync(file, 'utf8')) as StoredSite;
  } else {
    const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
    stored = {
      siteId: randomUUID(),
      instanceId: randomUUID(),
      appId,
      ownerId: randomUUID(),
      mediaPrefix: randomBytes(3).toString('hex'),
      privateKeyPem: await exportPKCS8(privateKey),
      publicKeyPem: await exportSPKI(publicKey),
    };
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return {
    siteId: stored.siteId,
    instanceId: stored.instanceId,
    appId: stored.appId,
    ownerId: stored.ownerId,
    mediaPrefix: stored.mediaPrefix,
    privateKey: await importPKCS8(stored.privateKeyPem, ALG),
    publicKeyPem: stored.publicKeyPem,
  };
}

/** Signs and checks the tokens of the local site: identities, upload tokens, webhook bodies. */
export class TokenSigner {
  private publicKey: CryptoKey | undefined;

  constructor(private readonly site: LocalSite) {}

  private async verificationKey(): Promise<CryptoKey> {
    this.publicKey ??= await importSPKI(this.site.publicKeyPem, ALG);
    return this.publicKey;
  }

  async sign(claims: Record<string, unknown>, audience: string, ttlSeconds: number, jti: string = randomUUID()): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ALG, typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setJti(jti)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
      .sign(this.site.privateKey);
  }

  /** The verified claims, or undefined when the token is forged, expired or for another audience. */
  async verify(token: string, audience: string): Promise<Record<string, unknown> | undefined> {
    try {
      const { payload } = await jwtVerify(token, await this.verificationKey(), { issuer: ISSUER, audience });
      return payload as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }

  issueIdentity(subjectType: SubjectType, subjectId: string, ttlSeconds = 24 * 3600): Promise<string> {
    return this.sign(
      { subjectType, instanceId: this.site.instanceId, siteId: this.site.siteId },
      IDENTITY_AUDIENCE,
      ttlSeconds,
      subjectId,
    );
  }

  async readIdentity(token: string): Promise<Identity | undefined> {
    const claims = await this.verify(token.replace(/^Bearer\s+/i, ''), IDENTITY_AUDIENCE);
    if (!claims) return undefined;
    const subjectType = claims.subjectType as SubjectType;
    if (!SUBJECT_TYPES.includes(subjectType) || typeof claims.jti !== 'string') return undefined;
    return { subjectType, subjectId: claims.jti, instanceId: this.site.instanceId, siteId: this.site.siteId };
  }

  /** The caller of a Wix REST call: 401 without a valid Authorization header. */
  async authenticate(req: IncomingMessage): Promise<Identity> {
    const header = req.headers.authorization;
    if (!header) {
      throw WixApiError.application(401, 'UNAUTHENTICATED', 'The Authorization header is missing');
    }
    const identity = await this.readIdentity(header);
    if (!identity) {
      throw WixApiError.application(401, 'UNAUTHENTICATED', 'The Authorization header does not hold a valid token');
    }
    return identity;
  }
}

/** Media Manager write calls: a Wix app or a Wix user (the site's collaborators), as the seed says. */
export function requireAppOrUser(identity: Identity): void {
  if (identity.subjectType !== 'APP' && identity.subjectType !== 'USER') {
    throw WixApiError.application(
      403,
      'PERMISSION_DENIED',
      `A ${identity.subjectType.toLowerCase()} identity may not call this method: it needs a Wix app or Wix user with Manage Media Manager`,
    );
  }
}
