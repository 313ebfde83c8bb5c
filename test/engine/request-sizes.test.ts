import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualConnectivity } from '../../src/upload-engine/connectivity.js';
import { sourceFromPath } from '../../src/upload-engine/node/node-source.js';
import { createTusTransport, DEFAULT_CHUNK_SIZE, RequestSizes, type LinkLessons } from '../../src/upload-engine/tus-transport.js';
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

/** Sends the file through the queue and waits for it to end: READY, with the chosen file's bytes. */
async function sentWhole(queue: UploadQueue, file: { path: string; md5: string }, timeoutMs: number): Promise<UploadItem> {
  const [item] = queue.add(withMeta([sourceFromPath(file.path)]));
  const done = await waitFor(
    async () => {
      const current = queue.getItem(item!.id);
      return current && ['ready', 'failed'].includes(current.state) ? current : undefined;
    },
    `${file.path} to be ready`,
    timeoutMs,
  );
  expect(done.error).toBeUndefined();
  expect(await md5OfUrl(done.url)).toBe(file.md5);
  return done;
}

describe('how much each request carries', () => {
  const GIB = 1024 * MIB;

  /** One request from `start` of a file of `size`: its body, after `sent` bytes of it left, answered or failed. */
  function request(sizes: RequestSizes, start: number, size: number): number {
    return Math.min(sizes.sizeFrom(start, size), size - start);
  }

  it('carries the rest of the file while nothing is known, as the seed does', () => {
    const sizes = new RequestSizes();
    expect(request(sizes, 0, 50 * GIB)).toBe(50 * GIB);
    expect(DEFAULT_CHUNK_SIZE).toBe(Number.POSITIVE_INFINITY);
  });

  it('after a cut, carries the rest again when the host kept what arrived', () => {
    const sizes = new RequestSizes();
    request(sizes, 0, GIB);
    sizes.sent(600 * MIB);
    sizes.failed();
    expect(request(sizes, 590 * MIB, GIB)).toBe(GIB - 590 * MIB);
  });

  it('after a 413, holds every upload of the link to 95 MiB, then a quarter with each 413, down to 64 KiB', () => {
    const lessons: LinkLessons = {};
    const sizes = new RequestSizes(undefined, lessons);
    const seen: number[] = [];
    request(sizes, 0, GIB);
    while (sizes.refusedAsTooLarge()) seen.push(request(sizes, 0, GIB));
    expect(seen.map((bytes) => bytes / KIB)).toEqual([95 * 1024, 95 * 256, 95 * 64, 95 * 16, 95 * 4, 95, 64]);
    expect(request(new RequestSizes(undefined, lessons), 0, GIB)).toBe(64 * KIB);
  });

  it('reads a request larger than 95 MiB that failed before the host took a byte as refused (a browser sees no 413 without CORS)', () => {
    const lessons: LinkLessons = {};
    const sizes = new RequestSizes(undefined, lessons);
    request(sizes, 0, GIB);
    sizes.sent(2 * MIB);
    sizes.failed();
    expect(request(sizes, 0, GIB)).toBe(95 * MIB);
    expect(lessons.bodyLimit).toBe(95 * MIB);
  });

  it('reads a smaller request so only when it failed so twice in a row: once may be the network', () => {
    const sizes = new RequestSizes(8 * MIB);
    request(sizes, 0, GIB);
    sizes.failed();
    expect(request(sizes, 0, GIB)).toBe(8 * MIB);
    sizes.failed();
    expect(request(sizes, 0, GIB)).toBe(2 * MIB);
    sizes.answered();
    sizes.failed();
    expect(request(sizes, 2 * MIB, GIB)).toBe(2 * MIB);
  });

  it('after a cut that sent 16 MiB and left the offset where it began, sends 8 MiB, doubling to 64 MiB, on every upload of the link', () => {
    const lessons: LinkLessons = {};
    const sizes = new RequestSizes(undefined, lessons);
    request(sizes, 0, GIB);
    sizes.sent(300 * MIB);
    sizes.failed();
    const seen = [request(sizes, 0, GIB)];
    for (let i = 0; i < 5; i++) {
      sizes.answered();
      seen.push(request(sizes, 0, GIB));
    }
    expect(seen.map((bytes) => bytes / MIB)).toEqual([8, 16, 32, 64, 64, 64]);
    sizes.failed();
    expect(request(sizes, 0, GIB)).toBe(8 * MIB);
    expect(lessons.cutRequestsLost).toBe(true);
    expect(request(new RequestSizes(undefined, lessons), 0, GIB)).toBe(64 * MIB);
  });

  it('never carries more than it is told', () => {
    const sizes = new RequestSizes(MIB);
    for (let i = 0; i < 4; i++) sizes.answered();
    expect(request(sizes, 0, GIB)).toBe(MIB);
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
      return await sentWhole(queue, file, 20_000);
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

  it('after a request that failed before its body left, continues from the server offset at the same size: once may be the network', async () => {
    const stack = new RecordingHttpStack();
    let patches = 0;
    stack.beforeSend = (request) => {
      if (request.method === 'PATCH' && ++patches === 2) throw new Error('ECONNRESET (simulated)');
    };
    await upload(4 * MIB + 128 * KIB, stack, MIB);
    expect(stack.requests.map((r) => r.method).slice(0, 5)).toEqual(['POST', 'PATCH', 'PATCH', 'HEAD', 'PATCH']);
    expect(patchBodies(stack).map((bytes) => bytes / KIB)).toEqual([1024, 1024, 1024, 1024, 1024, 128]);
  });

  it('after a cut, sends the rest of the file from what the host kept', async () => {
    const stack = new RecordingHttpStack();
    stack.cutPatchAfter = 20 * MIB;
    await upload(40 * MIB, stack);
    const kept = stack.requests.find((r) => r.method === 'HEAD')?.uploadOffset ?? 0;
    expect(kept).toBeGreaterThan(0);
    expect(patchBodies(stack)).toEqual([40 * MIB, 40 * MIB - kept]);
  });
});

/** The engine's default transport against a local Wix answering as `variant`, one queue (so one link) for `sizes` files. */
async function uploadThrough(
  variant: 'proxy-body-limit' | 'cut-requests-lost',
  sizes: number[],
  prepare: (stack: RecordingHttpStack) => void,
): Promise<RecordingHttpStack> {
  const app = await startTestApp({ variants: new Set([variant]), proxyBodyLimitBytes: 3 * MIB });
  const dir = tempDir('rmu-request-sizes-variant-');
  const stack = new RecordingHttpStack();
  prepare(stack);
  const connectivity = new ManualConnectivity(true);
  const queue = new UploadQueue({
    backend: httpBackend(app.url, await app.issueToken('USER')),
    transport: createTusTransport({ retryDelays: [0, 50, 100, 200, 400, 800], connectivity, httpStack: stack }),
    connectivity,
    retryDelays: [0, 50],
    statusPollIntervalMs: 50,
    concurrency: 1,
  });
  try {
    const files = sizes.map((size, i) => writeRandomFile(dir, `${variant}-${i}.bin`, size));
    for (const file of files) await sentWhole(queue, file, 30_000);
    return stack;
  } finally {
    await queue.dispose();
    await app.close();
  }
}

describe('request sizes learned from the link', () => {
  it('behind a proxy that refuses bodies over 3 MiB (413), learns it from the first file and sends the next at that size from the start', async () => {
    const stack = await uploadThrough('proxy-body-limit', [10 * MIB, 5 * MIB], () => undefined);
    const patches = stack.requests.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => [r.bodyBytes / KIB, r.status])).toEqual([
      [10 * 1024, 413],
      ...Array.from({ length: 4 }, () => [2.5 * 1024, 204]),
      [2.5 * 1024, 204],
      [2.5 * 1024, 204],
    ]);
  });

  it('on a host that keeps nothing of a cut request, learns it at the first cut and then sends 8 MiB, doubling to 64 MiB', async () => {
    const stack = await uploadThrough('cut-requests-lost', [40 * MIB], (recording) => {
      recording.cutPatchAfter = 20 * MIB;
    });
    expect(stack.requests.find((r) => r.method === 'HEAD')?.uploadOffset).toBe(0);
    expect(stack.requests.filter((r) => r.method === 'PATCH').map((r) => r.bodyBytes / MIB)).toEqual([40, 8, 16, 16]);
  });
});
