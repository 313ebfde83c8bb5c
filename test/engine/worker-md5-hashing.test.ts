import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { type FileToHash, md5OnThisThread, type Md5Hashing, type SavedMd5 } from '../../src/upload-engine/md5/md5-hashing.js';
import { type Md5WorkerReply, type Md5WorkerRequest, serveMd5Requests } from '../../src/upload-engine/md5/md5-worker-protocol.js';
import { type Md5WorkerPort, WorkerMd5Hashing } from '../../src/upload-engine/md5/worker-md5-hashing.js';

const md5 = (bytes: Uint8Array) => crypto.createHash('md5').update(bytes).digest('hex');

async function* blobBytes(file: Blob | string, start: number, end: number): AsyncIterable<Uint8Array> {
  if (typeof file === 'string') throw new Error('a Blob was expected');
  yield new Uint8Array(await file.slice(start, end).arrayBuffer());
}

/** The bytes as a file both sides can read: `read` here, the Blob on the worker. */
const fileOf = (bytes: Uint8Array): FileToHash => ({
  read: async (start, end) => bytes.slice(start, end),
  workerReadable: new Blob([bytes]),
});

/**
 * A worker port that runs the worker's own request handler on this thread, with the message
 * passing's asynchrony, and that can be made to fail as a real worker fails (an error event).
 */
class InThreadPort implements Md5WorkerPort {
  readonly requests: Md5WorkerRequest[] = [];
  terminated = false;
  private onReply?: (reply: Md5WorkerReply) => void;
  private onFailure?: (error: Error) => void;
  private readonly serve = serveMd5Requests(blobBytes, (reply) => setTimeout(() => this.onReply?.(reply), 0));

  constructor(private readonly answers = true) {}

  post(request: Md5WorkerRequest): void {
    this.requests.push(request);
    if (this.answers && !this.terminated) setTimeout(() => this.serve(structuredClone(request)), 0);
  }
  listen(onReply: (reply: Md5WorkerReply) => void, onFailure: (error: Error) => void): void {
    this.onReply = onReply;
    this.onFailure = onFailure;
  }
  fail(): void {
    this.onFailure?.(new Error('the worker crashed'));
  }
  terminate(): void {
    this.terminated = true;
  }
}

/** Counts the md5s the fallback opened. */
function countingFallback(): Md5Hashing & { opened: number } {
  const fallback = {
    opened: 0,
    open: (file: FileToHash, saved?: SavedMd5) => {
      fallback.opened++;
      return md5OnThisThread.open(file, saved);
    },
    dispose: () => undefined,
  };
  return fallback;
}

async function md5Through(hashing: Md5Hashing, bytes: Uint8Array, file = fileOf(bytes)): Promise<string> {
  const { hasher } = await hashing.open(file);
  await hasher.hashTo(Math.min(1000, bytes.byteLength));
  await hasher.hashTo(bytes.byteLength);
  return hasher.digest();
}

describe('WorkerMd5Hashing', () => {
  it('hashes on the worker, which reads each file itself, and starts one worker for all the md5s', async () => {
    const ports: InThreadPort[] = [];
    const fallback = countingFallback();
    const hashing = new WorkerMd5Hashing(() => {
      ports.push(new InThreadPort());
      return ports.at(-1)!;
    }, fallback);
    const a = crypto.randomBytes(5000);
    const b = crypto.randomBytes(7000);
    expect(await Promise.all([md5Through(hashing, a), md5Through(hashing, b)])).toEqual([md5(a), md5(b)]);
    expect(ports).toHaveLength(1);
    expect(fallback.opened).toBe(0);
    expect(ports[0]!.requests.filter((request) => request.op === 'hashTo')).toHaveLength(4);
  });

  it('starts its worker when warmed up, ahead of the first md5, which uses it', async () => {
    const ports: InThreadPort[] = [];
    const hashing = new WorkerMd5Hashing(() => {
      ports.push(new InThreadPort());
      return ports.at(-1)!;
    }, countingFallback());
    hashing.warmUp();
    hashing.warmUp();
    expect(ports).toHaveLength(1);
    const bytes = crypto.randomBytes(2000);
    expect(await md5Through(hashing, bytes)).toBe(md5(bytes));
    expect(ports).toHaveLength(1);
  });

  it('warms up quietly where no worker can start: the md5s run on the fallback', async () => {
    const fallback = countingFallback();
    let tries = 0;
    const hashing = new WorkerMd5Hashing(() => {
      tries++;
      throw new Error('refused by the Content Security Policy');
    }, fallback);
    hashing.warmUp();
    const bytes = crypto.randomBytes(300);
    expect(await md5Through(hashing, bytes)).toBe(md5(bytes));
    expect(tries).toBe(1);
    expect(fallback.opened).toBe(1);
  });

  it('hashes on the fallback when the worker cannot be started (a Content Security Policy refusing workers)', async () => {
    const fallback = countingFallback();
    const hashing = new WorkerMd5Hashing(() => {
      throw new Error('refused by the Content Security Policy');
    }, fallback);
    const bytes = crypto.randomBytes(3000);
    expect(await md5Through(hashing, bytes)).toBe(md5(bytes));
    expect(await md5Through(hashing, bytes)).toBe(md5(bytes));
    expect(fallback.opened).toBe(2);
  });

  it('hashes on the fallback when the worker fails before its first answer', async () => {
    const fallback = countingFallback();
    const port = new InThreadPort(false);
    const hashing = new WorkerMd5Hashing(() => port, fallback);
    const opening = md5Through(hashing, crypto.randomBytes(10));
    port.fail();
    await opening;
    expect(fallback.opened).toBe(1);
    expect(port.terminated).toBe(true);
  });

  it('fails the md5s a worker held when it stops, and opens later ones on the fallback', async () => {
    const fallback = countingFallback();
    const port = new InThreadPort();
    const hashing = new WorkerMd5Hashing(() => port, fallback);
    const { hasher } = await hashing.open(fileOf(new Uint8Array(20)));
    await hasher.hashTo(10);
    const digest = hasher.digest();
    port.fail();
    await expect(digest).rejects.toThrow('the worker crashed');
    await expect(hasher.hashTo(20)).rejects.toThrow('the md5 worker stopped');
    const bytes = crypto.randomBytes(100);
    expect(await md5Through(hashing, bytes)).toBe(md5(bytes));
    expect(fallback.opened).toBe(1);
  });

  it('hashes a file the worker cannot read itself on the fallback', async () => {
    const fallback = countingFallback();
    const ports: InThreadPort[] = [];
    const hashing = new WorkerMd5Hashing(() => {
      ports.push(new InThreadPort());
      return ports.at(-1)!;
    }, fallback);
    const bytes = crypto.randomBytes(2000);
    expect(await md5Through(hashing, bytes, { read: async (start, end) => bytes.slice(start, end) })).toBe(md5(bytes));
    expect(fallback.opened).toBe(1);
    expect(ports).toHaveLength(0);
  });

  it('fails an md5 whose file is shorter than asked', async () => {
    const hashing = new WorkerMd5Hashing(() => new InThreadPort(), md5OnThisThread);
    const { hasher } = await hashing.open(fileOf(new Uint8Array(100)));
    await expect(hasher.hashTo(200)).rejects.toThrow('the file is shorter than when it was chosen');
  });
});
