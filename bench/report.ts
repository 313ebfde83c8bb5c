/** The summary as markdown: the table printed at the end of a run and pasted into docs/BENCHMARKS.md. */
import { MIB } from './config.js';
import type { HashRates } from './hash-rate.js';
import { machineLine, type Machine } from './machine.js';
import type { Measurement, RunSpec } from './run.js';
import type { Spread } from './stats.js';
import type { Summary } from './summary.js';
import type { Workload } from './workloads.js';

export interface ReportContext {
  machine: Machine;
  scale: number;
  repeat: number;
  sweepRepeat: number;
  chunkSize: number | null;
  /** How "ours" moved the bytes: the project's upload engine, or a stand-in. */
  oursClient: string;
  workloads: Workload[];
  hashRates: HashRates;
  loadAtEnd: number;
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const range = (s: Spread, digits = 0) => `${fixed(s.median, digits)} (${fixed(s.min, digits)}–${fixed(s.max, digits)})`;
export const chunkLabel = (chunkSize: number | null) => (chunkSize === null ? 'unlimited' : `${Number((chunkSize / MIB).toFixed(2))} MiB`);

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join(
    '\n',
  );
}

export function markdownReport(summary: Summary, context: ReportContext): string {
  const title = (id: string) => context.workloads.find((w) => w.id === id)?.title ?? id;
  const main = table(
    [
      'workload',
      'contender',
      'MiB/s median (min–max)',
      'seconds median',
      'ms per file',
      'per-file overhead ms',
      'server RSS MiB: peak (min–max) / at rest',
      'client RSS MiB: peak (min–max) / at rest',
      'ours/peer',
      'ours/raw',
      'ours/tus-on-app',
    ],
    summary.rows.map((row) => {
      const ratio = summary.ratios[row.workload];
      const isOurs = row.contender === 'ours';
      return [
        title(row.workload),
        row.contender,
        range(row.mibPerSecond),
        fixed(row.seconds.median, 2),
        row.workload === 'small' ? fixed(row.msPerFile.median, 1) : '',
        row.workload === 'small' ? fixed(summary.perFileOverheadMs[row.contender], 1) : '',
        `${range(row.serverPeakRssMiB)} / ${fixed(row.serverRestRssMiB.median, 0)}`,
        `${range(row.clientPeakRssMiB)} / ${fixed(row.clientRestRssMiB.median, 0)}`,
        isOurs ? fixed(ratio.oursOverPeer, 2) : '',
        isOurs ? fixed(ratio.oursOverRaw, 2) : '',
        isOurs ? fixed(ratio.oursOverTusOnApp, 3) : '',
      ];
    }),
  );
  const targets = table(
    ['target', 'bound', 'measured', 'status'],
    summary.targets.map((t) => [t.name, t.bound, t.value, t.met ? 'met' : `**missed** (${t.miss})`]),
  );
  const parts = [
    `Machine: ${machineLine(context.machine)}, ${context.loadAtEnd} at the end`,
    `Scale ${context.scale}, ${context.repeat} repetitions interleaved (raw, peer, tus-on-app, ours, raw, …); tus chunk size of peer, tus-on-app and ours: ${chunkLabel(context.chunkSize)}; ours uploads with ${context.oursClient}. RSS: the median (min–max) of each run's peak, and the median RSS at rest when the timed part began (after a warm-up upload).`,
    main,
    targets,
    `md5 on this machine (the emulator hashes every received byte with hash-wasm): hash-wasm ${context.hashRates.hashWasmMiBps.toFixed(0)} MiB/s, node:crypto ${context.hashRates.nodeCryptoMiBps.toFixed(0)} MiB/s.`,
  ];
  if (summary.sweep.length > 0) {
    parts.push(
      `Chunk-size sweep (ours, ${title('large')}, ${context.sweepRepeat} repetitions):`,
      table(
        ['chunk size', 'MiB/s median (min–max)', 'server peak RSS MiB', 'client peak RSS MiB'],
        summary.sweep.map((row) => [
          chunkLabel(row.chunkSize),
          range(row.mibPerSecond),
          range(row.serverPeakRssMiB),
          range(row.clientPeakRssMiB),
        ]),
      ),
      summary.sweepChoice
        ? `Chosen default chunk size: **${chunkLabel(summary.sweepChoice.chunkSize)}** (${summary.sweepChoice.reason}).`
        : 'No chunk size ≤ the limit was measured.',
    );
  }
  return parts.join('\n\n');
}

/** One line per finished run, while the benchmark goes. */
export function progressLine(index: number, total: number, spec: RunSpec, m: Measurement): string {
  const rss = (bytes: number | undefined) => (bytes === undefined ? '?' : (bytes / MIB).toFixed(0));
  return (
    `[${index + 1}/${total}] ${spec.label} ${spec.contender} (${chunkLabel(spec.chunkSize)}) #${spec.repetition}: ` +
    `${(m.bytes / MIB / (m.elapsedMs / 1000)).toFixed(1)} MiB/s, ${(m.elapsedMs / 1000).toFixed(2)} s, ` +
    `server ${rss(m.serverPeakRssBytes)} MiB, client ${rss(m.clientPeakRssBytes)} MiB`
  );
}
