import fs from 'node:fs';

/**
 * Peak resident memory of one process, from /proc/<pid>/status (Linux). The kernel's peak
 * (VmHWM) is reset at the start of the measured window (writing 5 to clear_refs), so the peak
 * belongs to the window and not to the process's start-up; VmRSS is also sampled every 100 ms,
 * which still works where the reset is refused.
 */
export interface RssProbe {
  /** Stops sampling; undefined where /proc is not readable. */
  stop(): RssReading | undefined;
}

export interface RssReading {
  /** RSS when the window began: the process at rest, after its warm-up. */
  restBytes: number;
  peakBytes: number;
}

interface MemoryStatus {
  rssBytes: number;
  peakBytes: number;
}

function field(status: string, name: string): number | undefined {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : undefined;
}

export function readMemoryStatus(pid: number | 'self'): MemoryStatus | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssBytes = field(status, 'VmRSS');
    const peakBytes = field(status, 'VmHWM');
    return rssBytes === undefined || peakBytes === undefined ? undefined : { rssBytes, peakBytes };
  } catch {
    return undefined; // not Linux, or the process has exited
  }
}

/** Resets the kernel's peak RSS of the process to its current RSS; false where refused. */
export function resetPeakRss(pid: number | 'self'): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export function probeRss(pid: number, intervalMs = 100): RssProbe {
  const peakWasReset = resetPeakRss(pid);
  const rest = readMemoryStatus(pid)?.rssBytes;
  let peak = rest;
  const sample = () => {
    const status = readMemoryStatus(pid);
    if (!status) return;
    const seen = peakWasReset ? Math.max(status.rssBytes, status.peakBytes) : status.rssBytes;
    peak = Math.max(peak ?? 0, seen);
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return rest === undefined || peak === undefined ? undefined : { restBytes: rest, peakBytes: peak };
    },
  };
}
