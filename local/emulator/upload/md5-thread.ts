import type { Worker } from 'node:worker_threads';
import { startAppWorker } from '../../app-runtime/app-modules.js';
import { PROJECT_DIR } from '../../project-dir.js';
import { HandOverWindow } from './hand-over-window.js';
import type { HashId, Md5Reply, Md5Request, Md5WorkerData } from './md5-messages.js';

/** One md5 running in the worker. It is lost, with everything the worker held, if the worker stops. */
export interface Md5Handle {
  readonly hash: HashId;
  readonly worker: Worker;
}

export interface Md5ThreadOptions {
  /** Slots of the hand-over window, and the bytes of each. */
  slots?: number;
  slotBytes?: number;
}

/**
 * 64 × 64 KiB: a request stream delivers at most 64 KiB at a time (a socket read), so a chunk
 * takes one slot. On a loaded machine the worker may wait a few milliseconds for a core; 4 MiB in
 * flight keeps the receiving thread going meanwhile (16 slots ran at two thirds of the speed).
 */
const DEFAULT_SLOTS = 64;
const DEFAULT_SLOT_BYTES = 64 * 1024;

interface Pending {
  resolve(value: Uint8Array | string | null): void;
  reject(error: Error): void;
}

/**
 * md5s computed on a worker thread, so the thread that receives the bytes only copies them into
 * the hand-over window. One worker serves every upload. If it stops (a crash), whatever it held
 * is lost: pending answers fail, handles of it are no longer `holds`, and the next `open` starts
 * a new worker.
 */
export class Md5Thread {
  private readonly window: HandOverWindow;
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextRequest = 1;
  private nextHash = 1;
  private referenced = false;
  private stopped = false;

  constructor(options: Md5ThreadOptions = {}) {
    this.window = new HandOverWindow(options.slots ?? DEFAULT_SLOTS, options.slotBytes ?? DEFAULT_SLOT_BYTES);
  }

  /** A new md5, from a state `save` gave (of this or an earlier process), or from the start. */
  async open(state: Uint8Array | null): Promise<Md5Handle> {
    const worker = this.running();
    const handle: Md5Handle = { hash: this.nextHash++, worker };
    await this.ask(handle, (request) => ({ op: 'open', hash: handle.hash, request, state }));
    return handle;
  }

  /** Whether the md5 is still in the running worker. */
  holds(handle: Md5Handle): boolean {
    return handle.worker === this.worker;
  }

  /**
   * Hands `bytes` over to the md5 (copied: the caller may reuse them at once). Resolves once they
   * are in the window, which waits while every slot is busy: that wait is the backpressure.
   */
  async update(handle: Md5Handle, bytes: Uint8Array): Promise<void> {
    const { slotBytes } = this.window;
    for (let offset = 0; offset < bytes.length; offset += slotBytes) {
      const slot = this.window.take() ?? (await this.window.nextFree());
      if (!this.holds(handle)) {
        this.window.release(slot);
        throw this.lost(handle);
      }
      const piece = bytes.subarray(offset, offset + slotBytes);
      this.window.fill(slot, piece);
      this.post(handle.worker, { op: 'update', hash: handle.hash, slot, length: piece.length });
    }
  }

  /** The md5's state after every byte handed over before this call. */
  async save(handle: Md5Handle): Promise<Uint8Array> {
    const state = await this.ask(handle, (request) => ({ op: 'save', hash: handle.hash, request }));
    if (!(state instanceof Uint8Array)) throw new Error('the md5 worker answered save without a state');
    return state;
  }

  /** The md5 in hex of every byte handed over; the handle is closed. */
  async digest(handle: Md5Handle): Promise<string> {
    const hex = await this.ask(handle, (request) => ({ op: 'digest', hash: handle.hash, request }));
    if (typeof hex !== 'string') throw new Error('the md5 worker answered digest without a hex string');
    return hex;
  }

  /** Forgets the md5 (its bytes may be ahead of what was kept); nothing to wait for. */
  close(handle: Md5Handle): void {
    if (this.holds(handle)) this.post(handle.worker, { op: 'close', hash: handle.hash });
  }

  /** Stops the worker; later calls fail. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.worker?.terminate();
  }

  private running(): Worker {
    if (this.stopped) throw new Error('the md5 worker was stopped');
    if (this.worker) return this.worker;
    const workerData: Md5WorkerData = { window: this.window.buffer, slotBytes: this.window.slotBytes };
    // Its heap only holds messages and a few hashers: small limits keep its resident memory small.
    // local/start.mjs compiles the worker as an entry of its own; from the sources it runs through tsx.
    const worker = startAppWorker(PROJECT_DIR, 'local/emulator/upload/md5-worker.ts', {
      workerData,
      resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
    });
    let failure: Error | undefined;
    worker.on('message', (reply: Md5Reply) => {
      // A slot freed by a worker that is gone may already serve the next one.
      if (this.worker === worker) this.receive(reply);
    });
    worker.on('error', (error) => {
      failure = error;
    });
    worker.once('exit', (code) => this.lose(worker, failure ?? new Error(`the md5 worker exited with code ${code}`)));
    this.worker = worker;
    this.referenced = true;
    this.reference();
    return worker;
  }

  private receive(reply: Md5Reply): void {
    if (reply.kind === 'slot-free') {
      this.window.release(reply.slot);
    } else {
      const pending = this.pending.get(reply.request);
      this.pending.delete(reply.request);
      if (reply.kind === 'answer') pending?.resolve(reply.value);
      else pending?.reject(new Error(reply.message));
    }
    this.reference();
  }

  /** The worker is gone with every md5 it held: what waited for it fails, its slots are free again. */
  private lose(worker: Worker, cause: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const error = new Error(`the md5 worker stopped: ${cause.message}`, { cause });
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    this.window.releaseAll();
  }

  private lost(handle: Md5Handle): Error {
    return new Error(`md5 ${handle.hash} was lost: the md5 worker stopped`);
  }

  private ask(handle: Md5Handle, message: (request: number) => Md5Request): Promise<Uint8Array | string | null> {
    if (!this.holds(handle)) return Promise.reject(this.lost(handle));
    const request = this.nextRequest++;
    const answer = new Promise<Uint8Array | string | null>((resolve, reject) => this.pending.set(request, { resolve, reject }));
    this.post(handle.worker, message(request));
    return answer;
  }

  private post(worker: Worker, message: Md5Request): void {
    worker.postMessage(message);
    this.reference();
  }

  /** The worker keeps the process alive only while it owes an answer or holds bytes. */
  private reference(): void {
    const worker = this.worker;
    if (!worker) return;
    const busy = this.pending.size > 0 || this.window.busyCount > 0;
    if (busy === this.referenced) return;
    this.referenced = busy;
    if (busy) worker.ref();
    else worker.unref();
  }
}
