/** The JSON record of a run (bench/results/latest.json keeps the one documented in docs/BENCHMARKS.md). */
import fs from 'node:fs';
import path from 'node:path';
import type { BenchConfig } from './config.js';
import type { HashRates } from './hash-rate.js';
import type { Machine } from './machine.js';
import type { Measurement } from './run.js';
import type { Summary } from './summary.js';
import type { TargetResult } from './targets.js';
import type { Workload } from './workloads.js';

export interface BenchRecord {
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  config: Omit<BenchConfig, 'resultsFile'> & { mainChunkSize: number | null; oursClient: string };
  workloads: Workload[];
  measurements: Measurement[];
  hashRates: HashRates;
  loadAtEnd: number;
  summary: Summary;
  targets: TargetResult[];
}

export function writeRecord(file: string, record: BenchRecord): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
}
