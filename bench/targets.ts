import fs from 'node:fs';
import path from 'node:path';

/**
 * The machine-readable form of every target the benchmarks check: each part of `npm run bench`
 * puts its targets in its JSON record and prints one line per target; bench/all.ts gathers them.
 */
export interface TargetResult {
  /** A stable name, e.g. "link-large-engine". */
  id: string;
  /** What was measured, with its unit, e.g. "0.96 of the link". */
  measured: string;
  /** The bound with its comparison, e.g. "≥ 0.95". */
  bound: string;
  /** null: not checked in this run (e.g. a smaller scale, or the part did not run). */
  met: boolean | null;
  /** What the target is, in words. */
  description: string;
  /** Why it is not checked, or how far off a missed target is. */
  note?: string;
}

export function targetLine(target: TargetResult): string {
  const why = target.note?.replace(/^not checked: /, '');
  const status = target.met === null ? `not checked${why ? ` (${why})` : ''}` : target.met ? 'met' : 'missed';
  return `target ${target.id}: ${target.measured} (bound ${target.bound}) ${status}`;
}

export function printTargets(targets: readonly TargetResult[]): void {
  for (const target of targets) console.log(targetLine(target));
}

/** The Node benchmark's and the browser benchmark's own target shapes, as machine-readable targets. */
export function toTargetResult(target: {
  id: string;
  name: string;
  bound: string;
  value: string;
  met?: boolean;
  miss?: string;
  note?: string;
}): TargetResult {
  return {
    id: target.id,
    description: target.name,
    measured: target.value,
    bound: target.bound,
    met: target.met ?? null,
    note: target.miss ?? target.note,
  };
}

/** Writes a part's JSON record (its targets and whatever it measured). */
export function writeResults(file: string, record: { targets: readonly TargetResult[] } & Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
}
