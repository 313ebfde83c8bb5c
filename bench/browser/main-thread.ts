/** How the page's main thread spent its time, from Chromium's cumulative counters (CDP Performance.getMetrics). */
import type { CDPSession } from 'playwright-core';

export interface MainThreadTimes {
  /** All tasks of the main thread. */
  taskMs: number;
  /** Running JavaScript. */
  scriptMs: number;
  layoutMs: number;
  /** Style recalculation. */
  styleMs: number;
}

const COUNTERS: Record<keyof MainThreadTimes, string> = {
  taskMs: 'TaskDuration',
  scriptMs: 'ScriptDuration',
  layoutMs: 'LayoutDuration',
  styleMs: 'RecalcStyleDuration',
};

/** The counters now (they only grow); the CDP session must have sent Performance.enable. */
export async function mainThreadTimes(cdp: CDPSession): Promise<MainThreadTimes> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const seconds = (name: string) => {
    const metric = metrics.find((m) => m.name === name);
    if (!metric) throw new Error(`Chromium reported no ${name} metric (Performance.enable missing?)`);
    return metric.value;
  };
  const entries = Object.entries(COUNTERS).map(([key, name]) => [key, seconds(name) * 1000]);
  return Object.fromEntries(entries) as Record<keyof MainThreadTimes, number>;
}

export function timesBetween(before: MainThreadTimes, after: MainThreadTimes): MainThreadTimes {
  return {
    taskMs: after.taskMs - before.taskMs,
    scriptMs: after.scriptMs - before.scriptMs,
    layoutMs: after.layoutMs - before.layoutMs,
    styleMs: after.styleMs - before.styleMs,
  };
}
