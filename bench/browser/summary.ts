/** From the runs to the figures the report shows: medians and min–max, and the targets. */
import { MIB } from '../config.js';
import { spread, type Spread } from '../stats.js';
import type { LargeUploadRun } from './large-upload.js';
import type { ManyFilesRun } from './many-files.js';

export interface LargeUploadSummary {
  runs: number;
  mibPerSecond: Spread;
  baselineMiB: Spread;
  peakMiB: Spread;
  growthMiB: Spread;
  afterGcMiB: Spread;
  retainedMiB: Spread;
  embedderGrowthMiB: Spread;
  maxSampleGapMs: Spread;
  longTaskCount: Spread;
  longTaskTotalMs: Spread;
  longTaskMaxMs: Spread;
}

export interface ManyFilesSummary {
  runs: number;
  files: number;
  stageMs: Spread;
  pickToChangeMs: Spread;
  changeToStagedDomMs: Spread;
  queueMs: Spread;
  clickToQueuedDomMs: Spread;
  totalMs: Spread;
  stageLongTaskCount: Spread;
  stageLongTaskTotalMs: Spread;
  stageLongTaskMaxMs: Spread;
  queueLongTaskCount: Spread;
  queueLongTaskTotalMs: Spread;
  queueLongTaskMaxMs: Spread;
  stageScriptMs: Spread;
  stageLayoutAndStyleMs: Spread;
  queueScriptMs: Spread;
  queueLayoutAndStyleMs: Spread;
}

export interface BrowserTarget {
  /** A stable name for the machine-readable line. */
  id: string;
  name: string;
  bound: string;
  value: string;
  /** undefined: not checked at this scale. */
  met?: boolean;
  /** Why it is not checked, or how far off a missed target is. */
  note?: string;
}

export interface BrowserSummary {
  large: LargeUploadSummary;
  many: ManyFilesSummary;
  targets: BrowserTarget[];
}

export const HEAP_GROWTH_LIMIT_MIB = 50;
export const ADD_TIME_LIMIT_MS = 1000;
const ADD_TARGET_ID = 'page-add-1000-files';
export const ADD_TARGET_FILES = 1000;

const mib = (bytes: number) => bytes / MIB;

function summarizeLarge(runs: LargeUploadRun[]): LargeUploadSummary {
  const of = (pick: (run: LargeUploadRun) => number) => spread(runs.map(pick));
  return {
    runs: runs.length,
    mibPerSecond: of((r) => mib(r.bytes) / r.uploadSeconds),
    baselineMiB: of((r) => mib(r.baselineBytes)),
    peakMiB: of((r) => mib(r.peakBytes)),
    growthMiB: of((r) => mib(r.growthBytes)),
    afterGcMiB: of((r) => mib(r.afterGcBytes)),
    retainedMiB: of((r) => mib(r.retainedBytes)),
    embedderGrowthMiB: of((r) => mib(r.embedderPeakBytes - r.embedderBaselineBytes)),
    maxSampleGapMs: of((r) => r.maxSampleGapMs),
    longTaskCount: of((r) => r.longTasks.count),
    longTaskTotalMs: of((r) => r.longTasks.totalMs),
    longTaskMaxMs: of((r) => r.longTasks.maxMs),
  };
}

function summarizeMany(runs: ManyFilesRun[]): ManyFilesSummary {
  const of = (pick: (run: ManyFilesRun) => number) => spread(runs.map(pick));
  return {
    runs: runs.length,
    files: runs[0]?.files ?? 0,
    stageMs: of((r) => r.stageMs),
    pickToChangeMs: of((r) => r.pickToChangeMs),
    changeToStagedDomMs: of((r) => r.changeToStagedDomMs),
    queueMs: of((r) => r.queueMs),
    clickToQueuedDomMs: of((r) => r.clickToQueuedDomMs),
    totalMs: of((r) => r.totalMs),
    stageLongTaskCount: of((r) => r.stageLongTasks.count),
    stageLongTaskTotalMs: of((r) => r.stageLongTasks.totalMs),
    stageLongTaskMaxMs: of((r) => r.stageLongTasks.maxMs),
    queueLongTaskCount: of((r) => r.queueLongTasks.count),
    queueLongTaskTotalMs: of((r) => r.queueLongTasks.totalMs),
    queueLongTaskMaxMs: of((r) => r.queueLongTasks.maxMs),
    stageScriptMs: of((r) => r.stageMainThread.scriptMs),
    stageLayoutAndStyleMs: of((r) => r.stageMainThread.layoutMs + r.stageMainThread.styleMs),
    queueScriptMs: of((r) => r.queueMainThread.scriptMs),
    queueLayoutAndStyleMs: of((r) => r.queueMainThread.layoutMs + r.queueMainThread.styleMs),
  };
}

function heapTarget(large: LargeUploadSummary, largeBytes: number): BrowserTarget {
  const worst = large.growthMiB.max;
  const met = worst < HEAP_GROWTH_LIMIT_MIB;
  const size = largeBytes >= 1024 * MIB ? `${(largeBytes / (1024 * MIB)).toFixed(0)} GiB` : `${mib(largeBytes).toFixed(0)} MiB`;
  return {
    id: 'page-heap-growth',
    name: `JS heap growth during a ${size} upload (worst run)`,
    bound: `< ${HEAP_GROWTH_LIMIT_MIB} MiB`,
    value: `${worst.toFixed(1)} MiB (median ${large.growthMiB.median.toFixed(1)}); after GC ${large.retainedMiB.max.toFixed(1)} MiB retained`,
    met,
    note: met ? undefined : `${(worst - HEAP_GROWTH_LIMIT_MIB).toFixed(1)} MiB over`,
  };
}

function addTarget(many: ManyFilesSummary): BrowserTarget {
  const total = many.totalMs.median;
  const value = `${total.toFixed(0)} ms median (max ${many.totalMs.max.toFixed(0)}): staged ${many.stageMs.median.toFixed(0)} ms + queued ${many.queueMs.median.toFixed(0)} ms`;
  const name = `${ADD_TARGET_FILES} files staged, queued and rendered (staging + queueing, median)`;
  if (many.files !== ADD_TARGET_FILES) {
    return { id: ADD_TARGET_ID, name, bound: `< ${ADD_TIME_LIMIT_MS} ms`, value, note: `not checked: ${many.files} files at this scale` };
  }
  const met = total < ADD_TIME_LIMIT_MS;
  return {
    id: ADD_TARGET_ID,
    name,
    bound: `< ${ADD_TIME_LIMIT_MS} ms`,
    value,
    met,
    note: met ? undefined : `${(total - ADD_TIME_LIMIT_MS).toFixed(0)} ms over`,
  };
}

export function summarizeBrowser(large: LargeUploadRun[], many: ManyFilesRun[], largeBytes: number): BrowserSummary {
  const largeSummary = summarizeLarge(large);
  const manySummary = summarizeMany(many);
  return { large: largeSummary, many: manySummary, targets: [heapTarget(largeSummary, largeBytes), addTarget(manySummary)] };
}
