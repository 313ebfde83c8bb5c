import path from 'node:path';
import { LOCAL_WIX_DEFAULT_ADDRESS } from '../../../clients/local-wix.js';
import { DEFAULT_EVENT_DELAY_MS, parseVariants, type WixVariant } from './variants.js';

export interface LocalWixConfig {
  /** TCP port; 0 picks a free one. */
  port: number;
  /** The port media bytes are served on, another origin; by default port + 1 (0 when port is 0). */
  mediaPort?: number;
  /** The address to listen on; a loopback address unless allowRemote. */
  host: string;
  /**
   * Listen on a non-loopback address. Anyone who can reach it can get a site owner's token from
   * the local identity endpoint, so it is refused unless asked for.
   */
  allowRemote: boolean;
  /** Where bytes, the SQLite database and the keys live. */
  dataDir: string;
  /** Largest upload accepted over tus, in bytes (413 above it). */
  maxUploadBytes: number;
  /** How long the Media Manager "processes" a file before it is READY or FAILED. */
  processingDelayMs: number;
  /** How long a generated upload token stays valid. */
  uploadTokenTtlSeconds: number;
  /** Where events are POSTed; by default the local app runtime on the same origin. */
  webhookUrl?: string;
  /** Serve the dashboard page at `/` (false: the Wix APIs and the app's backend only). */
  dashboard: boolean;
  /** How the local Wix answers where Wix documents nothing (platform/variants.ts); none: as the app assumes. */
  variants: ReadonlySet<WixVariant>;
  /** How late events come under the events-late variant. */
  eventDelayMs: number;
  /** The largest request body the proxy of the proxy-body-limit variant lets through, in bytes. */
  proxyBodyLimitBytes: number;
  /** Also host the example dashboard pages of docs/EXTENDING.md (examples/dashboard-pages). */
  examples?: boolean;
}

const GIB = 1024 ** 3;

export const DEFAULT_CONFIG: Omit<LocalWixConfig, 'dataDir'> = {
  port: LOCAL_WIX_DEFAULT_ADDRESS.port,
  host: LOCAL_WIX_DEFAULT_ADDRESS.host,
  allowRemote: false,
  maxUploadBytes: 50 * GIB,
  processingDelayMs: 1500,
  uploadTokenTtlSeconds: 7 * 24 * 3600,
  dashboard: true,
  variants: new Set(),
  eventDelayMs: DEFAULT_EVENT_DELAY_MS,
  proxyBodyLimitBytes: 100_000_000,
};

function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    throw new Error(`${name} must be a whole number, got "${value}"`);
  }
  return parsed;
}

/** The configuration `npm start` uses: defaults, overridden by environment variables. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): LocalWixConfig {
  return {
    port: integer(env.PORT, 'PORT', DEFAULT_CONFIG.port),
    mediaPort: env.MEDIA_PORT ? integer(env.MEDIA_PORT, 'MEDIA_PORT', 0) : undefined,
    host: env.HOST || DEFAULT_CONFIG.host,
    allowRemote: env.ALLOW_REMOTE === '1',
    dataDir: path.resolve(env.DATA_DIR || '.local-data'),
    maxUploadBytes: integer(env.MAX_UPLOAD_BYTES, 'MAX_UPLOAD_BYTES', DEFAULT_CONFIG.maxUploadBytes),
    processingDelayMs: integer(env.PROCESSING_DELAY_MS, 'PROCESSING_DELAY_MS', DEFAULT_CONFIG.processingDelayMs),
    uploadTokenTtlSeconds: integer(env.UPLOAD_TOKEN_TTL_SECONDS, 'UPLOAD_TOKEN_TTL_SECONDS', DEFAULT_CONFIG.uploadTokenTtlSeconds),
    webhookUrl: env.WEBHOOK_URL || undefined,
    dashboard: env.DASHBOARD !== 'off',
    variants: parseVariants(env.WIX_VARIANT),
    eventDelayMs: integer(env.WIX_EVENT_DELAY_MS, 'WIX_EVENT_DELAY_MS', DEFAULT_CONFIG.eventDelayMs),
    proxyBodyLimitBytes: integer(env.WIX_PROXY_BODY_LIMIT_BYTES, 'WIX_PROXY_BODY_LIMIT_BYTES', DEFAULT_CONFIG.proxyBodyLimitBytes),
    examples: env.EXAMPLES === 'on' || env.EXAMPLES === '1',
  };
}
