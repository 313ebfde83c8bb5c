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
  const status = target.met === null ? `not checked${target.note ? ` (${target.note})` : ''}` : target.met ? 'met' : 'missed';
  return `target ${target.id}: ${target.measured} (bound ${target.bound}) ${status}`;
}

export function printTargets(targets: readonly TargetResult[]): void {
  for (const target of targets) console.log(targetLine(target));
}
