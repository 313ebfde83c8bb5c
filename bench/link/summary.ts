/** From the link runs to the figures: share of the link's capacity, recovery after cuts, bytes sent twice, the targets. */
import { DEFAULT_RETRY_DELAYS } from '../../src/upload-engine/tus-transport.js';
import { MIB } from '../config.js';
import { spread, type Spread } from '../stats.js';
import type { TargetResult } from '../targets.js';
import type { LinkContenderId } from './config.js';
import type { LinkWorkloadId } from './link-run.js';
import type { LinkCounters } from './shaping-proxy.js';

export interface LinkMeasurement {
  contender: LinkContenderId;
  workload: LinkWorkloadId;
  repetition: number;
  files: number;
  bytes: number;
  elapsedMs: number;
  /** payload bytes ÷ (seconds × the link's bytes per second) */
  linkShare: number;
  /** From each cut to the first byte of the resumed PATCH at the proxy; undefined: it never resumed. */
  resumeMs: (number | undefined)[];
  /** Upstream idle time between the first and the last byte: gaps of 10 ms or more, summed; and the longest. */
  idleMs: number;
  longestIdleMs: number;
  /** Upstream bytes the link held (taken from the client, not delivered) at the cuts, summed. */
  inFlightAtCutsBytes: number;
  counters: LinkCounters;
}

export interface LinkRow {
  workload: LinkWorkloadId;
  contender: LinkContenderId;
  runs: number;
  linkShare: Spread;
  mibPerSecond: Spread;
  seconds: Spread;
  /** Upstream idle time during the run (gaps of 10 ms or more; the first request's wait included). */
  idleSeconds: Spread;
  /** Cut workload: every cut's recovery time, over all runs. */
  resumeMs?: Spread;
  cutsPerRun?: number;
  inFlightAtCutsBytes?: Spread;
  /** Upstream bytes taken from the client beyond the same repetition's uncut run of the same file. */
  sentTwiceBytes?: Spread;
}

export interface LinkSummary {
  rows: LinkRow[];
  targets: TargetResult[];
}

/** A retry sends a HEAD and a new PATCH's headers again: not file bytes, allowed on top of the bytes in flight. */
export const HEADERS_ALLOWANCE_PER_CUT = 4096;
const LARGE_SHARE = 0.95;
const SMALL_SHARE = 0.9;

export function measurementOf(
  run: { contender: LinkContenderId; workload: LinkWorkloadId; repetition: number; files: number },
  result: { elapsedMs: number; bytes: number; counters: LinkCounters },
  bytesPerSecond: number,
): LinkMeasurement {
  const { cuts } = result.counters;
  return {
    contender: run.contender,
    workload: run.workload,
    repetition: run.repetition,
    files: run.files,
    bytes: result.bytes,
    elapsedMs: result.elapsedMs,
    linkShare: result.bytes / ((result.elapsedMs / 1000) * bytesPerSecond),
    resumeMs: cuts.map((cut) => (cut.resumedAtMs === undefined ? undefined : cut.resumedAtMs - cut.atMs)),
    inFlightAtCutsBytes: cuts.reduce((sum, cut) => sum + cut.inFlightUpBytes, 0),
    idleMs: result.counters.upIdleGapsMs.reduce((sum, ms) => sum + ms, 0),
    longestIdleMs: Math.max(0, ...result.counters.upIdleGapsMs),
    counters: result.counters,
  };
}

function sentTwice(cutRun: LinkMeasurement, all: LinkMeasurement[]): number | undefined {
  const uncut = all.find((m) => m.workload === 'large' && m.contender === cutRun.contender && m.repetition === cutRun.repetition);
  return uncut ? cutRun.counters.acceptedUpBytes - uncut.counters.acceptedUpBytes : undefined;
}

const definedNumbers = (values: (number | undefined)[]) => values.filter((v): v is number => v !== undefined);

export function summarizeLink(measurements: LinkMeasurement[], rttMs: number): LinkSummary {
  const keys = [...new Set(measurements.map((m) => `${m.workload}/${m.contender}`))];
  const rows = keys.map((key): LinkRow => {
    const runs = measurements.filter((m) => `${m.workload}/${m.contender}` === key);
    const first = runs[0]!;
    const row: LinkRow = {
      workload: first.workload,
      contender: first.contender,
      runs: runs.length,
      linkShare: spread(runs.map((m) => m.linkShare)),
      mibPerSecond: spread(runs.map((m) => m.bytes / MIB / (m.elapsedMs / 1000))),
      seconds: spread(runs.map((m) => m.elapsedMs / 1000)),
      idleSeconds: spread(runs.map((m) => m.idleMs / 1000)),
    };
    if (first.workload !== 'cut') return row;
    const resumes = runs.flatMap((m) => m.resumeMs);
    return {
      ...row,
      // A cut the upload never recovered from counts as infinitely slow.
      resumeMs: spread(resumes.map((ms) => ms ?? Number.POSITIVE_INFINITY)),
      cutsPerRun: Math.max(...runs.map((m) => m.counters.cuts.length)),
      inFlightAtCutsBytes: spread(runs.map((m) => m.inFlightAtCutsBytes)),
      sentTwiceBytes: spread(definedNumbers(runs.map((m) => sentTwice(m, measurements)))),
    };
  });
  return { rows, targets: linkTargets(rows, measurements, rttMs) };
}

function linkTargets(rows: LinkRow[], measurements: LinkMeasurement[], rttMs: number): TargetResult[] {
  const engine = (workload: LinkWorkloadId) => rows.find((r) => r.workload === workload && r.contender === 'ours');
  const share = (id: string, workload: LinkWorkloadId, bound: number, what: string): TargetResult => {
    const row = engine(workload);
    const base = {
      id,
      bound: `≥ ${bound.toFixed(2)}`,
      description: `the engine (Node) through the link, ${what}: payload ÷ (time × link rate), median`,
    };
    if (!row) return { ...base, measured: 'not measured', met: null, note: 'the engine did not run this workload' };
    const value = row.linkShare.median;
    return {
      ...base,
      measured: `${value.toFixed(3)} of the link`,
      met: value >= bound,
      note: value >= bound ? undefined : `${((bound - value) * 100).toFixed(1)} points short`,
    };
  };

  const resumeBound = (DEFAULT_RETRY_DELAYS[0] ?? 0) + 2 * rttMs;
  const cut = engine('cut');
  const worstResume = cut?.resumeMs?.max;
  const resume: TargetResult = {
    id: 'link-cut-resume-engine',
    description:
      "the engine through the link with cuts: from each cut to the first byte of the resumed PATCH, worst cut (bound: the engine's first retry delay + 2 round trips)",
    bound: `≤ ${resumeBound.toFixed(0)} ms`,
    ...(worstResume === undefined
      ? { measured: 'not measured', met: null, note: 'the engine did not run the cut workload' }
      : {
          measured: Number.isFinite(worstResume)
            ? `${worstResume.toFixed(0)} ms (median ${cut!.resumeMs!.median.toFixed(0)} ms)`
            : 'never resumed',
          met: worstResume <= resumeBound,
        }),
  };

  const cutRuns = measurements.filter((m) => m.workload === 'cut' && m.contender === 'ours');
  const excess = cutRuns.map((m) => {
    const twice = sentTwice(m, measurements);
    const allowed = m.inFlightAtCutsBytes + HEADERS_ALLOWANCE_PER_CUT * m.counters.cuts.length;
    return twice === undefined ? undefined : { twice, allowed, over: twice - allowed };
  });
  const worst =
    definedNumbers(excess.map((e) => e?.over)).length > 0
      ? excess.filter((e) => e !== undefined).sort((a, b) => b.over - a.over)[0]
      : undefined;
  const resent: TargetResult = {
    id: 'link-cut-resent-engine',
    description:
      'the engine through the link with cuts: bytes sent twice (upstream bytes beyond the uncut run of the same repetition) against the bytes the link held at the cuts (+ 4 KiB of request headers per cut), worst run',
    bound: worst ? `≤ ${(worst.allowed / MIB).toFixed(2)} MiB` : '≤ the bytes in flight',
    ...(worst
      ? { measured: `${(worst.twice / MIB).toFixed(2)} MiB`, met: worst.over <= 0 }
      : { measured: 'not measured', met: null, note: 'needs the engine on the uncut and the cut file in the same repetition' }),
  };

  return [
    share('link-large-engine', 'large', LARGE_SHARE, 'one large file'),
    share('link-small-engine', 'small', SMALL_SHARE, 'many 4 MiB files'),
    resume,
    resent,
  ];
}
