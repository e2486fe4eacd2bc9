/** The impact answer as the planner shows it: moved cells only, with grid names. */
import type { ImpactMatrix } from '../api/index.ts';

/** One shown row: reports that would move from one grid to another. */
export interface ImpactRow {
  from: string;
  to: string;
  count: number;
}

/**
 * The cells where reports change grid (from ≠ to), most first, at most `limit`, with names
 * (grid id when the name is unknown; 网格外 for outside every grid).
 * @param names grid id → name, for both versions
 * @example impactRows(m, names, 5) // [{ from: '新城社区一网格', to: '新城社区一网格-2', count: 312 }, …]
 */
export function impactRows(matrix: ImpactMatrix, names: ReadonlyMap<string, string>, limit = 8): ImpactRow[] {
  const name = (id: string | null) => (id === null ? '网格外' : names.get(id) ? `${names.get(id)}（${id}）` : id);
  return matrix.matrix
    .filter((c) => c.from !== c.to && c.count > 0)
    .sort((a, b) => b.count - a.count)
    .slice(0, limit)
    .map((c) => ({ from: name(c.from), to: name(c.to), count: c.count }));
}

/** The one-line summary, e.g. `窗口内 2400 件上报，312 件将改变所属网格（13.0%）`. */
export function impactSummary(matrix: ImpactMatrix): string {
  const share = matrix.total ? `（${((100 * matrix.moved) / matrix.total).toFixed(1)}%）` : '';
  return `窗口内 ${matrix.total} 件上报，${matrix.moved} 件将改变所属网格${share}`;
}
