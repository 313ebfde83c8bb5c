/** Units, statistics, the machine, memory, and the input files: what every suite measures with. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;

export function formatSize(bytes: number): string {
  if (bytes >= GIB && bytes % GIB === 0) return `${bytes / GIB} GiB`;
  if (bytes >= MIB) return `${Number((bytes / MIB).toFixed(1))} MiB`;
  return `${Math.round(bytes / 1024)} KiB`;
}

export type Spread = { median: number; min: number; max: number };

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

/** "12.3 (11.0–14.1)", or one figure when the runs agree; `digits` decimals. */
export function spreadText(s: Spread, digits = 1): string {
  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(digits) : '–');
  return s.min === s.max ? f(s.median) : `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}

export const loadAverage = (): number => Number((os.loadavg()[0] ?? 0).toFixed(2));

/** The machine; its 1-minute load average when described (other work on it skews the figures). */
export function describeMachine() {
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Number((os.totalmem() / GIB).toFixed(1)),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: loadAverage(),
  };
}

export function statusField(pid: number | 'self', name: string): number | undefined {
  try {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined; // not Linux, or the process has exited
  }
}

/**
 * Peak resident memory of a process over a window (Linux): the kernel's peak (VmHWM) is reset when
 * the window opens (5 into clear_refs), and VmRSS is sampled every 100 ms where that is refused.
 */
/** (restBytes: the process when the window began.) */
export function probeRss(pid: number): { stop(): { restBytes: number; peakBytes: number } | undefined } {
  let reset = true;
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    reset = false;
  }
  const rest = statusField(pid, 'VmRSS');
  let peak = rest ?? 0;
  const sample = () => {
    peak = Math.max(peak, statusField(pid, 'VmRSS') ?? 0, reset ? (statusField(pid, 'VmHWM') ?? 0) : 0);
  };
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return rest === undefined ? undefined : { restBytes: rest, peakBytes: peak };
    },
  };
}

/** Bytes of the regular files under `dir`, tus metadata (.json) aside; hard links counted once. */
export function storedBytes(dir: string): number {
  const seen = new Set<number>();
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name.endsWith('.json')) continue;
    const stat = fs.statSync(path.join(entry.parentPath, entry.name));
    if (!seen.has(stat.ino)) total += stat.size;
    seen.add(stat.ino);
  }
  return total;
}

export interface InputFile {
  path: string;
  name: string;
  size: number;
}

let runsNamed = 0;

/**
 * `files` under names no earlier run of this process gave them ("3-large.bin"), as hard links: no
 * byte is copied. The page flags a file already in its destination folder (same name and size)
 * and waits for the owner's choice, which a repeated run would otherwise meet.
 */
export function underNewNames(files: readonly InputFile[]): InputFile[] {
  const run = ++runsNamed;
  return files.map((file) => {
    const name = `${run}-${file.name}`;
    const target = path.join(path.dirname(file.path), name);
    fs.rmSync(target, { force: true });
    fs.linkSync(file.path, target);
    return { ...file, path: target, name };
  });
}

/** Writes `size` random bytes (nothing on the way can compress or deduplicate them). */
export function writeRandomFile(dir: string, name: string, size: number): InputFile {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  const fd = fs.openSync(file, 'w');
  try {
    const block = Buffer.alloc(Math.max(1, Math.min(size, 4 * MIB)));
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

/** `count` distinct random files (none is refused as a duplicate of another). */
export function writeRandomFiles(dir: string, prefix: string, count: number, size: number): InputFile[] {
  const width = String(count - 1).length;
  return Array.from({ length: count }, (_, i) => writeRandomFile(dir, `${prefix}-${String(i).padStart(width, '0')}.bin`, size));
}
