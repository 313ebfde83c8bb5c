import { afterEach, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { Md5Thread, type Md5Handle } from '../../local/emulator/upload/md5-thread.js';

const md5Hex = (bytes: Uint8Array) => crypto.createHash('md5').update(bytes).digest('hex');

/** Random bytes cut into pieces of odd sizes, some larger than a slot. */
function oddPieces(bytes: Buffer, seed: number): Buffer[] {
  const sizes = [1, 7, 999, 1000, 1001, 4093, 65_537, 3];
  const pieces: Buffer[] = [];
  for (let offset = 0, index = seed; offset < bytes.length; index++) {
    const size = sizes[index % sizes.length]!;
    pieces.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return pieces;
}

async function feed(thread: Md5Thread, handle: Md5Handle, pieces: Buffer[]): Promise<void> {
  for (const piece of pieces) await thread.update(handle, piece);
}

describe('the md5 worker thread', () => {
  const threads: Md5Thread[] = [];
  /** A small window (4 slots of 1000 bytes), so that pieces are split and callers wait for slots. */
  function newThread(): Md5Thread {
    const thread = new Md5Thread({ slots: 4, slotBytes: 1000 });
    threads.push(thread);
    return thread;
  }
  afterEach(async () => {
    await Promise.all(threads.splice(0).map((thread) => thread.stop()));
  });

  it('gives the md5 node:crypto gives, for random bytes handed over in pieces of odd sizes', async () => {
    const thread = newThread();
    const bytes = crypto.randomBytes(777_777);
    const handle = await thread.open(null);
    await feed(thread, handle, oddPieces(bytes, 0));
    expect(await thread.digest(handle)).toBe(md5Hex(bytes));

    const empty = await thread.open(null);
    expect(await thread.digest(empty)).toBe(md5Hex(Buffer.alloc(0)));
  });

  it('continues from a saved state in another worker, as a restarted server does', async () => {
    const bytes = crypto.randomBytes(300_001);
    const first = newThread();
    const before = await first.open(null);
    await feed(first, before, oddPieces(bytes.subarray(0, 123_457), 1));
    const state = await first.save(before);
    // Bytes handed over after the save are not in it: the state covers exactly what came before.
    await first.update(before, bytes.subarray(123_457, 200_000));
    await first.stop();

    const second = newThread();
    const after = await second.open(state);
    await feed(second, after, oddPieces(bytes.subarray(123_457), 2));
    expect(await second.digest(after)).toBe(md5Hex(bytes));
  });

  it('keeps many md5s apart while they are handed over at the same time through one small window', async () => {
    const thread = newThread();
    const inputs = Array.from({ length: 40 }, (_, index) => crypto.randomBytes(20_000 + index * 997));
    const digests = await Promise.all(
      inputs.map(async (bytes, index) => {
        const handle = await thread.open(null);
        await feed(thread, handle, oddPieces(bytes, index));
        return thread.digest(handle);
      }),
    );
    expect(digests).toEqual(inputs.map(md5Hex));
  });

  it('fails only the md5 whose state cannot be loaded; the others go on', async () => {
    const thread = newThread();
    const bytes = crypto.randomBytes(50_000);
    const healthy = await thread.open(null);
    await thread.update(healthy, bytes.subarray(0, 20_000));
    const state = await thread.save(healthy);

    await expect(thread.open(new Uint8Array(state.length))).rejects.toThrow(/incompatible hash implementation/);
    await expect(thread.open(state.subarray(1))).rejects.toThrow(/Bad state length/);

    await thread.update(healthy, bytes.subarray(20_000));
    expect(await thread.digest(healthy)).toBe(md5Hex(bytes));
  });

  it('when the worker dies, the md5s it held are lost and say so; a new worker continues from a saved state', async () => {
    const thread = newThread();
    const bytes = crypto.randomBytes(90_000);
    const handle = await thread.open(null);
    await thread.update(handle, bytes.subarray(0, 30_000));
    const state = await thread.save(handle);
    await thread.update(handle, bytes.subarray(30_000, 60_000));

    const exited = new Promise((resolve) => handle.worker.once('exit', resolve));
    await handle.worker.terminate();
    await exited;
    expect(thread.holds(handle)).toBe(false);
    await expect(thread.update(handle, bytes.subarray(60_000))).rejects.toThrow(/was lost/);
    await expect(thread.digest(handle)).rejects.toThrow(/was lost/);

    const resumed = await thread.open(state);
    expect(resumed.worker).not.toBe(handle.worker);
    await feed(thread, resumed, oddPieces(bytes.subarray(30_000), 3));
    expect(await thread.digest(resumed)).toBe(md5Hex(bytes));
  });

  it('refuses work once stopped', async () => {
    const thread = newThread();
    await thread.stop();
    await expect(thread.open(null)).rejects.toThrow(/stopped/);
  });
});
