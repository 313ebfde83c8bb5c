import { GIB, MIB } from './config.js';

export type WorkloadId = 'large' | 'small' | 'parallel' | 'mixed';

export interface Workload {
  id: WorkloadId;
  title: string;
  fileCount: number;
  fileSize: number;
  /** How many files are uploaded at once. */
  concurrency: number;
  /** More files, of another size, uploaded with the others. */
  alongside?: { fileCount: number; fileSize: number };
}

/** The workloads at a scale: big files shrink with it, and so does the number of small files. */
export function workloadsAt(scale: number): Workload[] {
  const large = Math.round(GIB * scale);
  const half = Math.round((GIB / 2) * scale);
  const eightMiB = Math.round(8 * MIB * scale);
  const smallCount = Math.max(5, Math.round(200 * scale));
  return [
    { id: 'large', title: `1 file of ${formatSize(large)}`, fileCount: 1, fileSize: large, concurrency: 1 },
    { id: 'small', title: `${smallCount} files of 1 MiB, one at a time`, fileCount: smallCount, fileSize: MIB, concurrency: 1 },
    { id: 'parallel', title: `4 files of ${formatSize(half)}, 4 at once`, fileCount: 4, fileSize: half, concurrency: 4 },
    {
      id: 'mixed',
      title: `32 × ${formatSize(eightMiB)} + 4 × ${formatSize(half)}, all at once`,
      fileCount: 32,
      fileSize: eightMiB,
      concurrency: 36,
      alongside: { fileCount: 4, fileSize: half },
    },
  ];
}

export function formatSize(bytes: number): string {
  if (bytes >= GIB && bytes % GIB === 0) return `${bytes / GIB} GiB`;
  if (bytes >= MIB) return `${Number((bytes / MIB).toFixed(1))} MiB`;
  return `${Math.round(bytes / 1024)} KiB`;
}
