/**
 * A client of the benchmark, in its own process so that its memory is measured apart from the
 * server's and the harness's. The job comes in BENCH_JOB; it uploads the warm-up file, says
 * "ready", waits for "go" on stdin, uploads the files and prints the result.
 */
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { contenderFor } from '../contenders/index.js';
import { readMemoryStatus, resetPeakRss } from '../measure-rss.js';
import { CONTENDERS, GO, type ClientJob, type ErrorMessage, type ReadyMessage, type ResultMessage } from '../protocol.js';

function say(message: ReadyMessage | ResultMessage | ErrorMessage): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function parseJob(text: string | undefined): ClientJob {
  if (!text) throw new Error('BENCH_JOB is required');
  const job = JSON.parse(text) as ClientJob;
  if (!CONTENDERS.includes(job.contender) || !Array.isArray(job.files) || !(job.concurrency >= 1)) {
    throw new Error(`not a client job: ${text.slice(0, 200)}`);
  }
  return job;
}

/** Resolves on "go". Whenever the harness goes away (stdin closes), the client ends at once. */
function waitForGo(): Promise<void> {
  return new Promise((resolve) => {
    const lines = readline.createInterface({ input: process.stdin });
    lines.once('close', () => process.exit(2));
    lines.on('line', (line) => {
      if (line.trim() === GO) resolve();
    });
  });
}

try {
  const job = parseJob(process.env.BENCH_JOB);
  const contender = contenderFor(job);
  await contender.uploadAll([job.warmup], 1);
  const go = waitForGo();
  say({ type: 'ready' });
  await go;
  resetPeakRss('self');
  const started = performance.now();
  await contender.uploadAll(job.files, job.concurrency);
  const elapsedMs = performance.now() - started;
  say({
    type: 'result',
    elapsedMs,
    bytes: job.files.reduce((sum, file) => sum + file.size, 0),
    peakRssBytes: readMemoryStatus('self')?.peakBytes,
  });
  process.exit(0);
} catch (error) {
  say({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
}
