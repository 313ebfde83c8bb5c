import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Workload, WorkloadId } from './workloads.js';

export interface InputFile {
  path: string;
  name: string;
  size: number;
}

export type InputFiles = Record<WorkloadId, InputFile[]> & { warmup: InputFile };

const WARMUP_SIZE = 256 * 1024;

/** Writes `size` random bytes (random, so nothing on the way can compress or deduplicate them). */
export function writeRandomFile(dir: string, name: string, size: number): InputFile {
  const file = path.join(dir, name);
  const fd = fs.openSync(file, 'w');
  try {
    const block = Buffer.alloc(Math.max(1, Math.min(size, 4 * 1024 * 1024)));
    for (let written = 0; written < size; ) {
      const part = crypto.randomFillSync(block).subarray(0, Math.min(block.length, size - written));
      fs.writeSync(fd, part);
      written += part.length;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { path: file, name, size };
}

/** The input of every workload, plus a small file each client uploads once before it is timed. */
export function writeInputFiles(dir: string, workloads: Workload[]): InputFiles {
  const files: Partial<Record<WorkloadId, InputFile[]>> = {};
  for (const workload of workloads) {
    files[workload.id] = Array.from({ length: workload.fileCount }, (_, index) =>
      writeRandomFile(dir, `${workload.id}-${String(index).padStart(3, '0')}.bin`, workload.fileSize),
    );
  }
  const warmup = writeRandomFile(dir, 'warmup.bin', WARMUP_SIZE);
  return { large: files.large ?? [], small: files.small ?? [], parallel: files.parallel ?? [], warmup };
}
