/** The page's JS heap over the DevTools protocol: one reading, a forced GC, and sampling at an interval. */
import { performance } from 'node:perf_hooks';
import type { CDPSession } from 'playwright-core';

export interface HeapReading {
  /** Node's `performance.now()` when the reading was answered. */
  atMs: number;
  /** V8's used JS heap of the page (what `performance.memory.usedJSHeapSize` reports, precisely). */
  usedBytes: number;
  /** Blink's garbage-collected heap (DOM objects), for context. */
  embedderBytes: number;
}

export async function readHeap(cdp: CDPSession): Promise<HeapReading> {
  const usage = await cdp.send('Runtime.getHeapUsage');
  return { atMs: performance.now(), usedBytes: usage.usedSize, embedderBytes: usage.embedderHeapUsedSize };
}

/** Two full collections: the second also frees what the first's finalizers released. */
export async function collectGarbage(cdp: CDPSession): Promise<void> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
}

export interface HeapSampler {
  /** Stops sampling; resolves with every reading, in order. */
  stop(): Promise<HeapReading[]>;
}

/**
 * Reads the heap every `intervalMs` until stopped. A reading is answered by the page's main
 * thread, so a long task delays it: the gaps between readings are kept with them (`atMs`).
 */
export function sampleHeap(cdp: CDPSession, intervalMs: number): HeapSampler {
  const readings: HeapReading[] = [];
  let stopped = false;
  let wake: () => void = () => undefined;
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      readings.push(await readHeap(cdp));
      const wait = intervalMs - (performance.now() - started);
      if (wait > 0 && !stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake();
      await loop;
      return readings;
    },
  };
}
