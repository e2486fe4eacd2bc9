/** Which unit of a level (grid, community, street) a grid belongs to, for the level switch. */
import type { GridProperties, StatsLevel, StatsUnit } from '../api/index.ts';

/**
 * The id of the unit of `level` a grid counts in, among the units `GET /api/stats?level=` gave:
 * the grid itself at its own level, else its parent, its `community` property, or the street
 * whose name is its `town` property (the server follows the hierarchy table; the client only
 * has the grids' properties). `null` when none of them is a unit.
 *
 * @example unitForGrid({ id: 'g1', level: 3, parent: 'S1', … }, 'street', units) // 'S1'
 */
export function unitForGrid(
  grid: Pick<GridProperties, 'id' | 'level' | 'parent' | 'town'> & Record<string, unknown>,
  level: StatsLevel,
  units: ReadonlyMap<string, StatsUnit>,
  byName?: ReadonlyMap<string, string>,
): string | null {
  if (level === 'grid') return units.has(grid.id) ? grid.id : null;
  const candidates = [grid.id, grid.parent, grid.community, grid.street].filter((x): x is string => typeof x === 'string');
  for (const c of candidates) if (units.has(c)) return c;
  if (typeof grid.town === 'string' && byName?.has(grid.town)) return byName.get(grid.town)!;
  return null;
}

/**
 * Density rows by grid id for the choropleth: at level grid the grid's own, else its unit's
 * (every grid of a street takes the street's colour).
 */
export function densityByGrid(
  grids: readonly (Pick<GridProperties, 'id' | 'level' | 'parent' | 'town'> & Record<string, unknown>)[],
  level: StatsLevel,
  units: readonly StatsUnit[],
): Map<string, { count: number; per_km2: number; unit: string }> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const byName = new Map(units.map((u) => [u.name, u.id]));
  const out = new Map<string, { count: number; per_km2: number; unit: string }>();
  for (const g of grids) {
    const id = unitForGrid(g, level, byId, byName);
    const u = id === null ? undefined : byId.get(id);
    if (u) out.set(g.id, { count: u.count, per_km2: u.per_km2, unit: u.id });
  }
  return out;
}
