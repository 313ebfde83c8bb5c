/** The page against bare tus-js-client in the same Chromium, and the targets it checks. */
import { MIB } from '../config.js';
import { spread, type Spread } from '../stats.js';
import type { TargetResult } from '../targets.js';
import type { BareTusRun } from './bare-tus.js';
import type { LargeUploadRun } from './large-upload.js';

const PAGE_SHARE = 0.95;

export interface BareTusComparison {
  pageMiBps: Spread;
  bareMiBps: Spread;
  /** Median page MiB/s ÷ median bare tus-js-client MiB/s. */
  pageOverBare: number;
  target: TargetResult;
}

export function compareWithBareTus(page: LargeUploadRun[], bare: BareTusRun[]): BareTusComparison {
  const pageMiBps = spread(page.map((run) => run.bytes / MIB / run.uploadSeconds));
  const bareMiBps = spread(bare.map((run) => run.bytes / MIB / run.uploadSeconds));
  const pageOverBare = pageMiBps.median / bareMiBps.median;
  const measured = Number.isFinite(pageOverBare);
  return {
    pageMiBps,
    bareMiBps,
    pageOverBare,
    target: {
      id: 'page-vs-tus-js-client-chromium',
      description:
        'the page in Chromium (click → Ready) against bare tus-js-client in the same Chromium (session → onSuccess), same app and file, loopback: median MiB/s ratio',
      measured: measured ? `${pageOverBare.toFixed(3)} × tus-js-client` : 'not measured',
      bound: `≥ ${PAGE_SHARE.toFixed(2)}`,
      met: measured ? pageOverBare >= PAGE_SHARE : null,
      note: measured && pageOverBare < PAGE_SHARE ? `${((PAGE_SHARE - pageOverBare) * 100).toFixed(1)} points short` : undefined,
    },
  };
}

export function comparisonLine(c: BareTusComparison): string {
  const f = (s: Spread) => `${s.median.toFixed(1)} (${s.min.toFixed(1)}–${s.max.toFixed(1)}) MiB/s`;
  return `The page ${f(c.pageMiBps)} against bare tus-js-client in the same Chromium ${f(c.bareMiBps)}: ${c.pageOverBare.toFixed(3)}`;
}

/** The page has no switch to turn its md5 check off, so its cost in Chromium is not measured (see docs/BENCHMARKS.md). */
export const INTEGRITY_COST_CHROMIUM: TargetResult = {
  id: 'integrity-cost-chromium',
  description: "the md5 check's cost to the page's throughput in Chromium, 1 GiB",
  measured: 'not measured',
  bound: '≤ 5 %',
  met: null,
  note: 'the page has no switch to upload without the md5 check',
};
