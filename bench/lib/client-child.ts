/**
 * A Node client of the benchmark in a process of its own, so its memory is its own. The job comes in
 * BENCH_JOB (node-clients.ts). With a warm-up file it uploads it, prints `{"type":"ready"}` and waits
 * for "go" on stdin; then it uploads the files and prints `{"type":"result",…}` (or "error").
 */
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import fs from 'node:fs';
import { NODE_CONTENDERS, uploadAll, type ClientJob } from './node-clients.js';

export interface ClientMessage {
  type: 'ready' | 'result' | 'error';
  elapsedMs?: number;
  /** The process's own peak RSS since "go" (Linux). */
  peakRssBytes?: number;
  message?: string;
}

const say = (message: ClientMessage) => process.stdout.write(`${JSON.stringify(message)}\n`);
const peakRss = () => Number(/^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? Number.NaN) * 1024;

try {
  const job = JSON.parse(process.env.BENCH_JOB ?? '{}') as ClientJob;
  if (!NODE_CONTENDERS.includes(job.contender) || !Array.isArray(job.files)) throw new Error('BENCH_JOB is not a client job');
  if (job.warmup) {
    await uploadAll(job, [job.warmup]);
    const lines = readline.createInterface({ input: process.stdin });
    lines.once('close', () => process.exit(2)); // the harness went away
    const go = new Promise<void>((resolve) => lines.on('line', (line) => line.trim() === 'go' && resolve()));
    say({ type: 'ready' });
    await go;
    fs.writeFileSync('/proc/self/clear_refs', '5');
  }
  const started = performance.now();
  await uploadAll(job, job.files);
  say({ type: 'result', elapsedMs: performance.now() - started, peakRssBytes: peakRss() });
  process.exit(0);
} catch (error) {
  say({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
}
