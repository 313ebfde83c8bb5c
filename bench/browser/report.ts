/** The summary as markdown: printed at the end of a run and pasted into docs/BENCHMARKS.md. */
import { machineLine, type Machine } from '../machine.js';
import type { Spread } from '../stats.js';
import { formatSize } from '../workloads.js';
import type { BrowserBenchConfig } from './config.js';
import type { LargeUploadRun } from './large-upload.js';
import type { ManyFilesRun } from './many-files.js';
import type { BrowserSummary } from './summary.js';

export interface BrowserReportContext {
  machine: Machine;
  config: BrowserBenchConfig;
  chromium: string;
  loadAtEnd: number;
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const range = (s: Spread, digits = 0) => `${fixed(s.median, digits)} (${fixed(s.min, digits)}–${fixed(s.max, digits)})`;

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join(
    '\n',
  );
}

export function browserMarkdownReport(summary: BrowserSummary, context: BrowserReportContext): string {
  const { large, many } = summary;
  const { config } = context;
  const big = formatSize(config.largeFileBytes);
  const upload = table(
    [`${big} from the page, ${large.runs} runs`, 'median (min–max)'],
    [
      ['upload speed, click → Ready (MiB/s)', range(large.mibPerSecond)],
      ['JS heap used at rest, after a forced GC: baseline (MiB)', range(large.baselineMiB, 1)],
      ['JS heap used, peak from picking the file to Ready (MiB)', range(large.peakMiB, 1)],
      ['**growth**: peak − baseline (MiB)', range(large.growthMiB, 1)],
      ['JS heap used after a forced GC at Ready (MiB)', range(large.afterGcMiB, 1)],
      ['retained: after GC − baseline (MiB)', range(large.retainedMiB, 2)],
      ["Blink's heap (DOM), growth (MiB)", range(large.embedderGrowthMiB, 1)],
      ['longest gap between two heap readings (ms)', range(large.maxSampleGapMs)],
      ['long tasks, picking the file → Ready: count', range(large.longTaskCount)],
      ['long tasks: total (ms)', range(large.longTaskTotalMs)],
      ['long tasks: longest (ms)', range(large.longTaskMaxMs)],
    ],
  );
  const add = table(
    [`${many.files} files of ${formatSize(config.manyFileBytes)}, ${many.runs} runs`, 'ms, median (min–max)'],
    [
      ['**staging**: setInputFiles → "Files to upload (n)" and rows painted', range(many.stageMs)],
      ['… of which setInputFiles → change event (the browser making File objects)', range(many.pickToChangeMs)],
      ['… of which change event → staged table in the DOM (the page)', range(many.changeToStagedDomMs)],
      ['**queueing**: click on Upload → "Uploads (n)" and first rows painted', range(many.queueMs)],
      ['… of which click → queue in the DOM', range(many.clickToQueuedDomMs)],
      ['**total**: staging + queueing', range(many.totalMs)],
      [
        'long tasks while staging: count / total / longest',
        `${range(many.stageLongTaskCount)} / ${range(many.stageLongTaskTotalMs)} / ${range(many.stageLongTaskMaxMs)}`,
      ],
      [
        'long tasks while queueing: count / total / longest',
        `${range(many.queueLongTaskCount)} / ${range(many.queueLongTaskTotalMs)} / ${range(many.queueLongTaskMaxMs)}`,
      ],
      ['main thread, staging: JavaScript / layout + style', `${range(many.stageScriptMs)} / ${range(many.stageLayoutAndStyleMs)}`],
      ['main thread, queueing: JavaScript / layout + style', `${range(many.queueScriptMs)} / ${range(many.queueLayoutAndStyleMs)}`],
    ],
  );
  const targets = table(
    ['target', 'bound', 'measured', 'status'],
    summary.targets.map((t) => [
      t.name,
      t.bound,
      t.value,
      t.met === undefined ? (t.note ?? 'not checked') : t.met ? 'met' : `**missed** (${t.note})`,
    ]),
  );
  return [
    `Machine: ${machineLine(context.machine)}, ${context.loadAtEnd} at the end`,
    `Browser: ${context.chromium}. Scale ${config.scale}, ${config.repeat} repetitions (a fresh browser context each, ${big} upload then ${many.files} files, in turn); JS heap read every ${config.heapSampleIntervalMs} ms over CDP (Runtime.getHeapUsage).`,
    upload,
    add,
    targets,
  ].join('\n\n');
}

export function largeProgressLine(run: LargeUploadRun, total: number): string {
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  return `[${run.repetition}/${total}] ${formatSize(run.bytes)}: ${run.uploadSeconds.toFixed(1)} s to Ready (${run.bytesSeconds.toFixed(1)} s to Processing); JS heap ${mib(run.baselineBytes)} → peak ${mib(run.peakBytes)} MiB (+${mib(run.growthBytes)}), after GC ${mib(run.afterGcBytes)} MiB; long tasks ${run.longTasks.count} (total ${run.longTasks.totalMs.toFixed(0)} ms, max ${run.longTasks.maxMs.toFixed(0)} ms); main thread busy ${((run.mainThread.taskMs / 1000 / run.uploadSeconds) * 100).toFixed(0)} % (script ${run.mainThread.scriptMs.toFixed(0)} ms, layout ${run.mainThread.layoutMs.toFixed(0)} ms, style ${run.mainThread.styleMs.toFixed(0)} ms); machine ${(run.machineBusy * 100).toFixed(0)} % busy`;
}

export function manyProgressLine(run: ManyFilesRun, total: number): string {
  const tasks = (stats: ManyFilesRun['stageLongTasks']) => `${stats.count} long tasks, max ${stats.maxMs.toFixed(0)} ms`;
  return `[${run.repetition}/${total}] ${run.files} files: staged in ${run.stageMs.toFixed(0)} ms (change event at ${run.pickToChangeMs.toFixed(0)} ms; ${tasks(run.stageLongTasks)}), queued in ${run.queueMs.toFixed(0)} ms (${tasks(run.queueLongTasks)}), total ${run.totalMs.toFixed(0)} ms`;
}
