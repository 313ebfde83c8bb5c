import { Transform, type Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualConnectivity } from '../../src/upload-engine/connectivity.js';
import { md5OnThisThread, type Md5Hashing } from '../../src/upload-engine/md5/md5-hashing.js';
import { MemoryHashHistory, type HashHistoryStore } from '../../src/upload-engine/run/arrival-check.js';
import { nodeMd5Thread } from '../../src/upload-engine/node/node-md5-thread.js';
import { sourceFromPath } from '../../src/upload-engine/node/node-source.js';
import { createTusTransport } from '../../src/upload-engine/tus-transport.js';
import { UploadQueue } from '../../src/upload-engine/queue/upload-queue.js';
import type { UploadItem } from '../../src/upload-engine/queue/upload-item.js';
import { withMeta } from '../../src/upload-engine/upload-source.js';
import { startTestApp, tempDir } from '../support/local-app.js';
import { writeRandomFile } from '../support/files.js';
import { waitFor } from '../support/wix-http.js';
import { httpBackend } from './support/http-backend.js';
import { RecordingHttpStack } from './support/recording-http-stack.js';

const MIB = 1024 * 1024;

/** The stream with one byte flipped at `position`, keeping the size tus-js-client reads from it. */
function flipByte(body: Readable & { size?: number }, position: number): Readable {
  let seen = 0;
  const flipped = body.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        if (seen <= position && position < seen + chunk.length) {
          const copy = Buffer.from(chunk);
          copy[position - seen] = (copy[position - seen] ?? 0) ^ 0xff;
          chunk = copy;
        }
        seen += chunk.length;
        done(null, chunk);
      },
    }),
  );
  return Object.assign(flipped, { size: body.size });
}

describe('end-to-end integrity against the real local Wix', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let token: string;
  const dir = tempDir('rmu-integrity-');

  beforeAll(async () => {
    app = await startTestApp();
    token = await app.issueToken('USER');
  });
  afterAll(() => app.close());

  const copiesOf = (name: string) =>
    (app.wix.db.prepare('SELECT COUNT(*) AS n FROM files WHERE display_name = ?').get(name) as { n: number }).n;

  function corruptingQueue(md5Hashing: Md5Hashing, hashHistory: HashHistoryStore) {
    const stack = new RecordingHttpStack();
    const corruption = { done: false };
    stack.rewriteBody = (request, body) => {
      if (request.method !== 'PATCH' || corruption.done || !body || typeof (body as Readable).pipe !== 'function') return body;
      corruption.done = true;
      return flipByte(body as Readable, 1234);
    };
    const connectivity = new ManualConnectivity(true);
    const queue = new UploadQueue({
      backend: httpBackend(app.url, token),
      transport: createTusTransport({ chunkSize: 2 * MIB, retryDelays: [0], connectivity, httpStack: stack }),
      connectivity,
      statusPollIntervalMs: 50,
      md5Hashing,
      hashHistory,
    });
    return { queue, corruption };
  }

  it.each([
    ['on this thread', () => md5OnThisThread],
    ['on a worker thread', () => nodeMd5Thread()],
  ])(
    'on a site whose hashes are md5s, removes a copy one byte of which a faulty link changed; its retry arrives verified (md5 %s)',
    async (where, md5Hashing) => {
      const name = `film ${where}.bin`;
      const file = writeRandomFile(dir, name, 6 * MIB);
      const history = new MemoryHashHistory();
      history.write({ matched: true, unexplained: 0 });
      const { queue, corruption } = corruptingQueue(md5Hashing(), history);
      try {
        const [added] = queue.add(withMeta([sourceFromPath(file.path)]));
        const item = () => queue.getItem(added!.id) as UploadItem;
        await waitFor(async () => (item().state === 'failed' ? true : undefined), 'the corrupted file to fail', 30_000);
        expect(corruption.done).toBe(true);
        expect(item().error).toMatchObject({ code: 'INTEGRITY', fatal: false, message: expect.stringContaining('It was removed') });
        expect(copiesOf(name)).toBe(0);

        queue.retry(added!.id);
        await waitFor(async () => (item().state === 'ready' ? true : undefined), 'the retry to be READY', 30_000);
        expect(item().verified).toBe(true);
        expect(copiesOf(name)).toBe(1);
      } finally {
        await queue.dispose();
      }
    },
  );

  it('on a site never seen to match, keeps the one copy checked by size and says so: it neither fails it nor sends it again', async () => {
    const file = writeRandomFile(dir, 'first on a site.bin', 4 * MIB);
    const { queue, corruption } = corruptingQueue(md5OnThisThread, new MemoryHashHistory());
    try {
      const [added] = queue.add(withMeta([sourceFromPath(file.path)]));
      const item = () => queue.getItem(added!.id) as UploadItem;
      await waitFor(async () => (['ready', 'failed'].includes(item().state) ? true : undefined), 'the file to settle', 30_000);
      expect(corruption.done).toBe(true);
      expect(item()).toMatchObject({ state: 'ready', verified: undefined, integrityNote: expect.stringContaining('Checked by its size') });
      expect(copiesOf('first on a site.bin')).toBe(1);
    } finally {
      await queue.dispose();
    }
  });
});
