/** The link-shaped workloads, and what one run through the link is given and gives back. */
import { MIB } from '../config.js';
import { formatSize } from '../workloads.js';
import type { InputFile } from '../input-files.js';
import type { LinkContenderId } from './config.js';
import type { LinkCounters, LinkShape } from './shaping-proxy.js';

export type LinkWorkloadId = 'large' | 'small' | 'cut';

export interface LinkWorkload {
  id: LinkWorkloadId;
  title: string;
  fileCount: number;
  fileSize: number;
  /** Cut the link every so many bytes (the cut workload only). */
  cuts: boolean;
  /** raw cannot resume: after a cut it would start the file over, and each start is cut again. */
  contenders: readonly LinkContenderId[];
}

export function linkWorkloadsAt(
  scale: number,
  cut: { everyMiB: number; firstMiB: number },
  contenders: readonly LinkContenderId[],
): LinkWorkload[] {
  const large = Math.round(256 * MIB * scale);
  const smallCount = Math.max(5, Math.round(50 * scale));
  const resuming = contenders.filter((contender) => contender !== 'raw');
  return [
    { id: 'large', title: `1 file of ${formatSize(large)}`, fileCount: 1, fileSize: large, cuts: false, contenders },
    { id: 'small', title: `${smallCount} files of 4 MiB`, fileCount: smallCount, fileSize: 4 * MIB, cuts: false, contenders },
    {
      id: 'cut',
      title: `1 file of ${formatSize(large)}, cut at ${formatSize(Math.round(cut.firstMiB * MIB))}, then every ${formatSize(Math.round(cut.everyMiB * MIB))}`,
      fileCount: 1,
      fileSize: large,
      cuts: true,
      contenders: resuming,
    },
  ];
}

/** Cuts inside the file only: none when its last bytes arrive. */
export function cutsIn(workload: LinkWorkload, firstCutAtBytes: number, cutEveryBytes: number): number {
  const total = workload.fileCount * workload.fileSize;
  return firstCutAtBytes >= total ? 0 : Math.floor((total - 1 - firstCutAtBytes) / cutEveryBytes) + 1;
}

export interface LinkRunSpec {
  contender: LinkContenderId;
  workload: LinkWorkloadId;
  files: InputFile[];
  warmup: InputFile;
  /** Files sent at once (the engine's default for every contender, so they compete alike). */
  concurrency: number;
  chunkSize: number | null;
  shape: LinkShape;
  repetition: number;
  tempRoot: string;
}

export interface LinkRunResult {
  elapsedMs: number;
  bytes: number;
  /** The proxy's counters for the timed part only. */
  counters: LinkCounters;
}

/** A run at under a quarter of the link's rate (plus a minute) is abandoned: something is wrong. */
export function runTimeoutMs(bytes: number, spec: Pick<LinkRunSpec, 'shape'>): number {
  const rate = spec.shape.bytesPerSecond ?? 50 * MIB;
  return 60_000 + (bytes / (rate / 4)) * 1000;
}
