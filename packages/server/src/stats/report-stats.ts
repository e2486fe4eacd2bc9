import { listValue } from '../db/connection.ts';
import type { Stats, StatsUnitRow } from './stats-schemas.ts';
import { levelUnits, type StatsLevel } from '../areas/level-units.ts';
import type { Snapshot } from '../db/snapshot.ts';
import { changeOf, startsIso, statsWindow, windowIso, type WindowQuery } from './stats-window.ts';
import { offsetLabel } from './time-buckets.ts';
import { windowCounts, type CountKey } from './window-counts.ts';

/** What `GET /api/stats` asks. */
export interface StatsQuery extends WindowQuery {
  level: StatsLevel;
  categories?: string[];
  sources?: string[];
}

/**
 * Counts per unit of a level over a window and over the window of the same length just before
 * it, with each unit's density (per km² of its grids' area), change and rank, and, with a
 * bucket, the count per unit and bucket for charts. **One** DuckDB query does the counting:
 * the reports of both windows are joined to their unit (a list of grid → unit pairs passed as
 * parameters) and grouped by (unit, window, bucket); the rest is arithmetic on those few rows.
 * Reports outside every grid count in `total` and `outside`, never in a unit.
 */
export async function reportStats(snapshot: Snapshot, query: StatsQuery): Promise<Stats> {
  const { gridSet } = snapshot;
  const grouping = gridSet ? levelUnits(gridSet, snapshot.hierarchy, query.level) : null;
  const units = grouping?.units ?? [];
  const window = statsWindow(snapshot, query);
  const answer: Stats = {
    version: snapshot.version,
    level: query.level,
    window: null,
    previous: null,
    bucket: window?.buckets?.bucket ?? query.bucket ?? null,
    tz: offsetLabel(query.tzMinutes),
    total: 0,
    outside: 0,
    previous_total: 0,
    change: null,
    units: units.map((u) => ({ ...u, count: 0, per_km2: 0, previous: 0, change: null, rank: 0, ...(query.bucket ? { series: [] } : {}) })),
    series: null,
  };
  if (window) {
    Object.assign(answer, windowIso(window));
    const counts = await windowCounts(
      snapshot,
      window,
      { categories: query.categories, sources: query.sources },
      unitKey(grouping ? gridSet!.grids.map((g) => g.id) : [], grouping?.unitOf ?? new Int32Array()),
    );
    const starts = startsIso(window);
    const { total } = counts;
    Object.assign(answer, {
      total: total.count,
      previous_total: total.previous,
      change: changeOf(total.count, total.previous),
      outside: counts.byKey.get(null)?.count ?? 0,
    });
    if (starts) answer.series = { starts, total: total.series! };
    answer.units.forEach((u, i) => {
      const c = counts.byKey.get(i);
      if (c) Object.assign(u, { count: c.count, previous: c.previous, change: changeOf(c.count, c.previous) });
      if (u.series) u.series = c?.series ?? new Array<number>(starts!.length).fill(0);
      u.per_km2 = u.area_m2 > 0 ? u.count / (u.area_m2 / 1e6) : 0;
    });
  }
  rank(answer.units);
  answer.units.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : 1));
  return answer;
}

/** Reports keyed by the index of their grid's unit (a list of grid → unit pairs passed as parameters); null outside every grid. */
function unitKey(gridIds: string[], unitOf: Int32Array): CountKey {
  // An empty list parameter has no type: before any import, no report has a unit.
  if (!gridIds.length) return { sql: 'NULL::INTEGER' };
  return {
    sql: 'u.unit',
    with: 'units AS (SELECT unnest($gridIds::VARCHAR[]) AS grid_id, unnest($unitOf::INTEGER[]) AS unit)',
    join: 'LEFT JOIN units u ON u.grid_id = r.grid_id',
    params: { gridIds: listValue(gridIds), unitOf: listValue([...unitOf]) },
  };
}

/** Competition ranking by density, highest first: equal densities share a rank (1, 2, 2, 4). */
function rank(units: StatsUnitRow[]): void {
  const order = units.map((u, i) => i).sort((a, b) => units[b].per_km2 - units[a].per_km2);
  order.forEach((u, k) => {
    units[u].rank = k > 0 && units[u].per_km2 === units[order[k - 1]].per_km2 ? units[order[k - 1]].rank : k + 1;
  });
}
