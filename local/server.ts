import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_DIR } from './project-dir.js';
import type { LocalWixConfig } from './emulator/platform/local-wix-config.js';
import { createLocalWix, type LocalWix } from './emulator/local-wix.js';
import type { SubjectType } from './emulator/platform/identity.js';
import { listen } from './listener.js';
import { mountLocalIdentities, subjectIdFor } from './local-identities.js';
import { isLoopbackAddress } from './loopback.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { mountAppRuntime, type AppRuntime } from './app-runtime/app-runtime.js';
import { buildDashboard } from './dashboard-host/build.js';
import { mountDashboard } from './dashboard-host/serve.js';
import { findDashboardPages } from './dashboard-host/dashboard-pages.js';
import { DATA_COLLECTIONS } from '../src/backend/data-collections.js';
import type { DataCollectionDeclaration } from '../src/shared/data-collection.js';

export { PROJECT_DIR };

export interface LocalApp {
  /** The app's origin (the Wix APIs, the backend, the page), e.g. http://127.0.0.1:5173. */
  url: string;
  /** The media origin, e.g. http://127.0.0.1:5174. */
  mediaUrl: string;
  wix: LocalWix;
  runtime: AppRuntime;
  /** A token for one identity of the local site (what signing in to Wix gives). */
  issueToken(subjectType: SubjectType): Promise<string>;
  close(): Promise<void>;
}

function readAppId(projectDir: string): string {
  const config = JSON.parse(fs.readFileSync(path.join(projectDir, 'wix.config.json'), 'utf8')) as { appId: string };
  return config.appId;
}

/** The app a local site runs: this project, or another one laid out the same way (the tests' probes). */
export interface AppProject {
  dir: string;
  collections: readonly DataCollectionDeclaration[];
  /** Folders laid out as src/dashboard/pages whose pages the local dashboard hosts; by default the project's own. */
  dashboardPages?: readonly string[];
}

/** The pages folders the local dashboard hosts: the project's own, or those it names; with `examples`, the example pages too. */
export function dashboardPagesOf(project: AppProject, config: Pick<LocalWixConfig, 'examples'>): readonly string[] {
  const own = project.dashboardPages ?? [path.join(project.dir, 'src', 'dashboard', 'pages')];
  return config.examples ? [...own, path.join(project.dir, 'examples', 'dashboard-pages')] : own;
}

export const THIS_APP: AppProject = { dir: PROJECT_DIR, collections: DATA_COLLECTIONS };

/**
 * The app's origin signs in as the site owner, so no page of another origin may frame it (a
 * hidden frame would click for the owner); its own pages may (the editor shows the widget beside its panel).
 */
const PAGE_FRAMING = { 'X-Frame-Options': 'SAMEORIGIN', 'Content-Security-Policy': "frame-ancestors 'self'" } as const;

/** The media port when none is set: next to the app's, or free when the app's is. */
function mediaPortOf(config: LocalWixConfig): number {
  return config.mediaPort ?? (config.port === 0 ? 0 : config.port + 1);
}

/**
 * The whole local product: on the app's origin the emulated Wix APIs, the app's backend in a
 * Wix-like runtime and (when built) the dashboard page; on a second origin the media bytes, as
 * Wix serves files from its own static host.
 */
export async function startLocalApp(config: LocalWixConfig, project: AppProject = THIS_APP): Promise<LocalApp> {
  if (!isLoopbackAddress(config.host) && !config.allowRemote) {
    throw new Error(
      `HOST=${config.host} is not a loopback address: anyone who can reach it could act as the site owner. Set ALLOW_REMOTE=1 to listen there anyway.`,
    );
  }
  if (!isLoopbackAddress(config.host)) {
    console.warn(`Listening on ${config.host}: anyone who can reach it can get the site owner's token and act as the owner.`);
  }
  // First: a second app on the same data folder is refused before it touches the database.
  const lock = lockDataDir(config.dataDir);
  try {
    return await startOn(config, project, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function startOn(config: LocalWixConfig, project: AppProject, lock: DataDirLock): Promise<LocalApp> {
  const projectDir = project.dir;
  const pagesDirs = dashboardPagesOf(project, config);
  const dashboardDir = config.dashboard ? await buildDashboard(projectDir, pagesDirs) : undefined;
  let origin = '';
  let mediaOrigin = '';
  const wix = await createLocalWix({
    config,
    appId: readAppId(projectDir),
    collections: project.collections,
    origin: () => origin,
    mediaOrigin: () => mediaOrigin,
    defaultWebhookUrl: () => `${origin}${runtime.webhooksPath}`,
  });
  const { router, signer, site } = wix;
  if (dashboardDir) mountDashboard(router, dashboardDir, findDashboardPages(pagesDirs));
  mountLocalIdentities(router, site, signer);

  await wix.recover();
  const app = await listen(router, config.host, config.port, PAGE_FRAMING);
  const media = await listen(wix.mediaRouter, config.host, mediaPortOf(config)).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  origin = app.origin;
  mediaOrigin = media.origin;
  lock.noteUrl(origin);
  const runtime: AppRuntime = await mountAppRuntime(router, { projectDir, site, signer, origin: () => origin });
  await wix.start();

  return {
    url: origin,
    mediaUrl: mediaOrigin,
    wix,
    runtime,
    issueToken: (subjectType) => signer.issueIdentity(subjectType, subjectIdFor(site, subjectType)),
    async close() {
      await Promise.all([app.close(), media.close()]);
      await wix.stop();
      lock.release();
    },
  };
}
