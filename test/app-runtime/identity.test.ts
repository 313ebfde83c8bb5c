import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../local/server.js';
import { PRODUCTION_ERROR_MESSAGE } from '../../local/app-runtime/web-methods.js';
import { NO_AUTH_STRATEGY } from '../../local/app-runtime/wix-context.js';
import { startTestApp } from '../support/local-app.js';
import { requestJson } from '../support/wix-http.js';
import { deliverEvent, fileReadyEvent, readyFileDescriptor } from '../support/events.js';
import { ADMIN_NOTES, PROBE_COLLECTIONS } from '../fixtures/identity-probe/src/backend/probe-collections.js';
import type { ProbeOutcome } from '../fixtures/identity-probe/src/backend/probe.web.js';

const PROBE = { dir: path.join(PROJECT_DIR, 'test', 'fixtures', 'identity-probe'), collections: PROBE_COLLECTIONS };

/** Who the app's backend code runs as, in the local runtime as in the Wix CLI's. */
describe('identities in the local app runtime', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp({}, PROBE);
  });
  afterAll(() => app.close());

  const call = async <T>(method: string, token: string | undefined) =>
    requestJson<{ result: T; exception?: boolean }>(`${app.url}/_webMethods/src/backend/probe.web.ts/${method}.ajax`, { token, body: [] });

  it("runs a web method's SDK calls as its caller: a visitor or a member is refused a privileged-only collection, the owner is not", async () => {
    for (const subject of ['VISITOR', 'MEMBER'] as const) {
      const { body } = await call<ProbeOutcome>('readAsCaller', await app.issueToken(subject));
      expect(body.result).toEqual({ ok: false, message: expect.stringContaining('does not have permissions to read') });
    }
    const { body } = await call<ProbeOutcome>('readAsCaller', await app.issueToken('USER'));
    expect(body.result).toEqual({ ok: true, count: 0 });
  });

  it('runs auth.elevate(fn) as the app, whoever called', async () => {
    const { body } = await call<ProbeOutcome>('readElevated', await app.issueToken('VISITOR'));
    expect(body.result).toEqual({ ok: true, count: 0 });
  });

  it('gives an event handler no identity: an un-elevated call fails, the elevated one works', async () => {
    await deliverEvent(app, fileReadyEvent('probe~mv2.mp4', readyFileDescriptor('probe~mv2.mp4')));
    const appToken = await app.issueToken('APP');
    const { status, body } = await requestJson<{ dataItem: { data: { outcome: string } } }>(
      `${app.url}/wix-data/v2/items/probe~mv2.mp4?dataCollectionId=${encodeURIComponent(ADMIN_NOTES.id)}`,
      { token: appToken },
    );
    expect(status).toBe(200);
    expect(body.dataItem.data.outcome).toBe(NO_AUTH_STRATEGY);
  });

  it('answers a thrown error as Wix does in production: status 200, exception, the message withheld', async () => {
    const { status, body } = await call<{ message: string }>('fail', await app.issueToken('VISITOR'));
    expect(status).toBe(200);
    expect(body).toEqual({ exception: true, result: expect.objectContaining({ name: 'Error', message: PRODUCTION_ERROR_MESSAGE }) });
    expect(JSON.stringify(body)).not.toContain('secret');
  });
});
