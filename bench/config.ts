/** What one `npm run bench` measures, from the environment (all sizes scale with BENCH_SCALE). */
export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;

export interface BenchConfig {
  /** Multiplies the big files' sizes and the number of small files; 1 is the documented run. */
  scale: number;
  /** Repetitions of every (workload, contender) pair, interleaved. */
  repeat: number;
  /** Repetitions of each chunk size in the sweep (0, the default, skips the sweep). */
  sweepRepeat: number;
  /** The tus chunk size of peer and ours in the main workloads; undefined: the engine's default. */
  chunkSize?: number;
  /** Chunk sizes of the sweep, in bytes; null is "unlimited" (one PATCH per file). */
  sweepChunkSizes: (number | null)[];
  /** The largest chunk size the engine's default may have (common proxy body limits). */
  maxDefaultChunkSize: number;
  /** The whole run is abandoned (and everything stopped) after this long. */
  deadlineMs: number;
  /** Where the JSON record is written (BENCH_RESULTS). */
  resultsFile: string;
}

/** A number from the environment, `fallback` when unset; a value that is not `valid` stops the run, naming what it must be. */
export function numberFrom(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  valid: (value: number) => boolean,
  what: string,
): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!valid(value)) throw new Error(`${name} must be ${what}, got "${text}"`);
  return value;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${text}"`);
  return value;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${text}"`);
  return value;
}

/** `resultsDir`/node-latest.json is the record of the documented full-size run; smaller runs write node-quick.json. */
export function configFromEnv(env: NodeJS.ProcessEnv, resultsDir: string): BenchConfig {
  const scale = positiveNumber(env, 'BENCH_SCALE', 1);
  if (scale > 1) throw new Error('BENCH_SCALE above 1 is not supported: the sizes are bounded by design');
  const repeat = wholeNumber(env, 'BENCH_REPEAT', 3);
  if (repeat < 1) throw new Error('BENCH_REPEAT must be at least 1');
  const chunkMiB = env.BENCH_CHUNK_MIB ? positiveNumber(env, 'BENCH_CHUNK_MIB', 1) : undefined;
  return {
    scale,
    repeat,
    sweepRepeat: wholeNumber(env, 'BENCH_SWEEP_REPEAT', 0),
    chunkSize: chunkMiB === undefined ? undefined : Math.round(chunkMiB * MIB),
    sweepChunkSizes: [8 * MIB, 16 * MIB, 32 * MIB, 64 * MIB, null],
    maxDefaultChunkSize: 50 * MIB,
    deadlineMs: positiveNumber(env, 'BENCH_DEADLINE_MIN', 90) * 60_000,
    resultsFile: env.BENCH_RESULTS || `${resultsDir}/node-${scale === 1 ? 'latest' : 'quick'}.json`,
  };
}
