import type { Grid } from '../types.ts';

/** One ancestor of a grid: a community, street/town or district. */
export interface PathEntry {
  id: string;
  name: string;
  level: number;
}

/**
 * Each grid's ancestors, nearest first, following `parent` ids through the hierarchy. A parent
 * id missing from the hierarchy still appears (named by its id) so no link is dropped; a
 * cycle stops the walk. A missing parent's level is taken as one below its child's.
 * @param grids the grids whose paths are wanted
 * @param hierarchy the units above them (communities, towns, district): `{ id, name, level, parent }`
 * @returns one path per grid, in input order
 * @example gridPaths(gridSet.grids, towns)[0] // [{ id: '610902001', name: '老城街道', level: 2 }, { id: '610902', … }]
 */
export function gridPaths(grids: readonly Grid[], hierarchy: Iterable<PathEntry & { parent: string | null }>): PathEntry[][] {
  const units = new Map<string, PathEntry & { parent: string | null }>();
  for (const u of hierarchy) units.set(u.id, u);
  return grids.map((grid) => {
    const path: PathEntry[] = [];
    const seen = new Set<string>([grid.id]);
    let id = grid.parent;
    let level = grid.level - 1;
    while (id !== null && !seen.has(id)) {
      seen.add(id);
      const unit = units.get(id);
      path.push(unit ? { id: unit.id, name: unit.name, level: unit.level } : { id, name: id, level });
      id = unit ? unit.parent : null;
      level = (unit?.level ?? level) - 1;
    }
    return path;
  });
}
