/**
 * The wall's department ranking (pure): the best and the worst departments of the month by
 * assessment score (GET /api/assessment?level=department), with grade and rank move.
 */
import type { AssessedUnit } from '../../api/index.ts';

/** One department on the wall. */
export interface DepartmentRow {
  id: string;
  name: string;
  rank: number;
  score: string;
  grade: string;
  /** ▲ up, ▼ down, ▬ unchanged, ● no rank last month. */
  arrow: string;
  failing: boolean;
}

/**
 * The top `n` and the bottom `n` scored departments (fewer than 2n: all of them as top, none as
 * bottom, so none shows twice). Departments without a score (nothing due) are left out.
 * @example departmentRanking(units, 3).top[0].rank // 1
 */
export function departmentRanking(units: readonly AssessedUnit[], n = 3): { top: DepartmentRow[]; bottom: DepartmentRow[] } {
  const scored = units
    .filter((u): u is AssessedUnit & { rank: number; score: number } => u.rank !== null && u.score !== null)
    .sort((a, b) => a.rank - b.rank) // equal ranks keep the server's order
    .map(departmentRow);
  if (scored.length <= 2 * n) return { top: scored, bottom: [] };
  return { top: scored.slice(0, n), bottom: scored.slice(-n) };
}

function departmentRow(u: AssessedUnit & { rank: number; score: number }): DepartmentRow {
  const before = u.previous.rank;
  const arrow = before === null ? '●' : before > u.rank ? '▲' : before < u.rank ? '▼' : '▬';
  return {
    id: u.id,
    name: u.name,
    rank: u.rank,
    score: u.score.toFixed(1),
    grade: u.grade ?? '',
    arrow,
    failing: u.flags.includes('three-fails'),
  };
}
