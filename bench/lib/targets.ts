/**
 * A target of the benchmark, as every suite reports it and bench/results/latest.json keeps it, and
 * the lines and tables it is shown in. A target is never a timed test: it is measured, and met or missed.
 */
export interface TargetResult {
  /** A stable name, e.g. "link-100m-256mib-page-vs-seed". */
  id: string;
  /** What people feel (the page, the widget, the command line), or what developers feel (the local Wix, the first start). */
  level: 'user' | 'development';
  description: string;
  /** What was measured, with its unit. */
  measured: string;
  /** The bound with its comparison, e.g. "≥ 0.99". */
  bound: string;
  /** null: not checked in this run (a part that did not run, a smaller scale). */
  met: boolean | null;
  /** A missed target: what bounds it, measured (where the time went); one not checked: why. */
  bounds?: string;
  /** The same target in the run before, when bench/main.ts knows it. */
  previous?: { id: string; measured: string; met: boolean | null };
}

export type TargetSpec = Pick<TargetResult, 'id' | 'level' | 'description' | 'bound'>;

export function spec(id: string, description: string, bound: string, level: TargetSpec['level'] = 'user'): TargetSpec {
  return { id, level, description, bound };
}

/** The target measured: met when `met`, else with what bounds it. */
export function checked(spec: TargetSpec, measured: string, met: boolean, bounds: string): TargetResult {
  return { ...spec, measured, met, ...(met ? {} : { bounds }) };
}

export function notChecked(spec: TargetSpec, why: string): TargetResult {
  return { ...spec, measured: 'not measured', met: null, bounds: why };
}

export function statusOf(target: TargetResult): string {
  return target.met === null ? 'not checked' : target.met ? 'met' : 'missed';
}

/** `target <id>: <measured> (bound <bound>) met|missed|not checked`, and what bounds a miss. */
export function targetLine(target: TargetResult): string {
  const why = target.bounds && target.met !== true ? ` — ${target.met === null ? 'why' : 'bounded by'}: ${target.bounds}` : '';
  return `target ${target.id}: ${target.measured} (bound ${target.bound}) ${statusOf(target)}${why}`;
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The targets as one markdown table: the user's first, each with the run before beside it. */
export function targetsTable(targets: readonly TargetResult[]): string {
  const ordered = [...targets.filter((t) => t.level === 'user'), ...targets.filter((t) => t.level === 'development')];
  return table(
    ['target', 'measured', 'bound', 'status', 'what bounds a miss', 'run before'],
    ordered.map((t) => [
      `${t.level === 'development' ? '(dev) ' : ''}\`${t.id}\``,
      t.measured,
      t.bound,
      statusOf(t),
      t.met === true ? '' : (t.bounds ?? ''),
      t.previous
        ? `${t.previous.id === t.id ? '' : `${t.previous.id}: `}${t.previous.measured} (${t.previous.met ? 'met' : 'missed'})`
        : 'new',
    ]),
  );
}
