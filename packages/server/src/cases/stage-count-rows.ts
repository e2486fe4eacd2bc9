import type { Connection, SqlValue } from '../db/connection.ts';
import { listValue } from '../db/connection.ts';
import type { CaseFilter } from './case-filter.ts';
import { OVERDUE_SQL } from './case-cursor.ts';

/** Open cases of one stage, and how many of them are overdue. */
export interface StageCount {
  stage: string;
  count: number;
  overdue: number;
}

/**
 * Open (not terminal) cases counted per stage, overdue judged at `now` (UTC ms) as the list
 * judges it; within a key's scope (a department's cases, an inspector's grids). Stages without
 * open cases are absent: the caller lists the workflow's stages.
 * @example await countOpenByStage(conn, undefined, Date.now()) // [{ stage: 'dispatched', count: 12, overdue: 3 }, …]
 */
export async function countOpenByStage(conn: Connection, scope: CaseFilter['scope'], now: number): Promise<StageCount[]> {
  const conditions = ['NOT closed'];
  const params: Record<string, SqlValue> = { nowUs: BigInt(now) * 1000n };
  if (scope?.department !== undefined) {
    conditions.push('department = $department');
    params.department = scope.department;
  }
  if (scope?.grids !== undefined) {
    conditions.push('grid_id IN (SELECT unnest($grids::VARCHAR[]))');
    params.grids = listValue([...scope.grids]);
  }
  const rows = (
    await conn.runAndReadAll(
      `SELECT stage, count(*)::INTEGER AS count, count(*) FILTER (WHERE ${OVERDUE_SQL})::INTEGER AS overdue
       FROM cases WHERE ${conditions.join(' AND ')} GROUP BY stage`,
      params,
    )
  ).getRowObjectsJS();
  return rows.map((r) => ({ stage: r.stage as string, count: Number(r.count), overdue: Number(r.overdue) }));
}
