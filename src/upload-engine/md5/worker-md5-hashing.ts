import type { FileToHash, Md5Hasher, Md5Hashing, OpenedMd5, SavedMd5 } from './md5-hashing';
import type { Md5WorkerReply, Md5WorkerRequest } from './md5-worker-protocol';

/** A worker as the engine needs it, whether a browser Worker or a Node worker thread. */
export interface Md5WorkerPort {
  post(request: Md5WorkerRequest): void;
  /** Every reply, and the worker's end: an error, or its exit. */
  listen(onReply: (reply: Md5WorkerReply) => void, onFailure: (error: Error) => void): void;
  /** Whether the worker keeps its process alive (Node): only while an answer is awaited. */
  hold?(held: boolean): void;
  terminate(): void;
}

/** A worker that has not answered its first request by then is taken for one that cannot start. */
const FIRST_ANSWER_MS = 10_000;

interface Pending {
  resolve(reply: Extract<Md5WorkerReply, { ok: true }>): void;
  reject(error: Error): void;
}

/**
 * The md5s of a queue on one worker, which reads each file itself (a browser's File can be handed
 * to a worker; Node's worker opens the path), so the thread that sends only says how far to hash.
 * The worker starts with the first md5. If it cannot start (a site's Content Security Policy may
 * refuse workers) or stops, the md5s it held fail, and later ones run on `fallback`, as does a
 * file the worker cannot read itself.
 */
export class WorkerMd5Hashing implements Md5Hashing {
  private port: Md5WorkerPort | undefined;
  private broken = false;
  private answered = false;
  private readonly pending = new Map<number, Pending>();
  private nextRequest = 1;
  private nextHash = 1;

  constructor(
    private readonly startWorker: () => Md5WorkerPort,
    private readonly fallback: Md5Hashing,
  ) {}

  /** Starts the worker ahead of the first md5 (starting an inline worker holds the page's thread for tens of ms). */
  warmUp(): void {
    if (!this.broken) this.started();
  }

  async open(file: FileToHash, saved?: SavedMd5): Promise<OpenedMd5> {
    const { workerReadable } = file;
    if (workerReadable === undefined || this.broken) return this.fallback.open(file, saved);
    const port = this.started();
    if (!port) return this.fallback.open(file, saved);
    const hash = this.nextHash++;
    const first = !this.answered;
    let opened: Extract<Md5WorkerReply, { ok: true }>;
    try {
      const request = this.ask(port, { op: 'open', hash, file: workerReadable, offset: saved?.offset ?? 0, state: saved?.state });
      opened = first ? await withinFirstAnswer(request) : await request;
    } catch (error) {
      if (!first) throw error;
      this.fail(error instanceof Error ? error : new Error(String(error)));
      return this.fallback.open(file, saved);
    }
    this.answered = true;
    return { hasher: this.hasherOf(port, hash), offset: opened.offset ?? 0 };
  }

  dispose(): void {
    this.fail(new Error('the md5 worker was stopped'));
  }

  private hasherOf(port: Md5WorkerPort, hash: number): Md5Hasher {
    return {
      hashTo: async (offset) => {
        await this.ask(port, { op: 'hashTo', hash, offset });
      },
      save: async () => {
        const { state } = await this.ask(port, { op: 'save', hash });
        if (!state) throw new Error('the md5 worker sent no state');
        return state;
      },
      digest: async () => {
        const { hex } = await this.ask(port, { op: 'digest', hash });
        if (!hex) throw new Error('the md5 worker sent no digest');
        return hex;
      },
      close: () => {
        if (this.port === port) port.post({ op: 'close', hash });
      },
    };
  }

  private started(): Md5WorkerPort | undefined {
    if (this.port) return this.port;
    try {
      const port = this.startWorker();
      port.listen(
        (reply) => this.answer(reply),
        (error) => this.fail(error),
      );
      this.port = port;
      return port;
    } catch {
      this.broken = true;
      return undefined;
    }
  }

  private ask(
    port: Md5WorkerPort,
    request: DistributiveOmit<Exclude<Md5WorkerRequest, { op: 'close' }>, 'request'>,
  ): Promise<Extract<Md5WorkerReply, { ok: true }>> {
    if (this.port !== port) return Promise.reject(new Error('the md5 worker stopped'));
    const id = this.nextRequest++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) port.hold?.(true);
      port.post({ ...request, request: id } as Md5WorkerRequest);
    });
  }

  private answer(reply: Md5WorkerReply): void {
    const waiting = this.pending.get(reply.request);
    if (!waiting) return;
    this.pending.delete(reply.request);
    if (this.pending.size === 0) this.port?.hold?.(false);
    if (reply.ok) waiting.resolve(reply);
    else waiting.reject(new Error(reply.message));
  }

  /** The worker is gone: what it held is lost; md5s opened later run on the fallback. */
  private fail(error: Error): void {
    const port = this.port;
    this.port = undefined;
    this.broken = true;
    port?.terminate();
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const one of waiting) one.reject(error);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function withinFirstAnswer<T>(answer: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the md5 worker did not start')), FIRST_ANSWER_MS);
  });
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}
