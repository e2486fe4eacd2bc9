import { gridPaths, type GridSet } from '@citygrid/core';
import type { HierarchyUnit } from '../grids/build-router.ts';

/** What statistics are grouped by: each grid, its community (社区/村), or its street/town (街道/镇). */
export type StatsLevel = 'grid' | 'community' | 'street';

/** The level number of each grouping (DOMAIN.md: 2 street/town, 3 community/village). */
const LEVEL_NUMBER: Record<Exclude<StatsLevel, 'grid'>, number> = { community: 3, street: 2 };

/** One unit that statistics are reported for, with what it covers. */
export interface StatsUnit {
  id: string;
  name: string;
  /** Its own level number (a grid that is its own community says 3, a unit grid 4). */
  level: number;
  /** Grids of the current version in it. */
  grids: number;
  /** Sum of those grids' ellipsoidal areas, m²: the area the reports were counted over. */
  area_m2: number;
}

/** Grids grouped into the units of a level. */
export interface LevelUnits {
  level: StatsLevel;
  units: StatsUnit[];
  /** Per grid of the grid set, in order: the index of its unit in `units`. */
  unitOf: Int32Array;
}

// Versions and hierarchies are immutable objects (a publish or a boundary import makes new
// ones), so the grouping is computed once per (grid set, hierarchy, level).
const CACHE = new WeakMap<GridSet, WeakMap<readonly HierarchyUnit[], Map<StatsLevel, LevelUnits>>>();

/**
 * Groups the grids of a version into the units of `level`. A grid's unit is the nearest of
 * the grid itself and its ancestors (its `parent` chain through the boundaries) whose level is
 * the level asked: 3 for `community`, 2 for `street`; `grid` is each grid alone. So unit grids
 * (level 4) under communities group by community, while level-3 grids — which are communities
 * or villages themselves (一村一格, the demo) — are their own community. A grid with no unit at
 * that level anywhere on its chain (no parent, or a chain that skips the level) stands alone,
 * and its unit says its own level: a ranking never silently drops a grid.
 *
 * @param hierarchy the boundaries' units (towns, district) the parent chains climb through
 * @example levelUnits(gridSet, units, 'street').units[0] // { id: '610902001', name: '老城街道', level: 2, grids: 9, area_m2: … }
 */
export function levelUnits(gridSet: GridSet, hierarchy: readonly HierarchyUnit[], level: StatsLevel): LevelUnits {
  let byHierarchy = CACHE.get(gridSet);
  if (!byHierarchy) {
    byHierarchy = new WeakMap();
    CACHE.set(gridSet, byHierarchy);
  }
  let byLevel = byHierarchy.get(hierarchy);
  if (!byLevel) {
    byLevel = new Map();
    byHierarchy.set(hierarchy, byLevel);
  }
  let found = byLevel.get(level);
  if (!found) {
    found = group(gridSet, hierarchy, level);
    byLevel.set(level, found);
  }
  return found;
}

function group(gridSet: GridSet, hierarchy: readonly HierarchyUnit[], level: StatsLevel): LevelUnits {
  const grids = gridSet.grids;
  const paths = level === 'grid' ? null : gridPaths(grids, hierarchy);
  const index = new Map<string, number>();
  const units: StatsUnit[] = [];
  const unitOf = new Int32Array(grids.length);
  grids.forEach((grid, g) => {
    const self = { id: grid.id, name: grid.name, level: grid.level };
    const target = level === 'grid' ? grid.level : LEVEL_NUMBER[level];
    const unit = [self, ...(paths?.[g] ?? [])].find((u) => u.level === target) ?? self;
    let u = index.get(unit.id);
    if (u === undefined) {
      u = units.length;
      index.set(unit.id, u);

      units.push({ id: unit.id, name: unit.name, level: unit.level, grids: 0, area_m2: 0 });
    }
    units[u].grids++;
    units[u].area_m2 += grid.area_m2;
    unitOf[g] = u;
  });
  return { level, units, unitOf };
}

/**
 * Unit `id` of `level` (a grid id for `grid`) and the grid ids inside it: what a request naming
 * one unit filters by. Null when there is no such unit.
 */
export function findUnit(
  gridSet: GridSet,
  hierarchy: readonly HierarchyUnit[],
  level: StatsLevel,
  id: string,
): { unit: StatsUnit; grids: string[] } | null {
  const { units, unitOf } = levelUnits(gridSet, hierarchy, level);
  const u = units.findIndex((unit) => unit.id === id);
  return u < 0 ? null : { unit: units[u], grids: gridSet.grids.filter((_, g) => unitOf[g] === u).map((g) => g.id) };
}

/**
 * The grid ids inside unit `id` of `level` (a grid id for `grid`): what `GET /api/reports`
 * filters by for `grid=…&level=…`. Empty when there is no such unit.
 */
export function gridsOfUnit(gridSet: GridSet, hierarchy: readonly HierarchyUnit[], level: StatsLevel, id: string): string[] {
  return findUnit(gridSet, hierarchy, level, id)?.grids ?? [];
}
