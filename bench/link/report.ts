/** The link-shaped run as markdown tables (docs/BENCHMARKS.md shows them). */
import { MIB } from '../config.js';
import type { Spread } from '../stats.js';
import type { LinkBenchConfig } from './config.js';
import type { LinkWorkload } from './link-run.js';
import type { LinkMeasurement, LinkSummary } from './summary.js';

const CONTENDER_NAMES: Record<string, string> = {
  raw: 'raw PUT',
  peer: 'bare tus-js-client',
  ours: 'the engine (Node)',
  page: 'the page (Chromium)',
};

function range(s: Spread | undefined, digits: number, scale = 1): string {
  if (!s || !Number.isFinite(s.median)) return '';
  const f = (v: number) => (Number.isFinite(v) ? (v / scale).toFixed(digits) : '∞');
  return s.min === s.max ? f(s.median) : `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join(
    '\n',
  );
}

export function linkProgressLine(index: number, total: number, m: LinkMeasurement): string {
  const resumes =
    m.resumeMs.length > 0
      ? `, resumed after ${m.resumeMs.map((ms) => (ms === undefined ? 'never' : `${ms.toFixed(0)} ms`)).join(', ')}`
      : '';
  const idle = `link idle ${(m.idleMs / 1000).toFixed(2)} s (${m.counters.upIdleGapsMs.length} gaps, longest ${m.longestIdleMs.toFixed(0)} ms)`;
  return `[${index + 1}/${total}] ${m.workload} ${m.contender} #${m.repetition}: ${(m.elapsedMs / 1000).toFixed(2)} s, ${m.linkShare.toFixed(3)} of the link, ${idle}${resumes}`;
}

export function linkMarkdown(
  summary: LinkSummary,
  config: LinkBenchConfig,
  workloads: LinkWorkload[],
  machineLine: string,
  loadAtEnd: number,
): string {
  const title = (id: string) => workloads.find((w) => w.id === id)?.title ?? id;
  const shares = table(
    ['workload', 'contender', 'share of the link, median (min–max)', 'MiB/s median', 'seconds median', 'link idle upstream, s median'],
    summary.rows.map((row) => [
      title(row.workload),
      CONTENDER_NAMES[row.contender] ?? row.contender,
      range(row.linkShare, 3),
      row.mibPerSecond.median.toFixed(2),
      row.seconds.median.toFixed(1),
      row.idleSeconds.median.toFixed(2),
    ]),
  );
  const cutRows = summary.rows.filter((row) => row.workload === 'cut');
  const cuts = table(
    [
      'contender',
      'cuts per run',
      'cut → resumed PATCH, ms: median (min–max) over all cuts',
      'bytes in flight at the cuts, MiB per run',
      'bytes sent twice, MiB per run',
    ],
    cutRows.map((row) => [
      CONTENDER_NAMES[row.contender] ?? row.contender,
      String(row.cutsPerRun ?? ''),
      range(row.resumeMs, 0),
      range(row.inFlightAtCutsBytes, 2, MIB),
      range(row.sentTwiceBytes, 2, MIB),
    ]),
  );
  const targets = table(
    ['target', 'bound', 'measured', 'status'],
    summary.targets.map((t) => [
      t.id,
      t.bound,
      t.measured,
      t.met === null ? 'not checked' : t.met ? 'met' : `**missed**${t.note ? ` (${t.note})` : ''}`,
    ]),
  );
  return [
    `Machine: ${machineLine}, load ${loadAtEnd} at the end`,
    '',
    `Link: ${config.mbit} Mbit/s each way, ${config.rttMs} ms round trip; cut workload: at ${config.firstCutMiB} MiB delivered upstream, then every ${config.cutEveryMiB} MiB${config.refuseMs > 0 ? `, then connections refused for ${config.refuseMs} ms` : ''}. Scale ${config.scale}, ${config.repeat} repetition(s), contenders interleaved.`,
    '',
    shares,
    '',
    cuts,
    '',
    targets,
  ].join('\n');
}
