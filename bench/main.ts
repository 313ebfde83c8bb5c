/**
 * `npm run bench`: every suite in a process of its own under one deadline (BENCH_TOTAL_DEADLINE_MIN, 20), the
 * machine's load sampled all along, then the targets beside the run before. At scale 1 with every suite it writes
 * bench/results/latest.json (the run it replaces goes to runs/); else quick.json. BENCH_SUITES=link,page runs some.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { envNumber, PROJECT_DIR, RESULTS_DIR, SCALE } from './lib/harness.js';
import { describeMachine, loadAverage } from './lib/measure.js';
import { notChecked, targetLine, targetsTable, type TargetResult } from './lib/targets.js';

/** The quick suites first: a deadline reached on a loaded machine leaves the fewest targets unchecked. */
const SUITES = [
  { id: 'widget', entry: 'bench/suites/widget-size.ts', targets: ['widget-bundle-gzip'] },
  { id: 'first-start', entry: 'bench/suites/first-start.ts', targets: ['first-start-fresh-clone'] },
  { id: 'page', entry: 'bench/suites/page.ts', targets: ['page-main-thread-longtasks', 'page-heap-growth-5gib'] },
  { id: 'page-tree', entry: 'bench/suites/page-tree.ts', targets: ['page-add-10000-files'] },
  {
    id: 'link',
    entry: 'bench/suites/link.ts',
    targets: [
      'link-100m-256mib-page-vs-seed',
      'link-100m-50x4mib-page-vs-seed',
      'link-20m-cut-resume-page',
      'link-100m-first-byte-page',
      'link-100m-reload-resume-page',
      'widget-link-100m-256mib-vs-seed',
      'cli-link-100m-256mib-vs-seed-node',
    ],
  },
  { id: 'node', entry: 'bench/suites/node.ts', targets: ['wix-vs-peer-loopback', 'wix-peak-rss-mixed'] },
];
/** The target of the run before that a new one continues, where the name changed. */
const CONTINUES: Record<string, string> = {
  'link-100m-256mib-page-vs-seed': 'link-large-engine',
  'link-100m-50x4mib-page-vs-seed': 'link-small-engine',
  'link-20m-cut-resume-page': 'link-cut-resume-engine',
  'page-heap-growth-5gib': 'page-heap-growth',
  'wix-vs-peer-loopback': 'node-1gib-vs-peer',
  'wix-peak-rss-mixed': 'node-server-peak-rss-mixed',
};

const deadlineAt = Date.now() + envNumber('BENCH_TOTAL_DEADLINE_MIN', 20) * 60_000;
const only = process.env.BENCH_SUITES?.split(',').map((id) => id.trim());
const unknown = only?.filter((id) => !SUITES.some((suite) => suite.id === id)) ?? [];
if (unknown.length > 0) throw new Error(`BENCH_SUITES: unknown ${unknown.join(', ')} (known: ${SUITES.map((s) => s.id).join(', ')})`);
const documented = SCALE === 1 && only === undefined;
const latestFile = path.join(RESULTS_DIR, documented ? 'latest.json' : 'quick.json');
const STOP_GRACE_MS = 30_000;

const startedAt = new Date();
const machine = describeMachine();
const load = [{ minute: 0, load: loadAverage() }];
const sampler = setInterval(
  () => load.push({ minute: Number(((Date.now() - startedAt.getTime()) / 60_000).toFixed(2)), load: loadAverage() }),
  15_000,
);
let current: ChildProcess | undefined;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupted = true;
    current?.kill('SIGTERM');
  });
}

/** Runs one suite until it ends or the deadline stops it (it cleans up on SIGTERM); its record, if it wrote one. */
async function runSuite(suite: (typeof SUITES)[number]) {
  const file = path.join(RESULTS_DIR, `${suite.id}-quick.json`);
  fs.rmSync(file, { force: true });
  const started = Date.now();
  const remainingMin = (deadlineAt - started - STOP_GRACE_MS) / 60_000;
  const child = spawn(process.execPath, ['--import', 'tsx', suite.entry], {
    cwd: PROJECT_DIR,
    env: { ...process.env, BENCH_RESULTS: file, BENCH_DEADLINE_MIN: String(Math.max(0.5, remainingMin)) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  current = child;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS).unref();
  }, deadlineAt - started);
  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  const record = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { targets: TargetResult[] }) : undefined;
  fs.rmSync(file, { force: true });
  return { id: suite.id, seconds: Math.round((Date.now() - started) / 1000), exitCode, timedOut, record };
}

const outcomes = [];
for (const suite of SUITES.filter((s) => only === undefined || only.includes(s.id))) {
  if (interrupted || Date.now() >= deadlineAt) {
    outcomes.push({ id: suite.id, seconds: 0, exitCode: null, timedOut: !interrupted, record: undefined });
    continue;
  }
  console.log(`\n=== ${suite.id} (load ${loadAverage()}) ===\n`);
  outcomes.push(await runSuite(suite));
}
clearInterval(sampler);
load.push({ minute: Number(((Date.now() - startedAt.getTime()) / 60_000).toFixed(2)), load: loadAverage() });

const previous = fs.existsSync(latestFile)
  ? (JSON.parse(fs.readFileSync(latestFile, 'utf8')) as { startedAt: string; targets: TargetResult[] })
  : undefined;
const targets: TargetResult[] = outcomes.flatMap((outcome) => {
  const why = outcome.timedOut
    ? 'the deadline stopped its suite'
    : `its suite ended ${interrupted ? 'interrupted' : `with exit ${outcome.exitCode}`}`;
  return SUITES.find((s) => s.id === outcome.id)!.targets.map((id) => {
    const found =
      outcome.record?.targets.find((t) => t.id === id) ??
      notChecked({ id, level: 'user', description: '', bound: 'see docs/BENCHMARKS.md' }, why);
    const before = previous?.targets.find((t) => t.id === id) ?? previous?.targets.find((t) => t.id === CONTINUES[id]);
    return before ? { ...found, previous: { id: before.id, measured: before.measured, met: before.met } } : found;
  });
});
const retired = (previous?.targets ?? []).filter((t) => !targets.some((n) => n.id === t.id || CONTINUES[n.id] === t.id));
const minutes = (Date.now() - startedAt.getTime()) / 60_000;
if (documented && previous) {
  fs.mkdirSync(path.join(RESULTS_DIR, 'runs'), { recursive: true });
  fs.renameSync(latestFile, path.join(RESULTS_DIR, 'runs', `${previous.startedAt.slice(0, 16).replace(':', '')}.json`));
}
const loads = load.map((l) => l.load);
const summary = {
  startedAt: startedAt.toISOString(),
  minutes: Number(minutes.toFixed(2)),
  scale: SCALE,
  machine,
  load: { max: Math.max(...loads), samples: load.map((l) => [l.minute, l.load]) },
  previousRun: previous?.startedAt,
  suites: outcomes.map(({ id, seconds, exitCode, timedOut }) => ({ id, seconds, exitCode, timedOut })),
  targets,
};
// One line per target, so the record reads (and diffs) as a list; the run's details go to an ignored file.
const lines = Object.entries(summary).map(([key, value]) =>
  Array.isArray(value) && value.length > 0
    ? `  ${JSON.stringify(key)}: [\n${value.map((v) => `    ${JSON.stringify(v)}`).join(',\n')}\n  ]`
    : `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
);
fs.writeFileSync(latestFile, `{\n${lines.join(',\n')}\n}\n`);
fs.writeFileSync(path.join(RESULTS_DIR, 'details.json'), `${JSON.stringify(outcomes, null, 1)}\n`);

console.log(
  `\n=== every suite: ${minutes.toFixed(1)} min; load ${loads[0]} at the start, ${loads.at(-1)} at the end, ${Math.max(...loads)} at most ===`,
);
for (const o of outcomes) console.log(`${o.id}: ${o.seconds} s, ${o.timedOut ? 'stopped at the deadline' : `exit ${o.exitCode}`}`);
console.log(`Wrote ${path.relative(process.cwd(), latestFile)}\n\n${targetsTable(targets)}\n`);
if (retired.length > 0) console.log(`Retired since the run before: ${retired.map((t) => `${t.id} (${t.measured})`).join('; ')}\n`);
for (const target of targets) console.log(targetLine(target));
process.exit(outcomes.every((o) => o.exitCode === 0) ? 0 : 1);
