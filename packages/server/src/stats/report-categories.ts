import type { CityCatalogue } from '@citygrid/core';
import { problem, serverError, type ServerError } from '../errors/catalogue.ts';
import type { CategoryStats } from './stats-schemas.ts';
import { findUnit, type StatsLevel } from '../areas/level-units.ts';
import type { Snapshot } from '../db/snapshot.ts';
import { changeOf, startsIso, statsWindow, windowIso, type WindowQuery } from './stats-window.ts';
import { offsetLabel } from './time-buckets.ts';
import { windowCounts, type CountFilter } from './window-counts.ts';

/** What `GET /api/stats/categories` asks. */
export interface CategoryStatsQuery extends WindowQuery {
  /** A unit of `level` (a grid id for `grid`); none: every report, outside ones included. */
  unit?: string;
  level: StatsLevel;
  categories?: string[];
  sources?: string[];
}

/**
 * Reports per event type (事件类型) in one unit, or the whole city, over a window and the
 * window of the same length just before it, with the change and, with a bucket, the unit's
 * total per bucket: the grid panel's breakdown, counted by DuckDB in one query over both
 * windows instead of by the client over an export of every report. The unit's grids are those
 * of the current version, grouped as `GET /api/stats` groups them.
 * Throws CG_ERR_NOT_FOUND (404) for a unit that is not one of `level`'s.
 */
export async function reportCategories(snapshot: Snapshot, query: CategoryStatsQuery, catalogue: CityCatalogue): Promise<CategoryStats> {
  const found =
    query.unit === undefined ? null : snapshot.gridSet && findUnit(snapshot.gridSet, snapshot.hierarchy, query.level, query.unit);
  if (query.unit !== undefined && !found) throw unknownUnit(query.level, query.unit);
  const window = statsWindow(snapshot, query);
  const answer: CategoryStats = {
    version: snapshot.version,
    level: query.level,
    unit: found ? { id: found.unit.id, name: found.unit.name, level: found.unit.level } : null,
    window: null,
    previous: null,
    bucket: window?.buckets?.bucket ?? query.bucket ?? null,
    tz: offsetLabel(query.tzMinutes),
    total: 0,
    previous_total: 0,
    change: null,
    categories: [],
    series: null,
  };
  if (!window) return answer;
  const filter: CountFilter = { categories: query.categories, sources: query.sources, ...(found ? { grids: found.grids } : {}) };
  const counts = await windowCounts(snapshot, window, filter, { sql: 'r.category' });
  const { total } = counts;
  const starts = startsIso(window);
  Object.assign(answer, windowIso(window), {
    total: total.count,
    previous_total: total.previous,
    change: changeOf(total.count, total.previous),
  });
  if (starts) answer.series = { starts, total: total.series! };
  answer.categories = [...counts.byKey]
    .map(([code, c]) => ({
      code: String(code),
      name: catalogue.category(String(code))?.name ?? String(code),
      count: c.count,
      previous: c.previous,
      change: changeOf(c.count, c.previous),
    }))
    .sort((a, b) => b.count - a.count || b.previous - a.previous || (a.code < b.code ? -1 : 1));
  return answer;
}

/** The 404 for a unit id that names no unit of the level, as an unknown API key is reported. */
function unknownUnit(level: StatsLevel, id: string): ServerError {
  return serverError([{ ...problem('CG_ERR_NOT_FOUND', {}, `${level} ${JSON.stringify(id)} (querystring/unit)`), id }]);
}
