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

/**
 * The input of every workload, plus a small file each client uploads once before it is timed.
 * Workloads share files of the same size (the 4 big files of "parallel" and "mixed"), so each is
 * written once.
 */
export function writeInputFiles(dir: string, workloads: Workload[]): InputFiles {
  const written = new Map<string, InputFile>();
  const filesOf = (count: number, size: number, prefix: string) =>
    Array.from({ length: count }, (_, index) => {
      const key = `${size}-${index}`;
      let file = written.get(key);
      if (!file) {
        file = writeRandomFile(dir, `${prefix}-${String(index).padStart(3, '0')}.bin`, size);
        written.set(key, file);
      }
      return file;
    });
  const files: Partial<Record<WorkloadId, InputFile[]>> = {};
  for (const workload of workloads) {
    const { alongside } = workload;
    files[workload.id] = [
      ...filesOf(workload.fileCount, workload.fileSize, workload.id),
      ...(alongside ? filesOf(alongside.fileCount, alongside.fileSize, `${workload.id}-alongside`) : []),
    ];
  }
  const warmup = writeRandomFile(dir, 'warmup.bin', WARMUP_SIZE);
  return { large: files.large ?? [], small: files.small ?? [], parallel: files.parallel ?? [], mixed: files.mixed ?? [], warmup };
}

/** The bytes `writeInputFiles` writes: files of the same size and index are shared. */
export function inputBytes(workloads: Workload[]): number {
  const sizes = new Map<string, number>();
  for (const workload of workloads) {
    const groups = [{ fileCount: workload.fileCount, fileSize: workload.fileSize }, ...(workload.alongside ? [workload.alongside] : [])];
    for (const group of groups) {
      for (let index = 0; index < group.fileCount; index++) sizes.set(`${group.fileSize}-${index}`, group.fileSize);
    }
  }
  return [...sizes.values()].reduce((sum, size) => sum + size, 0);
}
