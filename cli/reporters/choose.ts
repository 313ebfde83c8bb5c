import type { OutputMode } from '../options.js';
import { BarsReporter } from './bars-reporter.js';
import { JsonReporter } from './json-reporter.js';
import { LinesReporter } from './lines-reporter.js';
import type { Reporter } from './reporter.js';
import type { OutputStream } from './streams.js';
import type { Wording } from './wording.js';

export interface ChosenReporter {
  reporter: Reporter;
  /** How often it wants to hear of progress. */
  progressIntervalMs: number;
}

/** Bars only on a terminal and when neither --quiet nor --json: a log or a pipe gets plain lines. */
export function chooseReporter(
  mode: OutputMode,
  wording: Wording,
  out: OutputStream & NodeJS.WritableStream,
  err: OutputStream,
): ChosenReporter {
  if (mode === 'json') return { reporter: new JsonReporter(wording, out, err), progressIntervalMs: 1000 };
  if (mode === 'quiet') return { reporter: new LinesReporter(wording, out, err, true), progressIntervalMs: 1000 };
  if (out.isTTY) return { reporter: new BarsReporter(wording, out, err), progressIntervalMs: 200 };
  return { reporter: new LinesReporter(wording, out, err), progressIntervalMs: 1000 };
}
