/**
 * Long tasks (≥ 50 ms on the page's main thread), collected from before the page's own scripts run
 * by a PerformanceObserver, and read for a window of the page's clock.
 */
import type { Page } from 'playwright-core';

/** Installed with addInitScript; a string, so no build step can add helpers the page lacks. */
export const LONG_TASK_OBSERVER = `(() => {
  const tasks = [];
  Object.defineProperty(window, '__rmuLongTasks', { value: tasks });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push([entry.startTime, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
})();`;

export interface LongTask {
  /** On the page's clock (`performance.now()`). */
  startMs: number;
  durationMs: number;
}

export interface LongTaskStats {
  count: number;
  totalMs: number;
  maxMs: number;
}

/** Long-task entries reach the observer a little after the task ends, so the read waits this long first. */
const DELIVERY_WAIT_MS = 300;

function isPair(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'number';
}

/** The long tasks that overlap [fromMs, toMs] of the page's clock. */
export async function longTasksBetween(page: Page, fromMs: number, toMs: number): Promise<LongTask[]> {
  const raw: unknown = await page.evaluate(
    `new Promise((resolve) => setTimeout(() => resolve(window.__rmuLongTasks ?? null), ${DELIVERY_WAIT_MS}))`,
  );
  if (!Array.isArray(raw)) throw new Error('the long-task observer is not installed on the page');
  return raw
    .filter(isPair)
    .map(([startMs, durationMs]) => ({ startMs, durationMs }))
    .filter((task) => task.startMs < toMs && task.startMs + task.durationMs > fromMs);
}

export function longTaskStats(tasks: readonly LongTask[]): LongTaskStats {
  return {
    count: tasks.length,
    totalMs: tasks.reduce((sum, task) => sum + task.durationMs, 0),
    maxMs: tasks.reduce((max, task) => Math.max(max, task.durationMs), 0),
  };
}
