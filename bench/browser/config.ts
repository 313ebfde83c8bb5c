/** What `npm run bench:browser` measures, from the environment (the sizes scale with BENCH_SCALE). */
import { GIB, MIB, numberFrom } from '../config.js';

export interface BrowserBenchConfig {
  /** Multiplies the big file's size and the number of small files; 1 is the documented run. */
  scale: number;
  /** Repetitions of each measurement, each in a fresh browser context. */
  repeat: number;
  /** The file uploaded from the page while its JS heap and long tasks are sampled. */
  largeFileBytes: number;
  /** How many small files are added to the queue at once. */
  manyFileCount: number;
  manyFileBytes: number;
  /** How often the page's JS heap is sampled during the big upload. */
  heapSampleIntervalMs: number;
  /** The whole run is abandoned (and everything stopped) after this long. */
  deadlineMs: number;
  /** Where the JSON record is written. */
  resultsFile: string;
}

/**
 * BENCH_BROWSER_UPLOAD_MIB and BENCH_BROWSER_FILES override what BENCH_SCALE gives (e.g. to see how
 * the add scales with the number of files). `resultsDir`/browser-latest.json is the record of the
 * documented full-size run; any other run writes browser-quick.json.
 */
export function browserConfigFromEnv(env: NodeJS.ProcessEnv, resultsDir: string): BrowserBenchConfig {
  const scale = numberFrom(env, 'BENCH_SCALE', 1, (v) => Number.isFinite(v) && v > 0 && v <= 1, 'a number above 0 and at most 1');
  const repeat = numberFrom(env, 'BENCH_REPEAT', 3, (v) => Number.isInteger(v) && v >= 1, 'a whole number ≥ 1');
  const uploadMiB = numberFrom(
    env,
    'BENCH_BROWSER_UPLOAD_MIB',
    (GIB / MIB) * scale,
    (v) => Number.isFinite(v) && v > 0 && v <= 1024,
    'a number of MiB above 0 and at most 1024',
  );
  const files = numberFrom(
    env,
    'BENCH_BROWSER_FILES',
    Math.max(10, Math.round(1000 * scale)),
    (v) => Number.isInteger(v) && v >= 1 && v <= 5000,
    'a whole number from 1 to 5000',
  );
  const deadlineMin = numberFrom(env, 'BENCH_BROWSER_DEADLINE_MIN', 30, (v) => Number.isFinite(v) && v > 0, 'a positive number');
  return {
    scale,
    repeat,
    largeFileBytes: Math.round(uploadMiB * MIB),
    manyFileCount: files,
    manyFileBytes: 1024,
    heapSampleIntervalMs: 250,
    deadlineMs: deadlineMin * 60_000,
    resultsFile:
      env.BENCH_BROWSER_RESULTS ||
      `${resultsDir}/browser-${scale === 1 && !env.BENCH_BROWSER_UPLOAD_MIB && !env.BENCH_BROWSER_FILES ? 'latest' : 'quick'}.json`,
  };
}
