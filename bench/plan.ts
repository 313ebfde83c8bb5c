/** The order of the runs: every repetition runs each workload with raw, peer, ours in turn; then the sweep. */
import type { BenchConfig } from './config.js';
import type { InputFiles } from './input-files.js';
import { CONTENDERS } from './protocol.js';
import type { RunSpec } from './run.js';
import type { Workload } from './workloads.js';

export function planRuns(config: BenchConfig, workloads: Workload[], inputs: InputFiles, chunkSize: number, tempRoot: string): RunSpec[] {
  const plan: RunSpec[] = [];
  const common = { warmup: inputs.warmup, tempRoot };
  for (let repetition = 1; repetition <= config.repeat; repetition++) {
    for (const workload of workloads) {
      for (const contender of CONTENDERS) {
        plan.push({
          ...common,
          contender,
          label: workload.id,
          files: inputs[workload.id],
          concurrency: workload.concurrency,
          chunkSize,
          repetition,
        });
      }
    }
  }
  for (let repetition = 1; repetition <= config.sweepRepeat; repetition++) {
    for (const sweepChunk of config.sweepChunkSizes) {
      plan.push({ ...common, contender: 'ours', label: 'sweep', files: inputs.large, concurrency: 1, chunkSize: sweepChunk, repetition });
    }
  }
  return plan;
}
