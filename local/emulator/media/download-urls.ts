import { WixApiError } from '../platform/api-error.js';
import type { TokenSigner } from '../platform/identity.js';
import { asRecord } from '../platform/json.js';

const DOWNLOAD_AUDIENCE = 'urn:local-wix:download';

/** Generate File Download URL's documented defaults and bounds (the @wix/media SDK's typings). */
export const DOWNLOAD_URL_LIMITS = {
  defaultExpirationMinutes: 600,
  maxExpirationMinutes: 525_600,
  downloadFileNameMaxLength: 100,
} as const;

export type ContentDisposition = 'ATTACHMENT' | 'INLINE';

export interface DownloadGrant {
  fileId: string;
  downloadFileName?: string;
  contentDisposition: ContentDisposition;
  expirationRedirectUrl?: string;
}

export interface DownloadUrlRequest extends DownloadGrant {
  expirationInMinutes: number;
}

/** The body of POST /site-media/v1/files/generate-file-download-url, checked as Wix documents it. */
export function readDownloadUrlRequest(body: unknown): DownloadUrlRequest {
  const input = asRecord(body);
  const violations = [];
  if (typeof input.fileId !== 'string' || input.fileId === '') {
    violations.push({ field: 'fileId', description: 'is required', violatedRule: 'REQUIRED_FIELD' as const });
  }
  const minutes = input.expirationInMinutes ?? DOWNLOAD_URL_LIMITS.defaultExpirationMinutes;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > DOWNLOAD_URL_LIMITS.maxExpirationMinutes) {
    violations.push({
      field: 'expirationInMinutes',
      description: `must be a whole number from 1 to ${DOWNLOAD_URL_LIMITS.maxExpirationMinutes}`,
      violatedRule: 'FORMAT' as const,
    });
  }
  const name = input.downloadFileName;
  if (name !== undefined && name !== null && (typeof name !== 'string' || name.length > DOWNLOAD_URL_LIMITS.downloadFileNameMaxLength)) {
    violations.push({
      field: 'downloadFileName',
      description: `must be text of at most ${DOWNLOAD_URL_LIMITS.downloadFileNameMaxLength} characters`,
      violatedRule: 'MAX_LENGTH' as const,
    });
  }
  const disposition = input.contentDisposition ?? 'ATTACHMENT';
  if (disposition !== 'ATTACHMENT' && disposition !== 'INLINE') {
    violations.push({
      field: 'contentDisposition',
      description: 'must be ATTACHMENT or INLINE',
      violatedRule: 'INVALID_ENUM_VALUE' as const,
    });
  }
  const redirect = input.expirationRedirectUrl;
  if (redirect !== undefined && redirect !== null && (typeof redirect !== 'string' || !URL.canParse(redirect))) {
    violations.push({ field: 'expirationRedirectUrl', description: 'must be a web URL', violatedRule: 'FORMAT' as const });
  }
  if (violations.length > 0) throw WixApiError.validation(violations);
  return {
    fileId: input.fileId as string,
    downloadFileName: (name as string | undefined) || undefined,
    contentDisposition: disposition as ContentDisposition,
    expirationRedirectUrl: (redirect as string | undefined) || undefined,
    expirationInMinutes: minutes as number,
  };
}

/**
 * Temporary signed download URLs, as Generate File Download URL hands out: the token names the
 * file and how to serve it, and stops working when it expires. The only way to read a private file.
 */
export class DownloadUrls {
  constructor(
    private readonly signer: TokenSigner,
    private readonly mediaOrigin: () => string,
  ) {}

  async create(request: DownloadUrlRequest): Promise<string> {
    const { expirationInMinutes, ...grant } = request;
    const token = await this.signer.sign({ grant }, DOWNLOAD_AUDIENCE, expirationInMinutes * 60);
    return `${this.mediaOrigin()}/download/${token}`;
  }

  /** The grant a token carries; undefined when it is forged or expired. */
  async read(token: string): Promise<DownloadGrant | undefined> {
    const claims = await this.signer.verify(token, DOWNLOAD_AUDIENCE);
    const grant = asRecord(claims?.grant);
    return typeof grant.fileId === 'string' ? (grant as unknown as DownloadGrant) : undefined;
  }

  /** The grant's redirect for an expired token, read without checking expiry (the signature still counts). */
  async expiredRedirect(token: string): Promise<string | undefined> {
    const claims = await this.signer.verify(token, DOWNLOAD_AUDIENCE, { ignoreExpiry: true });
    const redirect = asRecord(claims?.grant).expirationRedirectUrl;
    return typeof redirect === 'string' ? redirect : undefined;
  }
}
