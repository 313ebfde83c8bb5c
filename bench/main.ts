/**
 * `npm run bench:node`: raw vs peer vs tus-on-app vs ours on 127.0.0.1, interleaved, then a
 * chunk-size sweep of ours (BENCH_SWEEP_REPEAT). Every server and client runs in its own child
 * process and is stopped after its run (and on an error or Ctrl+C); the generated files are
 * removed at the end. See docs/BENCHMARKS.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_DIR } from './child.js';
import { cleanupAll, installExitHandlers, onCleanup } from './cleanup.js';
import { configFromEnv } from './config.js';
import { measureHashRates } from './hash-rate.js';
import { OURS_CLIENT, oursDefaultChunkSize } from './contenders/ours-default.js';
import { inputBytes, writeInputFiles } from './input-files.js';
import { describeMachine, loadAverage, machineLine } from './machine.js';
import { planRuns } from './plan.js';
import { CONTENDERS } from './protocol.js';
import { writeRecord } from './record.js';
import { chunkLabel, markdownReport, progressLine } from './report.js';
import { measureOnce, type Measurement } from './run.js';
import { summarize } from './summary.js';
import { formatSize, workloadsAt } from './workloads.js';
import { printTargets, toTargetResult } from './targets.js';

installExitHandlers();
const config = configFromEnv(process.env, path.join(PROJECT_DIR, 'bench', 'results'));
const machine = describeMachine();
const startedAt = new Date();
const workloads = workloadsAt(config.scale);
const chunkSize = config.chunkSize ?? oursDefaultChunkSize();
console.log(`Machine: ${machineLine(machine)}`);
console.log(
  `Scale ${config.scale}, ${config.repeat} repetitions, sweep ${config.sweepRepeat}; chunk size ${chunkLabel(chunkSize)}; ours: ${OURS_CLIENT}`,
);

const deadline = setTimeout(() => {
  console.error(`The benchmark ran past its deadline (${config.deadlineMs / 60_000} min, BENCH_DEADLINE_MIN): stopping.`);
  void cleanupAll().finally(() => process.exit(1));
}, config.deadlineMs);
onCleanup(() => clearTimeout(deadline));

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'rmu-bench-'));
onCleanup(() => fs.rmSync(tempRoot, { recursive: true, force: true }));
const inputDir = path.join(tempRoot, 'input');
fs.mkdirSync(inputDir);
console.log(`Writing ${formatSize(inputBytes(workloads))} of random input under ${tempRoot}…`);
const inputs = writeInputFiles(inputDir, workloads);

const plan = planRuns(config, workloads, inputs, chunkSize, tempRoot);

const measurements: Measurement[] = [];
try {
  for (const [index, spec] of plan.entries()) {
    const m = await measureOnce(spec);
    measurements.push(m);
    console.log(progressLine(index, plan.length, spec, m));
  }
  const hashRates = await measureHashRates();
  const summary = summarize(workloads, measurements, CONTENDERS, config.maxDefaultChunkSize);
  const context = {
    machine,
    scale: config.scale,
    repeat: config.repeat,
    sweepRepeat: config.sweepRepeat,
    chunkSize,
    oursClient: OURS_CLIENT,
    workloads,
    hashRates,
    loadAtEnd: loadAverage(),
  };
  console.log(`\n${markdownReport(summary, context)}\n`);
  const targets = summary.targets.map(toTargetResult);
  const { resultsFile, ...recorded } = config;
  writeRecord(resultsFile, {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    config: { ...recorded, mainChunkSize: chunkSize, oursClient: OURS_CLIENT },
    workloads,
    measurements,
    hashRates,
    loadAtEnd: context.loadAtEnd,
    summary,
    targets,
  });
  console.log(`Wrote ${path.relative(process.cwd(), resultsFile)}`);
  printTargets(targets);
} finally {
  await cleanupAll();
}
