import type { GridStats } from './stats-schemas.ts';
import { reportConditions, whereClause, type ReportFilter } from '../db/report-filter.ts';
import type { Snapshot } from '../db/snapshot.ts';

/**
 * Reports per grid of the current version over the filter, counted by DuckDB from grid_id
 * (set at intake, re-routed at each publish). The filter sits in the LEFT JOIN's ON clause,
 * not in WHERE, so grids with no matching report still appear with 0 instead of vanishing
 * from the ranking. Its statements run on one snapshot, so a publish committing meanwhile
 * cannot pair one version's grids with another's totals.
 * @example await store.readSnapshot((snapshot) => gridStats(snapshot, { category: '06010' }))
 */
export async function gridStats(snapshot: Snapshot, filter: ReportFilter): Promise<GridStats> {
  const { conn } = snapshot;
  const joined = reportConditions(filter, 'r');
  const rows = (
    await conn.runAndReadAll(
      `SELECT g.id, g.name, g.parent, g.area_m2, count(r.id)::INTEGER AS count
       FROM grids g LEFT JOIN reports r ON r.grid_id = g.id ${joined.conditions.map((c) => `AND ${c}`).join(' ')}
       GROUP BY g.id, g.name, g.parent, g.area_m2, g.ord ORDER BY g.ord`,
      joined.params,
    )
  ).getRowObjectsJS();
  const plain = reportConditions(filter);
  const totals = (
    await conn.runAndReadAll(
      `SELECT count(*)::INTEGER AS total, count(*) FILTER (WHERE grid_id IS NULL)::INTEGER AS outside FROM reports ${whereClause(plain.conditions)}`,
      plain.params,
    )
  ).getRowObjectsJS()[0];
  return {
    version: snapshot.version,
    total: Number(totals.total),
    outside: Number(totals.outside),
    grids: rows.map((row) => {
      const area = row.area_m2 as number;
      const count = Number(row.count);
      return {
        id: row.id as string,
        name: row.name as string,
        parent: (row.parent as string | null) ?? null,
        count,
        area_m2: area,
        per_km2: area > 0 ? count / (area / 1e6) : 0,
      };
    }),
  };
}
