import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualConnectivity } from '../../src/upload-engine/connectivity.js';
import type { UploadItem, UploadItemState } from '../../src/upload-engine/queue/upload-item.js';
import { UploadQueue } from '../../src/upload-engine/queue/upload-queue.js';
import { sourceFromLink, withMeta } from '../../src/upload-engine/upload-source.js';
import { startTestApp } from '../support/local-app.js';
import { makePng } from '../support/files.js';
import { waitFor } from '../support/wix-http.js';
import { startLinkServer, type LinkAnswer } from '../support/link-server.js';
import { httpBackend } from './support/http-backend.js';
import type { UploadBackend } from '../../src/upload-engine/upload-backend.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

/** Files imported from links through the engine's queue, against the local app and its local Wix (fetching from 127.0.0.1). */
describe('the queue importing from links', () => {
  let app: App;
  let token: string;
  let links: Awaited<ReturnType<typeof startLinkServer>>;
  const routes: Record<string, LinkAnswer> = {};
  const png = makePng(16, 9);
  const queues: UploadQueue[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    token = await app.issueToken('USER');
    links = await startLinkServer(routes);
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.dispose()));
  });
  afterAll(async () => {
    await links.close();
    await app.close();
  });

  function makeQueue<B extends UploadBackend>(backend: B) {
    const queue = new UploadQueue({ backend, connectivity: new ManualConnectivity(true), retryDelays: [0], statusPollIntervalMs: 50 });
    queues.push(queue);
    return { queue, backend };
  }

  const itemOf = (queue: UploadQueue, id: string) => queue.getItem(id)!;
  const settled = (queue: UploadQueue, id: string, states: UploadItemState[]): Promise<UploadItem> =>
    waitFor(
      async () => {
        const item = itemOf(queue, id);
        return states.includes(item.state) && (item.state !== 'refused' || item.failureDescription) ? item : undefined;
      },
      `${id} in ${states.join(' or ')}`,
    );

  it('imports each link in one call, follows it to ready (with its size) or refused with the reason, and refuses a link twice', async () => {
    routes['/a/photo.png'] = { body: png, contentType: 'image/png' };
    const { queue, backend } = makeQueue(httpBackend(app.url, token));
    const items = queue.importLinks(
      withMeta(
        [sourceFromLink(links.url('/a/photo.png')), sourceFromLink(links.url('/a/later.png')), sourceFromLink(links.url('/a/photo.png'))],
        {
          filePath: '/from links',
          labels: ['linked'],
        },
      ),
    );
    expect(items.map((item) => item.link)).toEqual([links.url('/a/photo.png'), links.url('/a/later.png'), links.url('/a/photo.png')]);
    const [photo, later, twice] = items.map((item) => item.id) as [string, string, string];
    expect(itemOf(queue, photo).state).toBe('importing');
    expect(itemOf(queue, twice)).toMatchObject({ state: 'failed', error: { code: 'DUPLICATE' } });

    expect(await settled(queue, photo, ['ready'])).toMatchObject({ size: png.length, mediaType: 'IMAGE', bytesUploaded: 0 });
    const refused = await settled(queue, later, ['refused']);
    expect(refused.failureDescription).toContain('404');
    expect(refused.actions).toMatchObject({ retry: true, pause: false, cancel: false });
    expect(backend.calls.importFromLinks).toBe(1);
    expect(backend.calls.createUploadSession).toBeUndefined();

    // The link's server answers now: importing again makes the file.
    routes['/a/later.png'] = { body: png, contentType: 'image/png' };
    queue.retry(later);
    expect(itemOf(queue, later).state).toBe('importing');
    expect(await settled(queue, later, ['ready'])).toMatchObject({ size: png.length });
    expect(queue.getSnapshot().totals.busy).toBe(false);
  });

  it('checks links before asking the backend: a bad link fails with why, and the others go', async () => {
    routes['/b/clip.png'] = { body: png, contentType: 'image/png' };
    const { queue, backend } = makeQueue(httpBackend(app.url, token));
    const [bad, good] = queue.importLinks(
      withMeta([sourceFromLink('ftp://example.com/clip.mp4'), sourceFromLink(links.url('/b/clip.png'))]),
    );
    expect(itemOf(queue, bad!.id)).toMatchObject({ state: 'failed', error: { code: 'INVALID_REQUEST', fatal: true } });
    expect(itemOf(queue, bad!.id).error?.message).toContain('https://');
    await settled(queue, good!.id, ['ready']);
    expect(backend.calls.importFromLinks).toBe(1);
  });

  it('fails the links, to try again, when the backend cannot be reached; and says so where the backend cannot import', async () => {
    const offline = httpBackend('http://127.0.0.1:9', token);
    const { queue } = makeQueue(offline);
    const [item] = queue.importLinks(withMeta([sourceFromLink(links.url('/a/photo.png'))]));
    const failed = await waitFor(async () => (itemOf(queue, item!.id).state === 'failed' ? itemOf(queue, item!.id) : undefined), 'failed');
    expect(failed.error).toMatchObject({ code: 'NETWORK', fatal: false });
    expect(failed.actions.retry).toBe(true);

    const { importFromLinks: _none, ...withoutImports } = httpBackend(app.url, token);
    const { queue: plain } = makeQueue<UploadBackend>(withoutImports);
    const [refused] = plain.importLinks(withMeta([sourceFromLink(links.url('/a/photo.png'))]));
    await waitFor(async () => (itemOf(plain, refused!.id).state === 'failed' ? true : undefined), 'failed');
    expect(itemOf(plain, refused!.id).error?.message).toContain('cannot be imported');
  });
});
