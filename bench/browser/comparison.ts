/** The page against bare tus-js-client in the same Chromium, and the targets it checks. */
import { MIB } from '../config.js';
import { spread, type Spread } from '../stats.js';
import type { TargetResult } from '../targets.js';
import type { BareTusRun } from './bare-tus.js';
import type { EngineUploadRun } from './engine-upload.js';
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
  const pageMiBps = spread(page.map((run) => run.bytes / MIB / run.bytesSeconds));
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
        'the page in Chromium (click → Processing: every byte on the server, finalized and recorded) against bare tus-js-client in the same Chromium (session → onSuccess), same app and file, loopback: median MiB/s ratio',
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

const INTEGRITY_COST_BOUND = 0.05;

export interface IntegrityCost {
  offMiBps: Spread;
  onMiBps: Spread;
  /** 1 − median MiB/s with the check ÷ median without. */
  cost: number;
  target: TargetResult;
}

/** The md5 check's cost: the engine in Chromium with it on and off, interleaved. */
export function integrityCostInChromium(runs: EngineUploadRun[]): IntegrityCost {
  const miBps = (verify: boolean) =>
    spread(runs.filter((run) => run.verifyIntegrity === verify).map((run) => run.bytes / MIB / run.uploadSeconds));
  const offMiBps = miBps(false);
  const onMiBps = miBps(true);
  const cost = 1 - onMiBps.median / offMiBps.median;
  const measured = Number.isFinite(cost);
  return {
    offMiBps,
    onMiBps,
    cost,
    target: {
      id: 'integrity-cost-chromium',
      description:
        "the md5 check's cost to the upload engine in Chromium (the page's engine and md5 worker, without React), loopback: 1 − (median MiB/s with the check ÷ without)",
      measured: measured ? `${(cost * 100).toFixed(1)} %` : 'not measured',
      bound: `≤ ${INTEGRITY_COST_BOUND * 100} %`,
      met: measured ? cost <= INTEGRITY_COST_BOUND : null,
    },
  };
}

export function integrityCostLine(c: IntegrityCost): string {
  const f = (s: Spread) => `${s.median.toFixed(1)} (${s.min.toFixed(1)}–${s.max.toFixed(1)}) MiB/s`;
  return `The engine in Chromium with the md5 check ${f(c.onMiBps)}, without ${f(c.offMiBps)}: costs ${(c.cost * 100).toFixed(1)} %`;
}
