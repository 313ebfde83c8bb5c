import type { CSSProperties, ReactNode } from 'react';

export interface FittedColumn<Row> {
  title: ReactNode;
  /** A CSS width; the one column without one takes what is left. */
  width?: string;
  render(row: Row): ReactNode;
}

/**
 * Columns that keep their widths in both of WDS Table's layouts. A virtualized Table lays rows out
 * as flex rows (not as a table), where a column without a width shrinks to its content and a long
 * text pushes its neighbours: header and rows then disagree. Here every column has a fixed basis,
 * one column grows, and no cell is wider than its column (long text is cut by the cell's content).
 * Pass `isApplyColumnWidthStyle` to the Table so header cells get the same widths.
 */
export function fittedColumns<Row>(columns: readonly FittedColumn<Row>[]) {
  return columns.map((column) => {
    const style: CSSProperties = column.width
      ? { flex: `0 0 ${column.width}`, minWidth: 0, overflow: 'hidden' }
      : { flex: '1 1 0', minWidth: 0, overflow: 'hidden' };
    return { ...column, style };
  });
}
