import { SignJWT, jwtVerify, generateKeyPair, exportPKCS8, exportSPKI, importPKCS8 } from 'jose';
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
  /** Signs webhook bodies, as Wix does; the app checks them with publicKeyPem. */
  privateKey: CryptoKey;
  publicKeyPem: string;
  /** Signs the tokens only the emulator reads (identities, upload tokens): HMAC is far cheaper than RSA. */
  tokenSecret: Uint8Array;
}

interface StoredSite {
  siteId: string;
  instanceId: string;
  appId: string;
  ownerId: string;
  mediaPrefix: string;
  privateKeyPem: string;
  publicKeyPem: string;
  tokenSecret?: string;
}

const ALG = 'RS256';
const TOKEN_ALG = 'HS256';
const IDENTITY_CACHE_SIZE = 10_000;
const ISSUER = 'local-wix';
export const IDENTITY_AUDIENCE = 'urn:local-wix:identity';

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
  }
  if (!stored.tokenSecret || !fs.existsSync(file)) {
    stored.tokenSecret ??= randomBytes(32).toString('base64');
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
    tokenSecret: Buffer.from(stored.tokenSecret, 'base64'),
  };
}

/** Signs and checks the tokens of the local site: identities, upload tokens, webhook bodies. */
export class TokenSigner {
  /** Verified identity tokens: every REST call and web method carries one, most of them the same few. */
  private readonly identities = new Map<string, { identity: Identity; expiresAt: number }>();

  constructor(private readonly site: LocalSite) {}

  private build(claims: Record<string, unknown>, audience: string, ttlSeconds: number, jti: string, alg: string): SignJWT {
    return new SignJWT(claims)
      .setProtectedHeader({ alg, typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setJti(jti)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds);
  }

  /** A token only this emulator reads back. */
  sign(claims: Record<string, unknown>, audience: string, ttlSeconds: number, jti: string = randomUUID()): Promise<string> {
    return this.build(claims, audience, ttlSeconds, jti, TOKEN_ALG).sign(this.site.tokenSecret);
  }

  /** A token the app checks with the site's public key, like the JWT Wix posts to webhooks. */
  signForApp(claims: Record<string, unknown>, audience: string, ttlSeconds: number, jti: string = randomUUID()): Promise<string> {
    return this.build(claims, audience, ttlSeconds, jti, ALG).sign(this.site.privateKey);
  }

  /** The verified claims, or undefined when the token is forged, expired or for another audience. */
  async verify(token: string, audience: string, options: { ignoreExpiry?: boolean } = {}): Promise<Record<string, unknown> | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.site.tokenSecret, {
        issuer: ISSUER,
        audience,
        algorithms: [TOKEN_ALG],
        ...(options.ignoreExpiry ? { clockTolerance: Number.MAX_SAFE_INTEGER } : {}),
      });
      return payload as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }

  issueIdentity(subjectType: SubjectType, subjectId: string, ttlSeconds = 24 * 3600): Promise<string> {
    return this.sign({ subjectType, instanceId: this.site.instanceId, siteId: this.site.siteId }, IDENTITY_AUDIENCE, ttlSeconds, subjectId);
  }

  async readIdentity(header: string): Promise<Identity | undefined> {
    const token = header.replace(/^Bearer\s+/i, '');
    const cached = this.identities.get(token);
    if (cached && cached.expiresAt > Date.now()) return cached.identity;
    const claims = await this.verify(token, IDENTITY_AUDIENCE);
    if (!claims) return undefined;
    const subjectType = claims.subjectType as SubjectType;
    if (!SUBJECT_TYPES.includes(subjectType) || typeof claims.jti !== 'string') return undefined;
    const identity: Identity = { subjectType, subjectId: claims.jti, instanceId: this.site.instanceId, siteId: this.site.siteId };
    if (this.identities.size >= IDENTITY_CACHE_SIZE) this.identities.delete(this.identities.keys().next().value!);
    this.identities.set(token, { identity, expiresAt: Number(claims.exp) * 1000 });
    return identity;
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
