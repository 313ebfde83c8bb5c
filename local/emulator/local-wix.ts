import fs from 'node:fs';
import path from 'node:path';
import type { LocalWixConfig } from './platform/local-wix-config.js';
import { openDatabase, type SqlDatabase } from './platform/database.js';
import { loadOrCreateSite, TokenSigner, type LocalSite } from './platform/identity.js';
import { Router } from './platform/http.js';
import { FolderStore } from './media/folders.js';
import { MediaFiles } from './media/media-files.js';
import { UploadSessions } from './upload/upload-sessions.js';
import { UploadHashes } from './upload/upload-hashes.js';
import { Md5Thread } from './upload/md5-thread.js';
import { HashingFileStore } from './upload/hashing-file-store.js';
import { EventOutbox } from './platform/outbox.js';
import { MediaProcessing } from './media/media-processing.js';
import { mountMediaApi } from './media/media-api.js';
import { MediaImports, mountMediaImports } from './media/media-imports.js';
import { mountUploadHost, UPLOAD_PATH } from './upload/upload-host.js';
import { mountMediaBytes } from './media/media-bytes.js';
import { DownloadUrls } from './media/download-urls.js';
import { mountDataApi } from './data/data-routes.js';
import { webhookDelivery } from './platform/webhook-delivery.js';
import { DataCollections, type CollectionDefinition } from './data/data-collections.js';
import { mountTokenInfo } from './platform/token-info.js';
import type { WixVariant } from './platform/variants.js';
import type { HashKind } from './upload/finalize.js';

export interface LocalWixOptions {
  config: LocalWixConfig;
  /** The app id the local site has the app installed under (wix.config.json's appId). */
  appId: string;
  /** The Wix Data collections the app declares: the only ones the local site has. */
  collections: readonly CollectionDefinition[];
  /** The app's webhook endpoint when config.webhookUrl is not set. */
  defaultWebhookUrl: () => string;
  /** The origin clients reach the Wix APIs at, known once the server listens. */
  origin: () => string;
  /** The separate origin media bytes are served from (like static.wixstatic.com). */
  mediaOrigin: () => string;
}

/** The emulated Wix services of one local site, mounted on a router; no HTTP server of its own. */
export interface LocalWix {
  site: LocalSite;
  signer: TokenSigner;
  db: SqlDatabase;
  outbox: EventOutbox;
  /** The Wix APIs: REST, tus, finalize. */
  router: Router;
  /** The media origin: stored files, download URLs, icons. */
  mediaRouter: Router;
  /** Repairs what a crash left on disk (half-done finalizes, leftovers, expired uploads): before anything is served. */
  recover(): Promise<void>;
  /** Resumes the work a previous run left (PENDING files, undelivered events) and sweeps expired uploads from now on. */
  start(): Promise<void>;
  /** Removes the bytes of uploads whose token expired; how many. Runs every SWEEP_INTERVAL_MS once started. */
  sweepExpiredUploads(): Promise<number>;
  stop(): Promise<void>;
}

const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

/** What a file descriptor's hash is under each hash variant (the md5 of the bytes under none). */
const HASH_VARIANTS: ReadonlyArray<readonly [WixVariant, HashKind]> = [
  ['hash-sha256', 'sha256'],
  ['hash-opaque', 'opaque'],
  ['hash-absent', 'absent'],
];

export async function createLocalWix(options: LocalWixOptions): Promise<LocalWix> {
  const { config, origin, mediaOrigin } = options;
  const tusDir = path.join(config.dataDir, 'uploads');
  const mediaDir = path.join(config.dataDir, 'media');
  for (const dir of [config.dataDir, tusDir, mediaDir]) fs.mkdirSync(dir, { recursive: true });

  const site = await loadOrCreateSite(config.dataDir, options.appId);
  const signer = new TokenSigner(site);
  const db = openDatabase(config.dataDir);
  const notFoundAs400 = config.variants.has('not-found-400');
  const folders = new FolderStore(db, notFoundAs400);
  const files = new MediaFiles(db, notFoundAs400);
  const sessions = new UploadSessions(db, signer, config.uploadTokenTtlSeconds);
  const md5 = new Md5Thread();
  const hashes = new UploadHashes(db, md5, (id) => path.join(tusDir, id));
  const store = new HashingFileStore(tusDir, hashes, { cutRequestsLost: config.variants.has('cut-requests-lost') });
  const outbox = new EventOutbox(
    db,
    webhookDelivery(signer, site, () => config.webhookUrl ?? options.defaultWebhookUrl()),
  );
  const { variants } = config;
  const processing = new MediaProcessing(db, files, outbox, config.processingDelayMs, mediaOrigin, {
    delayMs: variants.has('events-late') ? config.eventDelayMs : 0,
    skipEverySecond: variants.has('events-missing'),
    foreign: variants.has('events-foreign') ? { mediaDir, mediaPrefix: site.mediaPrefix } : undefined,
  });
  const downloads = new DownloadUrls(signer, mediaOrigin);

  const router = new Router();
  mountMediaApi(router, { signer, folders, files, sessions, downloads, origin, mediaOrigin, uploadPath: UPLOAD_PATH, mediaDir });
  const imports = new MediaImports({
    signer,
    folders,
    files,
    processing,
    mediaOrigin,
    mediaDir,
    mediaPrefix: site.mediaPrefix,
    maxBytes: config.maxUploadBytes,
  });
  mountMediaImports(router, imports, { signer, mediaOrigin });
  const uploads = mountUploadHost(router, {
    db,
    store,
    hashes,
    sessions,
    files,
    processing,
    mediaDir,
    mediaPrefix: site.mediaPrefix,
    maxUploadBytes: config.maxUploadBytes,
    mediaOrigin,
    errorsStatusOnly: variants.has('errors-status-only'),
    proxyBodyLimitBytes: variants.has('proxy-body-limit') ? config.proxyBodyLimitBytes : undefined,
    hashKind: HASH_VARIANTS.find(([variant]) => variants.has(variant))?.[1] ?? 'md5',
    refusedPages: [...(variants.has('cors-dashboard') ? ['/dashboard'] : []), ...(variants.has('cors-site') ? ['/site'] : [])],
  });
  const mediaRouter = new Router();
  mountMediaBytes(mediaRouter, files, mediaDir, downloads);
  mountDataApi(router, db, signer, new DataCollections(options.collections));
  mountTokenInfo(router, signer);

  let sweeper: ReturnType<typeof setInterval> | undefined;
  return {
    site,
    signer,
    db,
    outbox,
    router,
    mediaRouter,
    recover: () => uploads.recover(),
    sweepExpiredUploads: () => uploads.sweepExpired(),
    async start() {
      processing.resumePending();
      outbox.start();
      sweeper = setInterval(() => {
        uploads.sweepExpired().catch((error: unknown) => console.error('[local-wix] sweeping expired uploads failed', error));
      }, SWEEP_INTERVAL_MS);
      sweeper.unref();
    },
    async stop() {
      clearInterval(sweeper);
      imports.stop();
      processing.stop();
      await outbox.stop();
      await md5.stop();
      db.close();
    },
  };
}
