/**
 * `npm run bench`: every part of the benchmark, one after another, each in its own process, under
 * one deadline (20 minutes on this project's 2-core machine); then one line per target,
 * `target <name>: <measured> (bound <bound>) met|missed`, and bench/results/latest.json with every
 * target and every part's record. A part can be run alone (`npm run bench:node`, `bench:link`, …).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_DIR } from './child.js';
import { describeMachine, loadAverage } from './machine.js';
import { targetLine, writeResults, type TargetResult } from './targets.js';

interface Part {
  id: string;
  entry: string;
  /** The variable that tells the part where to write its record. */
  resultsVariable: string;
  /** Defaults for this chain (the variable wins when set). */
  defaults: Record<string, string>;
  /** The targets the part checks: reported "not checked" when it does not finish. */
  targetIds: string[];
}

/** The quick parts first: when the deadline stops a part, the fewest targets go unchecked. */
const PARTS: Part[] = [
  { id: 'widget', entry: 'bench/widget-size.ts', resultsVariable: 'BENCH_WIDGET_RESULTS', defaults: {}, targetIds: ['widget-bundle-gzip'] },
  {
    id: 'integrity',
    entry: 'bench/integrity-cost.ts',
    resultsVariable: 'BENCH_INTEGRITY_RESULTS',
    defaults: {},
    targetIds: ['integrity-cost-node'],
  },
  {
    id: 'browser',
    entry: 'bench/browser/main.ts',
    resultsVariable: 'BENCH_BROWSER_RESULTS',
    defaults: {},
    targetIds: ['page-heap-growth', 'page-add-1000-files', 'page-vs-tus-js-client-chromium', 'integrity-cost-chromium'],
  },
  {
    id: 'link',
    entry: 'bench/link/main.ts',
    resultsVariable: 'BENCH_LINK_RESULTS',
    defaults: { BENCH_LINK_REPEAT: '1' },
    targetIds: ['link-large-engine', 'link-small-engine', 'link-cut-resume-engine', 'link-cut-resent-engine'],
  },
  {
    id: 'node',
    entry: 'bench/main.ts',
    resultsVariable: 'BENCH_RESULTS',
    defaults: { BENCH_SWEEP_REPEAT: '0', BENCH_REPEAT: '2' },
    targetIds: [
      'node-1gib-vs-peer',
      'node-per-file-vs-peer',
      'node-1gib-vs-tus-on-app',
      'node-per-file-vs-tus-on-app',
      'node-server-peak-rss',
      'node-client-peak-rss',
      'node-server-peak-rss-mixed',
    ],
  },
];

const deadlineMin = Number(process.env.BENCH_TOTAL_DEADLINE_MIN || 20);
if (!(deadlineMin > 0))
  throw new Error(`BENCH_TOTAL_DEADLINE_MIN must be a positive number, got "${process.env.BENCH_TOTAL_DEADLINE_MIN}"`);
const only = process.env.BENCH_PARTS ? process.env.BENCH_PARTS.split(',').map((p) => p.trim()) : undefined;
const unknown = only?.filter((id) => !PARTS.some((part) => part.id === id)) ?? [];
if (unknown.length > 0) throw new Error(`BENCH_PARTS: unknown ${unknown.join(', ')} (known: ${PARTS.map((p) => p.id).join(', ')})`);

const documented = (process.env.BENCH_SCALE ?? '1') === '1' && only === undefined;
const resultsDir = path.join(PROJECT_DIR, 'bench', 'results');
const suffix = documented ? 'latest' : 'quick';
const startedAt = new Date();
const deadlineAt = Date.now() + deadlineMin * 60_000;
/** Time a part gets to stop and clean up after SIGTERM. */
const STOP_GRACE_MS = 30_000;

interface PartOutcome {
  id: string;
  exitCode: number | null;
  seconds: number;
  timedOut: boolean;
  /** Stopped by Ctrl+C / SIGTERM, or never started because of it. */
  interrupted?: boolean;
  record?: { targets?: TargetResult[] } & Record<string, unknown>;
}

let current: ReturnType<typeof spawn> | undefined;
/** Set by Ctrl+C or SIGTERM: the running part is stopped (it cleans up) and no other starts. */
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the running part…`);
    current?.kill('SIGTERM');
    setTimeout(() => current?.kill('SIGKILL'), STOP_GRACE_MS).unref();
  });
}

function runPart(part: Part, file: string): Promise<PartOutcome> {
  const started = Date.now();
  const remainingMin = (deadlineAt - started - STOP_GRACE_MS) / 60_000;
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...part.defaults, ...process.env, [part.resultsVariable]: file };
    // The part's own deadline falls before the chain's, so it cleans up by itself.
    for (const name of ['BENCH_DEADLINE_MIN', 'BENCH_LINK_DEADLINE_MIN', 'BENCH_BROWSER_DEADLINE_MIN']) {
      env[name] = String(Math.max(0.5, Math.min(Number(process.env[name] || Number.POSITIVE_INFINITY), remainingMin)));
    }
    const child = spawn(process.execPath, ['--import', 'tsx', part.entry], {
      cwd: PROJECT_DIR,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    current = child;
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        console.error(
          `The whole benchmark reached its deadline (${deadlineMin} min, BENCH_TOTAL_DEADLINE_MIN) during ${part.id}: stopping it.`,
        );
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS).unref();
      },
      Math.max(0, deadlineAt - started),
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      current = undefined;
      resolve({ id: part.id, exitCode: code, seconds: (Date.now() - started) / 1000, timedOut, interrupted, record: readRecord(file) });
    });
  });
}

/** The part's record, if it wrote one during this run. */
function readRecord(file: string): PartOutcome['record'] {
  try {
    if (fs.statSync(file).mtimeMs < startedAt.getTime()) return undefined;
    return JSON.parse(fs.readFileSync(file, 'utf8')) as PartOutcome['record'];
  } catch {
    return undefined;
  }
}

const machine = describeMachine();
const outcomes: PartOutcome[] = [];
for (const part of PARTS.filter((p) => only === undefined || only.includes(p.id))) {
  if (interrupted) {
    outcomes.push({ id: part.id, exitCode: null, seconds: 0, timedOut: false, interrupted: true });
    continue;
  }
  console.log(`\n=== ${part.id}: ${part.entry} (load ${loadAverage()}) ===\n`);
  if (Date.now() >= deadlineAt) {
    outcomes.push({ id: part.id, exitCode: null, seconds: 0, timedOut: true });
    continue;
  }
  outcomes.push(await runPart(part, path.join(resultsDir, `${part.id}-${suffix}.json`)));
}

const targets: TargetResult[] = outcomes.flatMap((outcome) => {
  const part = PARTS.find((p) => p.id === outcome.id)!;
  const found = outcome.record?.targets ?? [];
  const why = outcome.timedOut
    ? 'the deadline stopped the part'
    : outcome.interrupted
      ? 'interrupted'
      : `the part failed (exit ${outcome.exitCode})`;
  return part.targetIds.map(
    (id): TargetResult =>
      found.find((t) => t.id === id) ?? { id, description: '', measured: 'not measured', bound: '', met: null, note: why },
  );
});
const finishedAt = new Date();
const summaryFile = path.join(resultsDir, `${suffix}.json`);
writeResults(summaryFile, {
  startedAt: startedAt.toISOString(),
  finishedAt: finishedAt.toISOString(),
  minutes: Number(((finishedAt.getTime() - startedAt.getTime()) / 60_000).toFixed(2)),
  machine,
  loadAtEnd: loadAverage(),
  parts: outcomes.map(({ record, ...outcome }) => ({ ...outcome, record })),
  targets,
});

console.log(
  `\n=== all parts: ${((finishedAt.getTime() - startedAt.getTime()) / 60_000).toFixed(1)} min, load ${loadAverage()} at the end ===`,
);
for (const outcome of outcomes) {
  const end = outcome.timedOut ? 'stopped at the deadline' : outcome.interrupted ? 'interrupted' : `exit ${outcome.exitCode}`;
  console.log(`${outcome.id}: ${outcome.seconds.toFixed(0)} s, ${end}`);
}
console.log(`Wrote ${path.relative(process.cwd(), summaryFile)}\n`);
for (const target of targets) console.log(targetLine(target));
process.exit(outcomes.every((o) => o.exitCode === 0) ? 0 : 1);
