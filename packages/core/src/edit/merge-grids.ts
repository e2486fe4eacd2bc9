import { CitygridError, problem } from '../errors.ts';
import { withGeometry } from '../grids/with-geometry.ts';
import type { GridSet } from '../types.ts';
import { cancelShared, directedEdges, polygonOfEdges } from './edge-rings.ts';

/**
 * Merges grids into one: their shared borders dissolve and every other vertex stays bit for
 * bit, so neighbours keep matching (a coverage that validated clean still does). Grids that do
 * not touch become one multi-part grid (一格多点). The merged grid keeps the first id's
 * attributes, at its place in the order; the others are removed.
 *
 * @param gridSet a coverage whose shared borders are vertex-identical (validateCoverage clean)
 * @param ids two or more grid ids; the first names the result
 * @returns a new grid set (untouched grids are the same objects)
 * @throws CitygridError CG_ERR_NOT_FOUND for an unknown id; CG_ERR_OPTION for fewer than two ids
 * @example
 * const merged = mergeGrids(gridSet, ['610902001001003', '610902001001004']);
 */
export function mergeGrids(gridSet: GridSet, ids: string[]): GridSet {
  const unique = [...new Set(ids)];
  if (unique.length < 2)
    throw CitygridError.of('CG_ERR_OPTION', {}, `mergeGrids: expected two or more different ids, got ${JSON.stringify(ids)}`);
  const grids = unique.map((id) => {
    const g = gridSet.byId.get(id);
    if (!g) throw new CitygridError([problem('CG_ERR_NOT_FOUND', {}, `grid ${JSON.stringify(id)}`)]);
    return g;
  });
  const geometry = polygonOfEdges(cancelShared(directedEdges(grids.map((g) => g.geometry))));
  if (!geometry)
    throw CitygridError.of(
      'CG_ERR_OPTION',
      {},
      `mergeGrids: the grids ${unique.join(', ')} leave no area (each cancels the other: duplicates?)`,
    );
  const merged = withGeometry(grids[0], geometry);
  const gone = new Set(unique.slice(1));
  const out = gridSet.grids.filter((g) => !gone.has(g.id)).map((g) => (g.id === merged.id ? merged : g));
  return { grids: out, byId: new Map(out.map((g) => [g.id, g])), idField: gridSet.idField };
}
