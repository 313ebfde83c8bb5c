import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../local/server.js';
import { startTestApp } from '../support/local-app.js';
import { requestJson } from '../support/wix-http.js';
import { createTusUpload, generateUploadUrl } from '../support/upload-session.js';
import { deliverEvent, fileReadyEvent, readyFileDescriptor, waitForEventsHandled } from '../support/events.js';
import { PORTFOLIO } from '../../examples/portfolio-rule/src/backend/portfolio-collections.js';

/** The example of docs/EXTENDING.md "A rule on uploads", run on the real local runtime. */
const EXAMPLE = { dir: path.join(PROJECT_DIR, 'examples', 'portfolio-rule'), collections: [PORTFOLIO] };

describe('the portfolio rule example: File Ready copies "portfolio" files into a second collection', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp({ processingDelayMs: 20 }, EXAMPLE);
  });
  afterAll(() => app.close());

  /** The portfolio as a visitor reads it (the collection lets anyone read). */
  async function portfolio(): Promise<Array<{ _id: string; title: string }>> {
    const { status, body } = await requestJson<{ dataItems: Array<{ data: { _id: string; title: string } }> }>(
      `${app.url}/wix-data/v2/items/query`,
      { token: await app.issueToken('VISITOR'), body: { dataCollectionId: PORTFOLIO.id, query: {} } },
    );
    expect(status).toBe(200);
    return body.dataItems.map((item) => item.data);
  }

  it('copies a file labelled portfolio once, however often its event comes, and ignores the others', async () => {
    const event = fileReadyEvent(
      'p1~mv2.jpg',
      readyFileDescriptor('p1~mv2.jpg', { displayName: 'Wedding.jpg', labels: ['portfolio'], mediaType: 'IMAGE' }),
    );
    await deliverEvent(app, event);
    await deliverEvent(app, event);
    await deliverEvent(app, fileReadyEvent('other~mv2.jpg', readyFileDescriptor('other~mv2.jpg', { labels: ['raw'] })));
    const items = await portfolio();
    expect(items.filter((item) => item._id === 'p1~mv2.jpg')).toEqual([expect.objectContaining({ title: 'Wedding.jpg' })]);
    expect(items.some((item) => item._id === 'other~mv2.jpg')).toBe(false);
  });

  it('works end to end: a labelled upload becomes READY and its event reaches the rule', async () => {
    const owner = await app.issueToken('USER');
    const generated = await generateUploadUrl(app.url, owner, { mimeType: 'text/plain', fileName: 'notes.txt', labels: ['portfolio'] });
    const bytes = Buffer.from('a portfolio note');
    const created = await createTusUpload(
      generated.uploadUrl,
      bytes.length,
      { filename: 'notes.txt', token: generated.uploadToken },
      bytes,
    );
    expect(created.status).toBe(201);
    const finalized = await requestJson<{ file: { id: string } }>(`${generated.uploadUrl}/${generated.uploadToken}?filename=notes.txt`, {
      method: 'PUT',
    });
    await waitForEventsHandled(app);
    expect((await portfolio()).map((item) => item._id)).toContain(finalized.body.file.id);
  });

  it('lets visitors read the portfolio but not write it', async () => {
    const { status } = await requestJson(`${app.url}/wix-data/v2/items`, {
      token: await app.issueToken('VISITOR'),
      body: { dataCollectionId: PORTFOLIO.id, dataItem: { data: { title: 'spam' } } },
    });
    expect(status).toBe(403);
  });
});
