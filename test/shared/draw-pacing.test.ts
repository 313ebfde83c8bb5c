import { describe, expect, it } from 'vitest';
import { DrawPacing, stateOfQueue } from '../../src/shared/draw-pacing';
import { UploadQueue } from '../../src/upload-engine';
import type { UploadBackend } from '../../src/upload-engine';

const options = { progressEveryMs: 500, busyShare: 0.2 };

/** One draw begun at `at` and on the screen `costMs` later. */
function drew(pacing: DrawPacing, at: number, costMs: number): void {
  pacing.started(at);
  pacing.ended(at + costMs);
}

describe('DrawPacing', () => {
  it('draws the first change at once', () => {
    const pacing = new DrawPacing(options);
    expect(pacing.waitFor('progress', 0)).toBe(0);
    expect(pacing.waitFor('state', 0)).toBe(0);
  });

  it('draws bytes moving at its steady pace, counted from the last draw begun', () => {
    const pacing = new DrawPacing(options);
    drew(pacing, 1000, 5);
    expect(pacing.waitFor('progress', 1100)).toBe(400);
    expect(pacing.waitFor('progress', 1500)).toBe(0);
  });

  it('draws a change of state as soon as the last draw has rested four times its cost', () => {
    const pacing = new DrawPacing(options);
    drew(pacing, 1000, 5); // a page of a few files: 5 ms a draw
    // A file became Processing 100 ms after a progress draw: drawn now, not 400 ms later.
    expect(pacing.waitFor('state', 1100)).toBe(0);
    expect(pacing.waitFor('state', 1010)).toBe(15);
  });

  it('spaces out costly draws so that drawing takes at most its share of the main thread', () => {
    const pacing = new DrawPacing(options);
    drew(pacing, 0, 60);
    expect(pacing.waitFor('state', 60)).toBe(240);
    drew(pacing, 1000, 200); // thousands of files: never beyond the steady pace
    expect(pacing.waitFor('state', 1200)).toBe(300);
  });

  it('takes a draw not yet on the screen to cost what the last one did', () => {
    const pacing = new DrawPacing(options);
    drew(pacing, 0, 10);
    pacing.started(100);
    expect(pacing.waitFor('state', 105)).toBe(45); // ends about 110, rests 40
    expect(pacing.waitFor('state', 300)).toBe(0); // it drew nothing new: the estimate lapses with time
  });

  it('ignores an end that is not of the draw begun last', () => {
    const pacing = new DrawPacing(options);
    drew(pacing, 0, 10);
    pacing.ended(400); // a second commit of the same draw
    expect(pacing.waitFor('state', 50)).toBe(0);
  });
});

describe('stateOfQueue', () => {
  const backend = {} as UploadBackend; // never called: no file is sent

  it('tells a change of state from bytes moving', () => {
    const queue = new UploadQueue({ backend });
    const empty = stateOfQueue(queue.getSnapshot());
    expect(stateOfQueue(queue.getSnapshot())).toBe(empty);
    queue.setConcurrency(queue.getSnapshot().concurrency + 1);
    expect(stateOfQueue(queue.getSnapshot())).not.toBe(empty);
    void queue.dispose();
  });
});
