/** The page's clock (its `performance.now()`) seen from Node, so a Node-side moment can be compared with in-page marks. */
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';

export interface PageClock {
  /** The page's `performance.now()` at the Node moment `nodeMs` (Node's `performance.now()`). */
  toPage(nodeMs: number): number;
  /** Half the shortest round trip: how far off `toPage` can be. */
  uncertaintyMs: number;
}

/** Reads the page's clock a few times and keeps the reading with the shortest round trip. */
export async function syncPageClock(page: Page, readings = 5): Promise<PageClock> {
  let best = { offset: 0, roundTrip: Number.POSITIVE_INFINITY };
  for (let i = 0; i < readings; i++) {
    const before = performance.now();
    const pageNow = await page.evaluate('performance.now()');
    const after = performance.now();
    if (typeof pageNow !== 'number') throw new Error('the page did not answer performance.now()');
    if (after - before < best.roundTrip) best = { offset: pageNow - (before + after) / 2, roundTrip: after - before };
  }
  const { offset, roundTrip } = best;
  return { toPage: (nodeMs) => nodeMs + offset, uncertaintyMs: roundTrip / 2 };
}
