import { interiorPoint, routePoint, type Grid, type GridSet } from '@citygrid/core';

/**
 * For each area, the id of the lowest-level unit above it (level number smaller than its own)
 * that contains its interior point, or null when none does. What gives a street its district
 * and a grid its community when their files name no parent. Units of one level are routed
 * with core's router (on a shared border: the unit east, or north, of it).
 *
 * @param areas grids or boundary units; only their geometry and level are read
 * @param units the boundary units that may contain them, any levels
 * @example findContainers(streets, districts) // ['610902', '610902', null]
 */
export function findContainers(areas: readonly Grid[], units: readonly Grid[]): (string | null)[] {
  const levels = [...new Set(units.map((u) => u.level))].sort((a, b) => b - a); // lowest level first
  const sets = new Map(levels.map((level) => [level, gridSetOf(units.filter((u) => u.level === level))]));
  return areas.map((area) => {
    const [lon, lat] = interiorPoint(area.geometry);
    for (const level of levels) {
      if (level >= area.level) continue;
      const unit = routePoint(sets.get(level)!, lon, lat);
      if (unit) return unit.id;
    }
    return null;
  });
}

/**
 * The grids with every missing `parent` found by location in `units` ({@link findContainers}).
 * The same grid set when nothing changes, so the caches keyed by it stay warm.
 * @example withParents(gridSet, boundaries).grids[0].parent // '610902001'
 */
export function withParents(gridSet: GridSet, units: readonly Grid[]): GridSet {
  const orphans = gridSet.grids.filter((g) => g.parent === null);
  if (orphans.length === 0 || units.length === 0) return gridSet;
  const parents = findContainers(orphans, units);
  const found = new Map(orphans.map((g, k) => [g, parents[k]] as const));
  if (![...found.values()].some((p) => p !== null)) return gridSet;
  const grids = gridSet.grids.map((g) => (found.get(g) ? { ...g, parent: found.get(g)! } : g));
  return { ...gridSet, grids, byId: new Map(grids.map((g) => [g.id, g])) };
}

function gridSetOf(grids: Grid[]): GridSet {
  return { grids, byId: new Map(grids.map((g) => [g.id, g])), idField: 'id' };
}
