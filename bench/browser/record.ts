/** The JSON record of a run (bench/results/browser-latest.json keeps the one documented in docs/BENCHMARKS.md). */
import fs from 'node:fs';
import path from 'node:path';
import type { Machine } from '../machine.js';
import type { BrowserBenchConfig } from './config.js';
import type { LargeUploadRun } from './large-upload.js';
import type { ManyFilesRun } from './many-files.js';
import type { BrowserSummary } from './summary.js';
import type { BareTusRun } from './bare-tus.js';
import type { BareTusComparison, IntegrityCost } from './comparison.js';
import type { EngineUploadRun } from './engine-upload.js';
import type { TargetResult } from '../targets.js';

export interface BrowserBenchRecord {
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  chromium: { executablePath: string; version: string; flags: string[] };
  config: Omit<BrowserBenchConfig, 'resultsFile'>;
  largeUploads: LargeUploadRun[];
  manyFiles: ManyFilesRun[];
  bareTusUploads: BareTusRun[];
  engineUploads: EngineUploadRun[];
  comparison: BareTusComparison;
  integrityCost: IntegrityCost;
  loadAtEnd: number;
  summary: BrowserSummary;
  targets: TargetResult[];
}

export function writeBrowserRecord(file: string, record: BrowserBenchRecord): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
}
