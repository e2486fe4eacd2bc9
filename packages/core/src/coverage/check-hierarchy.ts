import * as polyclip from 'polyclip-ts';
import type { Grid, GridSet } from '../types.ts';
import { OUTSIDE, pointStatus } from './point-status.ts';
import { measured } from './faces/measure-piece.ts';
import type { CoverageProblem } from './types.ts';
import type { Context } from './validate-coverage.ts';

/**
 * Each grid's declared parent must exist among `parents` and contain the grid. Containment is
 * checked exactly (clipping) for grids with a vertex outside the parent; a grid whose vertices
 * are all inside but whose edge cuts across a notch of the parent is not seen (see docs).
 */
export function checkHierarchy(ctx: Context, grids: Grid[], parents: GridSet): CoverageProblem[] {
  const out: CoverageProblem[] = [];
  for (const g of grids) {
    if (g.parent === null) continue;
    const parent = parents.byId.get(g.parent);
    if (!parent) {
      out.push({
        kind: 'hierarchy',
        grids: [g.id],
        geometry: g.geometry,
        reason: `parent ${JSON.stringify(g.parent)} not found among the ${parents.grids.length} parent units`,
      });
      continue;
    }
    if (!vertexOutside(g, parent)) continue;
    let pieces: ReturnType<typeof polyclip.difference> = [];
    try {
      pieces = polyclip.difference(g.geometry.coordinates as polyclip.Geom, parent.geometry.coordinates as polyclip.Geom);
    } catch {
      /* degenerate: nothing to report */
    }
    for (const piece of pieces) {
      const p = measured(ctx, 'hierarchy', piece as never, [g.id]);
      if (p) out.push({ ...p, reason: `not within its parent ${JSON.stringify(g.parent)}` });
    }
  }
  return out;
}

function vertexOutside(g: Grid, parent: Grid): boolean {
  const polygons = g.geometry.type === 'Polygon' ? [g.geometry.coordinates] : g.geometry.coordinates;
  for (const rings of polygons) for (const p of rings[0]) if (pointStatus(parent.geometry, p[0], p[1], 0) === OUTSIDE) return true;
  return false;
}
