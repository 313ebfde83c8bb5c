/** What `npm run bench:link` measures, from the environment. */
import { MIB, numberFrom } from '../config.js';
import type { LinkShape } from './shaping-proxy.js';

export const LINK_CONTENDERS = ['raw', 'peer', 'ours', 'page'] as const;
export type LinkContenderId = (typeof LINK_CONTENDERS)[number];

export interface LinkBenchConfig {
  /** The link every contender goes through (cuts apply only to the cut workload). */
  mbit: number;
  rttMs: number;
  cutEveryMiB: number;
  /** Where the first cut falls: by default a quarter of a cut's distance early, so cuts land mid-PATCH, not at a 32 MiB chunk's end. */
  firstCutMiB: number;
  /** After a cut, new connections are refused for this long. */
  refuseMs: number;
  /** Multiplies the file sizes and the number of small files; 1 is the documented run. */
  scale: number;
  repeat: number;
  contenders: LinkContenderId[];
  deadlineMs: number;
  resultsFile: string;
}

const positive = (v: number) => Number.isFinite(v) && v > 0;

function contendersFrom(text: string | undefined): LinkContenderId[] {
  if (!text) return [...LINK_CONTENDERS];
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(LINK_CONTENDERS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`BENCH_LINK_CONTENDERS: unknown ${unknown.join(', ')} (known: ${LINK_CONTENDERS.join(', ')})`);
  return names as LinkContenderId[];
}

export function linkConfigFromEnv(env: NodeJS.ProcessEnv, resultsDir: string): LinkBenchConfig {
  const scale = numberFrom(env, 'BENCH_SCALE', 1, (v) => positive(v) && v <= 1, 'a number above 0 and at most 1');
  const mbit = numberFrom(env, 'BENCH_LINK_MBIT', 100, positive, 'a positive number of Mbit/s');
  const rttMs = numberFrom(env, 'BENCH_LINK_RTT_MS', 80, (v) => Number.isFinite(v) && v >= 0, 'a number of ms ≥ 0');
  const documented = scale === 1 && mbit === 100 && rttMs === 80;
  const cutEveryMiB = numberFrom(env, 'BENCH_LINK_CUT_MIB', 64 * scale, positive, 'a positive number of MiB');
  return {
    mbit,
    rttMs,
    cutEveryMiB,
    firstCutMiB: numberFrom(env, 'BENCH_LINK_FIRST_CUT_MIB', cutEveryMiB * 0.75, positive, 'a positive number of MiB'),
    refuseMs: numberFrom(env, 'BENCH_LINK_REFUSE_MS', 0, (v) => Number.isFinite(v) && v >= 0, 'a number of ms ≥ 0'),
    scale,
    repeat: numberFrom(env, 'BENCH_LINK_REPEAT', 2, (v) => Number.isInteger(v) && v >= 1, 'a whole number ≥ 1'),
    contenders: contendersFrom(env.BENCH_LINK_CONTENDERS),
    deadlineMs: numberFrom(env, 'BENCH_LINK_DEADLINE_MIN', 15, positive, 'a positive number of minutes') * 60_000,
    resultsFile: env.BENCH_LINK_RESULTS || `${resultsDir}/link-${documented && !env.BENCH_LINK_CONTENDERS ? 'latest' : 'quick'}.json`,
  };
}

export function bytesPerSecondOf(config: Pick<LinkBenchConfig, 'mbit'>): number {
  return (config.mbit * 1_000_000) / 8;
}

/** The link of one run: the cut workload cuts, the others do not. */
export function shapeFor(config: LinkBenchConfig, cuts: boolean): LinkShape {
  return {
    bytesPerSecond: bytesPerSecondOf(config),
    rttMs: config.rttMs,
    cutEveryBytes: cuts ? Math.round(config.cutEveryMiB * MIB) : null,
    ...(cuts ? { firstCutAtBytes: Math.round(config.firstCutMiB * MIB) } : {}),
    refuseMs: config.refuseMs,
  };
}
