import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { LocalWixConfig } from './emulator/platform/config.js';
import { createLocalWix, type LocalWix } from './emulator/local-wix.js';
import { sendError, sendJson, readJsonBody } from './emulator/platform/http.js';
import { WixApiError } from './emulator/platform/api-error.js';
import { SUBJECT_TYPES, type SubjectType } from './emulator/platform/identity.js';
import { mountAppRuntime, type AppRuntime } from './app-runtime/app-runtime.js';
import { buildDashboard } from './dashboard-host/build.js';
import { mountDashboard } from './dashboard-host/serve.js';
import { DATA_COLLECTIONS } from '../src/backend/data-collections.js';
import type { DataCollectionDeclaration } from '../src/shared/data-collection.js';

/** The project's root: the folder above this file that holds wix.config.json (also when compiled). */
export const PROJECT_DIR = findProjectDir(path.dirname(fileURLToPath(import.meta.url)));

function findProjectDir(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'wix.config.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No wix.config.json above ${from}`);
  }
}

export interface LocalApp {
  /** The origin everything is served on, e.g. http://127.0.0.1:5173. */
  url: string;
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

/**
 * The whole local product on one origin: the emulated Wix services, the app's backend running in
 * a Wix-like runtime, and (when built) the dashboard page.
 */
/** The app a local site runs: this project, or another one laid out the same way (the tests' probes). */
export interface AppProject {
  dir: string;
  collections: readonly DataCollectionDeclaration[];
}

export const THIS_APP: AppProject = { dir: PROJECT_DIR, collections: DATA_COLLECTIONS };

export async function startLocalApp(config: LocalWixConfig, project: AppProject = THIS_APP): Promise<LocalApp> {
  const projectDir = project.dir;
  const dashboardDir = config.dashboard ? await buildDashboard(projectDir) : undefined;
  let origin = '';
  const server = http.createServer();
  const wix = await createLocalWix({
    config,
    appId: readAppId(projectDir),
    collections: project.collections,
    origin: () => origin,
    defaultWebhookUrl: () => `${origin}${runtime.webhooksPath}`,
  });
  const { router, signer, site } = wix;
  if (dashboardDir) mountDashboard(router, dashboardDir);

  /** The site owner and the app have one identity each; every visitor or member is a new one. */
  const subjectIdFor = (subjectType: SubjectType) =>
    subjectType === 'USER' ? site.ownerId : subjectType === 'APP' ? site.appId : crypto.randomUUID();

  router.on('POST', '/_local/identities', async ({ req, res }) => {
    const body = (await readJsonBody(req)) as { subjectType?: unknown };
    const subjectType = body.subjectType as SubjectType;
    if (!SUBJECT_TYPES.includes(subjectType)) {
      throw WixApiError.validation([
        { field: 'subjectType', description: `must be one of ${SUBJECT_TYPES.join(', ')}`, violatedRule: 'INVALID_ENUM_VALUE' },
      ]);
    }
    const subjectId = subjectIdFor(subjectType);
    sendJson(res, 200, { accessToken: await signer.issueIdentity(subjectType, subjectId), subjectType, subjectId });
  });

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', origin || 'http://localhost');
    router
      .dispatch(req, res, url)
      .then((handled) => {
        if (!handled) sendError(res, WixApiError.application(404, 'NOT_FOUND', `Nothing is served at ${url.pathname}`));
      })
      .catch((error: unknown) => sendError(res, error));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${config.host}:${port}`;
  const runtime: AppRuntime = await mountAppRuntime(router, { projectDir, site, signer, origin: () => origin });
  await wix.start();

  return {
    url: origin,
    wix,
    runtime,
    issueToken: (subjectType) => signer.issueIdentity(subjectType, subjectIdFor(subjectType)),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await wix.stop();
    },
  };
}
