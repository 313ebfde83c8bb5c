/**
 * `npm run bench:link`: every contender through the same shaping proxy (100 Mbit/s, 80 ms round
 * trip by default), interleaved per repetition: raw PUT, bare tus-js-client, the engine in Node
 * and the page in Chromium; one large file, many 4 MiB files, and the large file with a cut every
 * 64 MiB. See docs/BENCHMARKS.md, "Link-shaped".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CONCURRENCY } from '../../src/upload-engine/index.js';
import { DEFAULT_CHUNK_SIZE } from '../../src/upload-engine/tus-transport.js';
import { PROJECT_DIR } from '../child.js';
import { cleanupAll, installExitHandlers, isStopping, onCleanup } from '../cleanup.js';
import { MIB } from '../config.js';
import { writeRandomFile, type InputFile } from '../input-files.js';
import { describeMachine, loadAverage, machineLine } from '../machine.js';
import { printTargets } from '../targets.js';
import { bytesPerSecondOf, linkConfigFromEnv, shapeFor } from './config.js';
import { cutsIn, linkWorkloadsAt, type LinkRunSpec, type LinkWorkloadId } from './link-run.js';
import { runNodeContender } from './node-run.js';
import { runPageContender } from './page-run.js';
import { linkMarkdown, linkProgressLine } from './report.js';
import { measurementOf, summarizeLink, type LinkMeasurement } from './summary.js';

installExitHandlers();
const config = linkConfigFromEnv(process.env, path.join(PROJECT_DIR, 'bench', 'results'));
const machine = describeMachine();
const startedAt = new Date();
const workloads = linkWorkloadsAt(config.scale, { everyMiB: config.cutEveryMiB, firstMiB: config.firstCutMiB }, config.contenders);
console.log(`Machine: ${machineLine(machine)}`);
console.log(
  `Link: ${config.mbit} Mbit/s, ${config.rttMs} ms RTT; ${config.repeat} repetition(s); contenders: ${config.contenders.join(', ')}`,
);

const deadline = setTimeout(() => {
  console.error(`The link benchmark ran past its deadline (${config.deadlineMs / 60_000} min, BENCH_LINK_DEADLINE_MIN): stopping.`);
  void cleanupAll().finally(() => process.exit(1));
}, config.deadlineMs);
onCleanup(() => clearTimeout(deadline));

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'rmu-bench-link-'));
onCleanup(() => fs.rmSync(tempRoot, { recursive: true, force: true }));
const inputDir = path.join(tempRoot, 'input');
fs.mkdirSync(inputDir);
// The cut workload uploads the large workload's file again.
const largeFile = writeRandomFile(inputDir, 'link-large.bin', workloads[0]!.fileSize);
const small = workloads.find((w) => w.id === 'small')!;
const smallFiles = Array.from({ length: small.fileCount }, (_, i) =>
  writeRandomFile(inputDir, `link-small-${String(i).padStart(3, '0')}.bin`, small.fileSize),
);
const inputs: Record<LinkWorkloadId, InputFile[]> = { large: [largeFile], small: smallFiles, cut: [largeFile] };
const warmup = writeRandomFile(inputDir, 'warmup.bin', 256 * 1024);

const plan: LinkRunSpec[] = [];
for (let repetition = 1; repetition <= config.repeat; repetition++) {
  for (const workload of workloads) {
    const shape = shapeFor(config, workload.cuts);
    if (workload.cuts) shape.maxCuts = cutsIn(workload, shape.firstCutAtBytes!, shape.cutEveryBytes!);
    for (const contender of workload.contenders) {
      plan.push({
        contender,
        workload: workload.id,
        files: inputs[workload.id],
        warmup,
        concurrency: DEFAULT_CONCURRENCY,
        chunkSize: DEFAULT_CHUNK_SIZE,
        shape,
        repetition,
        tempRoot,
      });
    }
  }
}

const measurements: LinkMeasurement[] = [];
const failures: string[] = [];
try {
  for (const [index, spec] of plan.entries()) {
    if (isStopping()) break;
    try {
      const result = spec.contender === 'page' ? await runPageContender(spec) : await runNodeContender(spec);
      const run = { contender: spec.contender, workload: spec.workload, repetition: spec.repetition, files: spec.files.length };
      const m = measurementOf(run, result, bytesPerSecondOf(config));
      measurements.push(m);
      console.log(linkProgressLine(index, plan.length, m));
    } catch (error) {
      if (isStopping()) break;
      // One contender failing (e.g. the page) must not lose the others' figures: it is reported.
      const message = `${spec.workload} ${spec.contender} #${spec.repetition}: ${error instanceof Error ? error.message : String(error)}`;
      failures.push(message);
      console.error(`[${index + 1}/${plan.length}] FAILED ${message}`);
    }
  }
  const summary = summarizeLink(measurements, config.rttMs);
  const loadAtEnd = loadAverage();
  console.log(`\n${linkMarkdown(summary, config, workloads, machineLine(machine), loadAtEnd)}\n`);
  if (failures.length > 0) console.log(`Failed runs:\n${failures.map((f) => `- ${f}`).join('\n')}\n`);
  const { resultsFile, ...recorded } = config;
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(
    resultsFile,
    `${JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        machine,
        loadAtEnd,
        config: {
          ...recorded,
          bytesPerSecond: bytesPerSecondOf(config),
          chunkSizeMiB: DEFAULT_CHUNK_SIZE / MIB,
          concurrency: DEFAULT_CONCURRENCY,
        },
        workloads,
        measurements,
        failures,
        summary,
        targets: summary.targets,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`Wrote ${path.relative(process.cwd(), resultsFile)}`);
  printTargets(summary.targets);
} finally {
  await cleanupAll();
}
