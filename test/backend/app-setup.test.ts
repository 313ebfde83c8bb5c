import { afterAll, describe, expect, it } from 'vitest';
import { APP_NAMESPACE, UPLOAD_LOG, VISITOR_FILES } from '../../src/backend/data-collections.js';
import type { AppSetupResult } from '../../src/shared/upload-methods.js';
import { THIS_APP } from '../../local/server.js';
import { startTestApp } from '../support/local-app.js';
import { callWebMethod } from '../support/wix-http.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

/** A site where some or none of the app's collections exist: no CMS, a wrong namespace, one not created. */
describe('the app on a site without its collections', () => {
  const apps: App[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });
  const setupOn = async (collections: typeof THIS_APP.collections) => {
    const app = await startTestApp({}, { ...THIS_APP, collections });
    apps.push(app);
    return (await callWebMethod<AppSetupResult>(app.url, await app.issueToken('USER'), 'getAppSetup')).body;
  };

  it('says all is well where every collection exists', async () => {
    expect((await setupOn(THIS_APP.collections)).result).toEqual({ ok: true });
  });

  it('names the CMS and the namespace setting when none exists (no CMS, or APP_NAMESPACE is not the one Wix gave)', async () => {
    const { result, exception } = await setupOn([]);
    expect(exception).toBeUndefined();
    expect(result).toMatchObject({ ok: false, missingCollections: THIS_APP.collections.map((collection) => collection.id) });
    const reason = (result as { reason: string }).reason;
    expect(reason).toContain('CMS');
    expect(reason).toContain(`APP_NAMESPACE in src/backend/data-collections.ts ("${APP_NAMESPACE}")`);
  });

  it('names the collections that were not created when only some are missing', async () => {
    const { result } = await setupOn(THIS_APP.collections.filter((collection) => collection !== VISITOR_FILES));
    expect(result).toEqual({ ok: false, missingCollections: [VISITOR_FILES.id], reason: expect.stringContaining(VISITOR_FILES.id) });
    expect((result as { reason: string }).reason).not.toContain(UPLOAD_LOG.id);
  });
});
