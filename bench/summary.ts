/** From the raw measurements to the figures the report shows: medians, ratios, targets, the sweep's choice. */
import { MIB } from './config.js';
import type { Measurement } from './run.js';
import { spread, type Spread } from './stats.js';
import type { ContenderId } from './protocol.js';
import type { Workload, WorkloadId } from './workloads.js';

export interface Row {
  workload: WorkloadId;
  contender: ContenderId;
  runs: number;
  mibPerSecond: Spread;
  seconds: Spread;
  msPerFile: Spread;
  serverPeakRssMiB: Spread;
  clientPeakRssMiB: Spread;
  serverRestRssMiB: Spread;
  clientRestRssMiB: Spread;
}

export interface Target {
  /** A stable name for the machine-readable line, e.g. node-1gib-vs-peer. */
  id: string;
  name: string;
  bound: string;
  value: string;
  met: boolean;
  /** How far off a missed target is, in words. */
  miss?: string;
}

export interface SweepRow {
  chunkSize: number | null;
  runs: number;
  mibPerSecond: Spread;
  serverPeakRssMiB: Spread;
  clientPeakRssMiB: Spread;
}

export interface SweepChoice {
  chunkSize: number;
  reason: string;
}

export interface Summary {
  rows: Row[];
  /** ours ÷ peer, ours ÷ raw and ours ÷ tus-on-app of the median MiB/s, per workload. */
  ratios: Record<WorkloadId, { oursOverPeer: number; oursOverRaw: number; oursOverTusOnApp: number }>;
  /** (time of the small files − their bytes at the contender's 1-file MiB/s) ÷ files, in ms. */
  perFileOverheadMs: Record<ContenderId, number>;
  targets: Target[];
  sweep: SweepRow[];
  sweepChoice?: SweepChoice;
}

const mib = (bytes: number | undefined) => (bytes === undefined ? NaN : bytes / MIB);
const throughput = (m: Measurement) => m.bytes / MIB / (m.elapsedMs / 1000);
const defined = (values: number[]) => values.filter((value) => Number.isFinite(value));

function rowOf(workload: WorkloadId, contender: ContenderId, runs: Measurement[]): Row {
  return {
    workload,
    contender,
    runs: runs.length,
    mibPerSecond: spread(runs.map(throughput)),
    seconds: spread(runs.map((m) => m.elapsedMs / 1000)),
    msPerFile: spread(runs.map((m) => m.elapsedMs / m.files)),
    serverPeakRssMiB: spread(defined(runs.map((m) => mib(m.serverPeakRssBytes)))),
    clientPeakRssMiB: spread(defined(runs.map((m) => mib(m.clientPeakRssBytes)))),
    serverRestRssMiB: spread(defined(runs.map((m) => mib(m.serverRestRssBytes)))),
    clientRestRssMiB: spread(defined(runs.map((m) => mib(m.clientRestRssBytes)))),
  };
}

export const RSS_LIMIT_MIB = 150;
const THROUGHPUT_SHARE = 0.9;
const OVERHEAD_ALLOWANCE_MS = 30;
/** Against bare tus-js-client on the same server (the issue's bounds). */
const SAME_SERVER_SHARE = 0.97;
const SAME_SERVER_OVERHEAD_ALLOWANCE_MS = 10;
/** Chunk sizes whose median is within this share of the fastest are "as fast". */
const AS_FAST = 0.97;

export function summarize(
  workloads: Workload[],
  measurements: Measurement[],
  contenders: readonly ContenderId[],
  maxDefaultChunkSize: number,
): Summary {
  const rows = workloads.flatMap((workload) =>
    contenders.map((contender) =>
      rowOf(
        workload.id,
        contender,
        measurements.filter((m) => m.label === workload.id && m.contender === contender),
      ),
    ),
  );
  const row = (workload: WorkloadId, contender: ContenderId) => rows.find((r) => r.workload === workload && r.contender === contender)!;

  const ratios = Object.fromEntries(
    workloads.map((w) => {
      const ours = row(w.id, 'ours').mibPerSecond.median;
      return [
        w.id,
        {
          oursOverPeer: ours / row(w.id, 'peer').mibPerSecond.median,
          oursOverRaw: ours / row(w.id, 'raw').mibPerSecond.median,
          oursOverTusOnApp: ours / row(w.id, 'tus-on-app').mibPerSecond.median,
        },
      ];
    }),
  ) as Summary['ratios'];

  const small = workloads.find((w) => w.id === 'small')!;
  const perFileOverheadMs = Object.fromEntries(
    contenders.map((contender) => {
      const streamingMs = (small.fileSize / MIB / row('large', contender).mibPerSecond.median) * 1000;
      return [contender, row('small', contender).msPerFile.median - streamingMs];
    }),
  ) as Record<ContenderId, number>;

  const sweep = sweepRows(measurements);
  return {
    rows,
    ratios,
    perFileOverheadMs,
    targets: targets(rows, ratios, perFileOverheadMs),
    sweep,
    sweepChoice: chooseChunkSize(sweep, maxDefaultChunkSize),
  };
}

function targets(rows: Row[], ratios: Summary['ratios'], overhead: Record<ContenderId, number>): Target[] {
  const ours = rows.filter((r) => r.contender === 'ours');
  const worst = (pick: (r: Row) => number) => Math.max(...ours.map(pick).filter((v) => Number.isFinite(v)));
  const share = ratios.large.oursOverPeer;
  const overheadBound = overhead.peer + OVERHEAD_ALLOWANCE_MS;
  const sameServerShare = ratios.large.oursOverTusOnApp;
  const sameServerBound = overhead['tus-on-app'] + SAME_SERVER_OVERHEAD_ALLOWANCE_MS;
  return [
    {
      id: 'node-1gib-vs-peer',
      name: '1 file: ours MiB/s ≥ 0.9 × peer',
      bound: `≥ ${THROUGHPUT_SHARE.toFixed(2)}`,
      value: `${share.toFixed(2)} × peer`,
      met: share >= THROUGHPUT_SHARE,
      miss: share >= THROUGHPUT_SHARE ? undefined : `${((THROUGHPUT_SHARE - share) * 100).toFixed(0)} points of peer's throughput short`,
    },
    {
      id: 'node-per-file-vs-peer',
      name: 'per-file overhead: ours ≤ peer + 30 ms',
      bound: `≤ ${overheadBound.toFixed(1)} ms`,
      value: `${overhead.ours.toFixed(1)} ms (peer ${overhead.peer.toFixed(1)} ms)`,
      met: overhead.ours <= overheadBound,
      miss: overhead.ours <= overheadBound ? undefined : `${(overhead.ours - overheadBound).toFixed(1)} ms per file over`,
    },
    {
      id: 'node-1gib-vs-tus-on-app',
      name: '1 file: ours MiB/s ≥ 0.97 × tus-js-client on the same server',
      bound: `≥ ${SAME_SERVER_SHARE.toFixed(2)}`,
      value: `${sameServerShare.toFixed(3)} × tus-on-app`,
      met: sameServerShare >= SAME_SERVER_SHARE,
      miss: sameServerShare >= SAME_SERVER_SHARE ? undefined : `${((SAME_SERVER_SHARE - sameServerShare) * 100).toFixed(1)} points short`,
    },
    {
      id: 'node-per-file-vs-tus-on-app',
      name: 'per-file overhead: ours ≤ tus-js-client on the same server + 10 ms',
      bound: `≤ ${sameServerBound.toFixed(1)} ms`,
      value: `${overhead.ours.toFixed(1)} ms (tus-on-app ${overhead['tus-on-app'].toFixed(1)} ms)`,
      met: overhead.ours <= sameServerBound,
      miss: overhead.ours <= sameServerBound ? undefined : `${(overhead.ours - sameServerBound).toFixed(1)} ms per file over`,
    },
    rssTarget(
      'server',
      worst((r) => r.serverPeakRssMiB.max),
      worst((r) => r.serverRestRssMiB.max),
    ),
    mixedRssTarget(ours.find((r) => r.workload === 'mixed')),
    rssTarget(
      'client',
      worst((r) => r.clientPeakRssMiB.max),
      worst((r) => r.clientRestRssMiB.max),
    ),
  ];
}

function rssTarget(side: 'server' | 'client', peak: number, rest: number): Target {
  const met = peak <= RSS_LIMIT_MIB;
  return {
    id: `node-${side}-peak-rss`,
    name: `${side} peak RSS ≤ ${RSS_LIMIT_MIB} MiB (ours, worst run of any workload)`,
    bound: `≤ ${RSS_LIMIT_MIB} MiB`,
    value: Number.isFinite(peak) ? `${peak.toFixed(0)} MiB (at rest: up to ${rest.toFixed(0)} MiB)` : 'not measured',
    met,
    miss: met ? undefined : `${(peak - RSS_LIMIT_MIB).toFixed(0)} MiB over`,
  };
}

/** The many-at-once workload on its own: small and big uploads together, the server's worst case for memory. */
function mixedRssTarget(row: Row | undefined): Target {
  const peak = row?.serverPeakRssMiB.max ?? Number.NaN;
  const met = peak <= RSS_LIMIT_MIB;
  return {
    id: 'node-server-peak-rss-mixed',
    name: `server peak RSS ≤ ${RSS_LIMIT_MIB} MiB with 32 small + 4 big uploads at once (ours, worst run)`,
    bound: `≤ ${RSS_LIMIT_MIB} MiB`,
    value: Number.isFinite(peak) ? `${peak.toFixed(0)} MiB (median ${row!.serverPeakRssMiB.median.toFixed(0)} MiB)` : 'not measured',
    met,
    miss: met ? undefined : Number.isFinite(peak) ? `${(peak - RSS_LIMIT_MIB).toFixed(0)} MiB over` : 'not measured',
  };
}

function sweepRows(measurements: Measurement[]): SweepRow[] {
  const sweep = measurements.filter((m) => m.label === 'sweep');
  const sizes = [...new Set(sweep.map((m) => m.chunkSize))];
  return sizes.map((chunkSize) => {
    const runs = sweep.filter((m) => m.chunkSize === chunkSize);
    return {
      chunkSize,
      runs: runs.length,
      mibPerSecond: spread(runs.map(throughput)),
      serverPeakRssMiB: spread(defined(runs.map((m) => mib(m.serverPeakRssBytes)))),
      clientPeakRssMiB: spread(defined(runs.map((m) => mib(m.clientPeakRssBytes)))),
    };
  });
}

/**
 * The engine's default, from the sweep: among the sizes a proxy lets through (≤ maxDefault), those
 * as fast as the fastest (median within 3% of it, or within its min–max range: the run-to-run
 * noise); of those the largest, because every PATCH costs a round trip on a real network, which
 * loopback does not show (at 50 ms RTT and 10 MiB/s, 8 MiB chunks lose 6%, 32 MiB chunks 1.5%).
 */
export function chooseChunkSize(sweep: SweepRow[], maxDefault: number): SweepChoice | undefined {
  const allowed = sweep
    .filter((r): r is SweepRow & { chunkSize: number } => r.chunkSize !== null && r.chunkSize <= maxDefault)
    .sort((a, b) => a.chunkSize - b.chunkSize);
  if (allowed.length === 0) return undefined;
  const fastest = allowed.reduce((best, r) => (r.mibPerSecond.median > best.mibPerSecond.median ? r : best));
  const asFast = (r: SweepRow) => r.mibPerSecond.median >= Math.min(AS_FAST * fastest.mibPerSecond.median, fastest.mibPerSecond.min);
  const chosen = allowed.filter(asFast).at(-1)!;
  const label = (r: SweepRow & { chunkSize: number }) => `${r.chunkSize / MIB} MiB (${r.mibPerSecond.median.toFixed(0)} MiB/s)`;
  const parts = [
    chosen === fastest
      ? `${label(chosen)} is the fastest size ≤ ${maxDefault / MIB} MiB`
      : `${label(chosen)} is as fast as the fastest size ≤ ${maxDefault / MIB} MiB, ${label(fastest)}, within the noise; the larger is chosen because each PATCH costs a round trip on a real network`,
    `slower or over the limit: ${
      sweep
        .filter((r) => r.chunkSize === null || r.chunkSize > maxDefault || !asFast(r))
        .map((r) => `${r.chunkSize === null ? 'unlimited' : `${r.chunkSize / MIB} MiB`} ${r.mibPerSecond.median.toFixed(0)} MiB/s`)
        .join(', ') || 'none'
    }`,
  ];
  return { chunkSize: chosen.chunkSize, reason: parts.join('; ') };
}
