import { afterEach, describe, expect, it } from 'vitest';
import { ManualConnectivity } from '../../src/upload-engine/connectivity.js';
import { UploadQueue } from '../../src/upload-engine/queue/upload-queue.js';
import { ADD_SLICE_FILES } from '../../src/upload-engine/queue/sliced-adds.js';
import { withMeta } from '../../src/upload-engine/upload-source.js';
import { fakeSource, FakeBackend, FakeFinalize, ScriptedTransport } from './support/fakes.js';

const queues: UploadQueue[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.dispose()));
});

function setup() {
  const queue = new UploadQueue({
    backend: new FakeBackend(),
    transport: new ScriptedTransport(),
    fetch: new FakeFinalize().fetch,
    connectivity: new ManualConnectivity(true),
    concurrency: 2,
  });
  queues.push(queue);
  // How many files were listed at each telling of the snapshot (one per task that changed it).
  const listedAtEachTelling: number[] = [];
  queue.subscribe((snapshot) => listedAtEachTelling.push(snapshot.items.length));
  return { queue, listedAtEachTelling, snapshot: () => queue.getSnapshot() };
}

const files = (count: number, prefix = 'file') =>
  withMeta(
    Array.from({ length: count }, (_, i) => fakeSource(`${prefix}-${String(i).padStart(4, '0')}.mp4`, 1000 + i)),
    {},
  );

describe('UploadQueue.beginAdding: files handed over a slice per task', () => {
  it('lists nothing in the task that hands them over, then a slice per task, in the order given, counting those to come', async () => {
    const { queue, listedAtEachTelling, snapshot } = setup();
    const given = files(2 * ADD_SLICE_FILES + 100);
    const adding = queue.beginAdding();
    adding.expect(given.length);
    adding.add(given.slice(0, ADD_SLICE_FILES + 50));
    adding.add(given.slice(ADD_SLICE_FILES + 50));
    expect(snapshot().items).toHaveLength(0);
    expect(snapshot().adding).toBe(given.length);
    expect(snapshot().totals.busy).toBe(true);
    expect(snapshot().actions.cancelAll).toBe(true);
    await adding.settled();
    expect(snapshot().items.map((item) => item.name)).toEqual(given.map((file) => file.source.name));
    expect(snapshot().adding).toBe(0);
    // Each telling follows one task's slice: never more than ADD_SLICE_FILES at once (fewer on a loaded machine).
    const told = [0, ...listedAtEachTelling.filter((listed) => listed > 0)];
    expect(told.at(-1)).toBe(given.length);
    for (let i = 1; i < told.length; i++) expect(told[i]! - told[i - 1]!).toBeLessThanOrEqual(ADD_SLICE_FILES);
    expect(told.length).toBeGreaterThanOrEqual(4);
    expect(snapshot().totals.count.uploading + snapshot().totals.count.queued).toBe(given.length);
  });

  it('Cancel all while files are on their way: none listed afterwards, and the adding takes no more', async () => {
    const { queue, snapshot } = setup();
    const given = files(3 * ADD_SLICE_FILES);
    const adding = queue.beginAdding();
    adding.expect(given.length + 10); // ten more are still being opened
    adding.add(given);
    while (snapshot().items.length === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    const listedAtCancel = snapshot().items.length;
    expect(listedAtCancel).toBeLessThan(given.length);
    await queue.cancelAll();
    expect(adding.cancelled).toBe(true);
    adding.add(files(10, 'late'));
    await adding.settled();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(snapshot().items).toHaveLength(listedAtCancel);
    expect(snapshot().items.every((item) => item.state === 'cancelled')).toBe(true);
    expect(snapshot().adding).toBe(0);
    expect(snapshot().totals.busy).toBe(false);
  });

  it('Pause all while files are on their way: those listed later come paused, and Resume all sends them', async () => {
    const { queue, snapshot } = setup();
    const given = files(2 * ADD_SLICE_FILES);
    const adding = queue.beginAdding();
    adding.add(given);
    await queue.pauseAll(); // before the first slice: every file comes paused
    expect(snapshot().actions.resumeAll).toBe(true);
    expect(snapshot().actions.pauseAll).toBe(false);
    await adding.settled();
    expect(snapshot().totals.count.paused).toBe(given.length);
    expect(snapshot().items.every((item) => item.pauseReason === 'user')).toBe(true);
    queue.resumeAll();
    expect(snapshot().totals.count.paused).toBe(0);
    expect(snapshot().totals.count.uploading).toBe(2);
  });

  it('a file cancelled while later slices are on their way stays cancelled; the rest come queued, in order', async () => {
    const { queue, snapshot } = setup();
    const given = files(2 * ADD_SLICE_FILES);
    const adding = queue.beginAdding();
    adding.add(given);
    while (snapshot().items.length === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    const first = snapshot().items[0]!;
    await queue.cancel(first.id);
    await adding.settled();
    expect(queue.getItem(first.id)?.state).toBe('cancelled');
    expect(snapshot().items.map((item) => item.name)).toEqual(given.map((file) => file.source.name));
    expect(snapshot().totals.count.cancelled).toBe(1);
    expect(snapshot().totals.count.queued + snapshot().totals.count.uploading).toBe(given.length - 1);
  });

  it('files expected that will not come are forgone: the queue is no longer busy with them', async () => {
    const { queue, snapshot } = setup();
    const adding = queue.beginAdding();
    adding.expect(5);
    adding.add(files(3));
    adding.forgo(2);
    await adding.settled();
    expect(snapshot().items).toHaveLength(3);
    expect(snapshot().adding).toBe(0);
  });
});
