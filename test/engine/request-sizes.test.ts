import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualConnectivity } from '../../src/upload-engine/connectivity.js';
import { sourceFromPath } from '../../src/upload-engine/node/node-source.js';
import { createTusTransport, DEFAULT_CHUNK_SIZE, RequestSizes } from '../../src/upload-engine/tus-transport.js';
import type { UploadItem } from '../../src/upload-engine/queue/upload-item.js';
import { UploadQueue } from '../../src/upload-engine/queue/upload-queue.js';
import { withMeta } from '../../src/upload-engine/upload-source.js';
import { startTestApp, tempDir } from '../support/local-app.js';
import { md5OfUrl, writeRandomFile } from '../support/files.js';
import { waitFor } from '../support/wix-http.js';
import { httpBackend } from './support/http-backend.js';
import { RecordingHttpStack } from './support/recording-http-stack.js';

const MIB = 1024 * 1024;
const KIB = 1024;

describe('how much each request carries', () => {
  it('carries the largest size while the link holds; after a failure an eighth of it, doubling with each answer', () => {
    const sizes = new RequestSizes(8 * MIB);
    const seen: number[] = [];
    const answered = () => {
      seen.push(sizes.next);
      sizes.answered();
    };
    answered();
    answered();
    sizes.failed();
    for (let i = 0; i < 5; i++) answered();
    expect(seen.map((bytes) => bytes / MIB)).toEqual([8, 8, 1, 2, 4, 8, 8]);
  });

  it('stays under the request body limit of common proxies (Cloudflare: 100 MB) by default', () => {
    expect(DEFAULT_CHUNK_SIZE).toBeLessThan(100_000_000);
    expect(DEFAULT_CHUNK_SIZE).toBeGreaterThanOrEqual(64 * MIB);
  });
});

describe('the requests the engine sends to the real local app', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let token: string;
  const dir = tempDir('rmu-request-sizes-');

  beforeAll(async () => {
    app = await startTestApp();
    token = await app.issueToken('USER');
  });
  afterAll(() => app.close());

  async function upload(size: number, stack: RecordingHttpStack, chunkSize?: number): Promise<UploadItem> {
    const file = writeRandomFile(dir, `file-${size}-${chunkSize}.bin`, size);
    const connectivity = new ManualConnectivity(true);
    const queue = new UploadQueue({
      backend: httpBackend(app.url, token),
      transport: createTusTransport({ chunkSize, retryDelays: [0, 50], connectivity, httpStack: stack }),
      connectivity,
      retryDelays: [0, 50],
      statusPollIntervalMs: 50,
    });
    try {
      const [item] = queue.add(withMeta([sourceFromPath(file.path)]));
      const done = await waitFor(
        async () => {
          const current = queue.getItem(item!.id);
          return current && ['ready', 'failed'].includes(current.state) ? current : undefined;
        },
        `${file.path} to be ready`,
        20_000,
      );
      expect(done.error).toBeUndefined();
      expect(await md5OfUrl(done.url)).toBe(file.md5);
      return done;
    } finally {
      await queue.dispose();
    }
  }

  const patchBodies = (stack: RecordingHttpStack) => stack.requests.filter((r) => r.method === 'PATCH').map((r) => r.bodyBytes);

  it('sends a file no larger than the largest request in one request, as the seed does', async () => {
    const stack = new RecordingHttpStack();
    await upload(40 * MIB + 7, stack);
    expect(patchBodies(stack)).toEqual([40 * MIB + 7]);
  });

  it('sends a larger file in requests of the largest size, the last one the rest', async () => {
    const stack = new RecordingHttpStack();
    await upload(2 * MIB + 512 * KIB, stack, MIB);
    expect(patchBodies(stack)).toEqual([MIB, MIB, 512 * KIB]);
  });

  it('after a request that failed, continues from the server offset with small requests that grow back to the largest', async () => {
    const stack = new RecordingHttpStack();
    let patches = 0;
    stack.beforeSend = (request) => {
      if (request.method === 'PATCH' && ++patches === 2) throw new Error('ECONNRESET (simulated)');
    };
    await upload(4 * MIB + 128 * KIB, stack, MIB);
    // The failed request (its body never left) is followed by HEAD, then 128 KiB, 256 KiB, 512 KiB, 1 MiB…
    expect(stack.requests.map((r) => r.method).slice(0, 5)).toEqual(['POST', 'PATCH', 'PATCH', 'HEAD', 'PATCH']);
    expect(patchBodies(stack).map((bytes) => bytes / KIB)).toEqual([1024, 1024, 128, 256, 512, 1024, 1024, 256]);
  });
});
