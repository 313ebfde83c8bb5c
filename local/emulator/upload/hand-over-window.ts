/**
 * A fixed number of reused byte slots in shared memory, through which the receiving thread hands
 * bytes to the md5 worker. A slot is busy from the moment bytes are copied into it until the
 * worker says it is done with them; when every slot is busy, `nextFree` makes the receiving side
 * wait, which stops it reading the request. So the memory the md5 needs is this window, whatever
 * the size and number of uploads.
 */
export class HandOverWindow {
  readonly buffer: SharedArrayBuffer;
  private readonly bytes: Uint8Array;
  private readonly free: number[];
  private readonly busy: boolean[];
  private readonly waiting: ((slot: number) => void)[] = [];

  constructor(
    readonly slots: number,
    readonly slotBytes: number,
  ) {
    if (!Number.isInteger(slots) || slots < 1) throw new Error(`a hand-over window needs at least one slot, got ${slots}`);
    if (!Number.isInteger(slotBytes) || slotBytes < 1) throw new Error(`a slot needs at least one byte, got ${slotBytes}`);
    this.buffer = new SharedArrayBuffer(slots * slotBytes);
    this.bytes = new Uint8Array(this.buffer);
    this.free = Array.from({ length: slots }, (_, slot) => slots - 1 - slot);
    this.busy = new Array<boolean>(slots).fill(false);
  }

  /** How many slots hold bytes the worker has not finished with. */
  get busyCount(): number {
    return this.slots - this.free.length;
  }

  /** A free slot, now busy; undefined when every slot is busy. */
  take(): number | undefined {
    const slot = this.free.pop();
    if (slot !== undefined) this.busy[slot] = true;
    return slot;
  }

  /** Resolves with a slot, now busy, as soon as one is released (first come, first served). */
  nextFree(): Promise<number> {
    const slot = this.take();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Copies `bytes` (at most slotBytes) into a busy slot. */
  fill(slot: number, bytes: Uint8Array): void {
    if (bytes.length > this.slotBytes) throw new Error(`${bytes.length} bytes do not fit a slot of ${this.slotBytes}`);
    this.bytes.set(bytes, slot * this.slotBytes);
  }

  release(slot: number): void {
    if (!this.busy[slot]) return;
    const waiter = this.waiting.shift();
    if (waiter) {
      waiter(slot);
      return;
    }
    this.busy[slot] = false;
    this.free.push(slot);
  }

  /** Releases every busy slot (the worker that held them is gone). */
  releaseAll(): void {
    for (let slot = 0; slot < this.slots; slot++) this.release(slot);
  }
}
