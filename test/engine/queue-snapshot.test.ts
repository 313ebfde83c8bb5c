import { describe, expect, it } from 'vitest';
import { QueueItems } from '../../src/upload-engine/queue/queue-items.js';
import { buildQueueSnapshot } from '../../src/upload-engine/queue/queue-rules.js';
import { UPLOAD_ITEM_STATES, type UploadItemState, type UploadQueueSnapshot } from '../../src/upload-engine/queue/upload-item.js';
import type { ItemPatch } from '../../src/upload-engine/processing/processing-status.js';
import type { FileEntry } from '../../src/upload-engine/file-entry.js';
import { withMeta } from '../../src/upload-engine/upload-source.js';
import { fakeSource } from './support/fakes.js';

const CONTEXT = { bytesPerSecond: 1234, online: true, concurrency: 3, notices: [] };

/** A seeded generator (mulberry32): a failing sequence is found again from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    below: (n: number) => Math.floor(next() * n),
    pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!,
    chance: (p: number) => next() < p,
  };
}

const FOLDERS = [undefined, 'Shoot', 'Shoot', 'Archive', 'Clients', 'Zeta'];

function newQueueItems() {
  const items = new QueueItems(() => CONTEXT);
  const entries: FileEntry[] = [];
  let added = 0;
  const add = (rng: ReturnType<typeof random>) => {
    const folder = rng.pick(FOLDERS);
    const name = `file-${++added}.mp4`;
    const link = rng.chance(0.1) ? `https://example.com/${name}` : undefined;
    const [file] = withMeta([
      fakeSource(name, rng.below(5) === 0 ? 0 : 1 + rng.below(10_000_000), {
        relativePath: folder === undefined ? undefined : `${folder}/day ${rng.below(3)}/${name}`,
        link,
      }),
    ]);
    const entry = items.create(file!.source, file!.meta, rng.chance(0.2));
    entries.push(entry);
    return entry;
  };
  return { items, entries, add };
}

function randomPatch(rng: ReturnType<typeof random>, entry: FileEntry): ItemPatch {
  const state = rng.pick<UploadItemState>(UPLOAD_ITEM_STATES);
  switch (rng.below(4)) {
    case 0:
      return { bytesUploaded: rng.below(entry.item.size + 1) };
    case 1:
      return { bytesPerSecond: rng.below(1000), secondsLeft: rng.below(100) };
    case 2:
      return {
        state,
        pauseReason: state === 'paused' ? rng.pick(['user', 'offline'] as const) : undefined,
        error: state === 'failed' ? { code: 'NETWORK', message: 'broken', fatal: rng.chance(0.5) } : undefined,
      };
    default:
      return { state, bytesUploaded: rng.below(entry.item.size + 1) };
  }
}

/** The snapshot QueueItems keeps, compared with one made from scratch over the same items. */
function expectSameAsFromScratch(snapshot: UploadQueueSnapshot, entries: Iterable<FileEntry>, listChanges: number, where: string) {
  const fromScratch = buildQueueSnapshot(
    [...entries].map((entry) => entry.item),
    { ...CONTEXT, listChanges },
  );
  expect(snapshot, where).toEqual(fromScratch);
}

describe('QueueItems: the snapshot kept as files change', () => {
  it('equals a snapshot made from scratch after every step of random adds, changes and removals', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const rng = random(seed);
      const { items, entries, add } = newQueueItems();
      const present = new Set<FileEntry>();
      let listChanges = 0;
      for (let step = 0; step < 400; step++) {
        const roll = rng.below(10);
        if (roll < 2 || present.size === 0) {
          for (let n = rng.below(4) + 1; n > 0; n--) {
            present.add(add(rng));
            listChanges++;
          }
        } else if (roll < 9) {
          const entry = rng.pick([...present]);
          items.update(entry, randomPatch(rng, entry), rng.chance(0.5));
        } else {
          // Several at once sometimes, as "Clear finished" does.
          for (let n = rng.below(3) + 1; n > 0 && present.size > 0; n--) {
            const entry = rng.pick([...present]);
            items.remove(entry);
            present.delete(entry);
            listChanges++;
          }
        }
        // Not read at every step: changes between two snapshots add up.
        if (rng.chance(0.6)) {
          expectSameAsFromScratch(
            items.publisher.get(),
            entries.filter((entry) => present.has(entry)),
            listChanges,
            `seed ${seed}, step ${step}`,
          );
        }
      }
    }
  });

  it('keeps every item and folder no file of which changed as the same object', () => {
    const rng = random(42);
    const { items, add } = newQueueItems();
    const shot: FileEntry[] = [];
    for (let n = 0; n < 300; n++) {
      const entry = add(rng);
      items.update(entry, { state: 'queued' });
      shot.push(entry);
    }
    let before = items.publisher.get();
    for (let step = 0; step < 200; step++) {
      const changed = new Set<string>();
      for (let n = rng.below(5) + 1; n > 0; n--) {
        const entry = rng.pick(shot);
        items.update(entry, randomPatch(rng, entry), false);
        changed.add(entry.id);
      }
      const after = items.publisher.get();
      expect(after).not.toBe(before);
      expect(after.items).toHaveLength(before.items.length);
      after.items.forEach((item, index) => {
        if (changed.has(item.id)) expect(item).not.toBe(before.items[index]);
        else expect(item).toBe(before.items[index]);
      });
      const foldersChanged = new Set(after.items.filter((item) => changed.has(item.id)).map((item) => item.relativePath?.split('/')[0]));
      for (const folder of after.folders) {
        const earlier = before.folders.find((candidate) => candidate.name === folder.name);
        if (!foldersChanged.has(folder.name)) expect(folder).toBe(earlier);
      }
      if (foldersChanged.size === 1 && foldersChanged.has(undefined)) expect(after.folders).toBe(before.folders);
      before = after;
    }
  });

  it('gives the same snapshot object, and the same list, until something changes', () => {
    const rng = random(7);
    const { items, add } = newQueueItems();
    const entry = add(rng);
    add(rng);
    const first = items.publisher.get();
    expect(items.publisher.get()).toBe(first);
    items.publisher.changed(false); // e.g. the overall speed: no item changed
    const second = items.publisher.get();
    expect(second).not.toBe(first);
    expect(second.items).toBe(first.items);
    items.update(entry, { bytesUploaded: 1 });
    expect(items.publisher.get().items).not.toBe(first.items);
  });

  it('lists folders in the order of their first file still listed, after files are taken off', () => {
    const { items } = newQueueItems();
    const file = (name: string, folder: string) =>
      items.create(
        withMeta([fakeSource(name, 10, { relativePath: `${folder}/${name}` })])[0]!.source,
        { displayName: name, mimeType: 'video/mp4' },
        false,
      );
    const a1 = file('a1', 'A');
    file('b1', 'B');
    file('a2', 'A');
    expect(items.publisher.get().folders.map((folder) => folder.name)).toEqual(['A', 'B']);
    items.remove(a1);
    expect(items.publisher.get().folders.map((folder) => folder.name)).toEqual(['B', 'A']);
  });

  it('leaves the snapshot alone when a file taken off the list changes afterwards (a run ending late)', () => {
    const rng = random(9);
    const { items, add } = newQueueItems();
    const gone = add(rng);
    const kept = add(rng);
    items.remove(gone);
    items.update(gone, { state: 'ready' });
    expect(items.publisher.get().items).toEqual([kept.item]);
    items.update(gone, { state: 'failed' });
    expect(items.publisher.get().items).toEqual([kept.item]);
    expect(items.publisher.get().totals.files).toBe(1);
  });
});
