import type { LineString, Position } from 'geojson';
import { orient2d } from 'robust-predicates';
import { contains } from '../coverage/longest-border.ts';
import { CitygridError, problem } from '../errors.ts';
import { ellipsoidalArea } from '../geom/ellipsoidal-area.ts';
import { withGeometry } from '../grids/with-geometry.ts';
import type { Grid, GridGeometry, GridSet } from '../types.ts';
import { directedEdges, polygonOfEdges, type Edge } from './edge-rings.ts';
import { checkAround, invalid } from './check-around.ts';
import { hasEdge, insertOnEdge, same } from './insert-on-edge.ts';

/** Options of {@link splitGrid}. */
export interface SplitGridOptions {
  /** Ids for the new pieces after the first (which keeps the grid's id). Default `<id>-2`, `<id>-3`, … */
  ids?: string[];
}

interface Cut {
  /** Where along the line: segment index + fraction. */
  at: number;
  point: Position;
}

/**
 * Splits a grid along a line drawn across it (a street, a river): each stretch of the line
 * between two crossings of the grid's border, running inside the grid, becomes a new shared
 * border. The crossing points are added to the grid's neighbours too, on the same edges, so
 * every shared border stays vertex-identical and the coverage still validates clean. The largest
 * piece keeps the grid's id and attributes; the others get new ids. Parts of the line outside
 * the grid, or dangling inside it, are ignored.
 *
 * @param gridSet a coverage whose shared borders are vertex-identical
 * @param id the grid to split
 * @param line GeoJSON LineString (or its positions), WGS84, crossing the grid's border at least twice
 * @returns a new grid set: the pieces in the grid's place, neighbours updated
 * @throws CitygridError CG_ERR_NOT_FOUND for an unknown id, CG_ERR_EDIT_INVALID when the line does not cut the grid in two,
 *   CG_ERR_OPTION for a line of fewer than two positions or a new id already taken
 * @example
 * const next = splitGrid(gridSet, '610902001001003', { type: 'LineString', coordinates: [[109.02, 32.68], [109.03, 32.70]] });
 */
export function splitGrid(gridSet: GridSet, id: string, line: LineString | Position[], options: SplitGridOptions = {}): GridSet {
  const grid = gridSet.byId.get(id);
  if (!grid) throw new CitygridError([problem('CG_ERR_NOT_FOUND', {}, `grid ${JSON.stringify(id)}`)]);
  const path = Array.isArray(line) ? line : line.coordinates;
  if (path.length < 2) throw CitygridError.of('CG_ERR_OPTION', {}, 'splitGrid: the line needs at least two positions');

  // Crossings of each border edge by the line, computed once and shared by grid, neighbours and line.
  const cuts: Cut[] = [];
  const onEdge = new Map<Edge, Array<{ t: number; point: Position }>>();
  const edges = directedEdges([grid.geometry]);
  for (const edge of edges) {
    const [a, b] = edge;
    for (let s = 0; s + 1 < path.length; s++) {
      const hit = crossing(a, b, path[s], path[s + 1]);
      if (!hit) continue;
      cuts.push({ at: s + hit.u, point: hit.point });
      if (hit.t > 0 && hit.t < 1) onEdge.set(edge, [...(onEdge.get(edge) ?? []), { t: hit.t, point: hit.point }]);
    }
  }
  let geometry = grid.geometry;
  const changed = new Map<string, GridGeometry>();
  for (const [[a, b], hits] of onEdge) {
    const points = hits.sort((p, q) => p.t - q.t).map((h) => h.point);
    geometry = insertOnEdge(geometry, a, b, points);
    for (const n of neighbours(gridSet, grid, a, b)) changed.set(n.id, insertOnEdge(changed.get(n.id) ?? n.geometry, a, b, points));
  }

  // The line's stretches between consecutive crossings that run inside the grid.
  cuts.sort((p, q) => p.at - q.at);
  const inner: Edge[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const between = path.filter((_, i) => i > cuts[k].at && i < cuts[k + 1].at);
    const stretch = [cuts[k].point, ...between, cuts[k + 1].point].filter((p, i, all) => i === 0 || !same(p, all[i - 1]));
    if (stretch.length < 2) continue;
    const [p, q] = stretch;
    if (!contains(grid.geometry, (p[0] + q[0]) / 2, (p[1] + q[1]) / 2)) continue;
    for (let i = 0; i + 1 < stretch.length; i++) inner.push([stretch[i], stretch[i + 1]], [stretch[i + 1], stretch[i]]);
  }
  const faces = traced([...directedEdges([geometry]), ...inner]);
  if (faces.length < 2) throw invalid(`the line does not cut grid ${id} in two`);

  faces.sort((f, g) => g.area_m2 - f.area_m2);
  const newIds = faces.slice(1).map((_, k) => options.ids?.[k] ?? `${id}-${k + 2}`);
  for (const n of newIds)
    if (gridSet.byId.has(n)) throw CitygridError.of('CG_ERR_OPTION', {}, `splitGrid: id ${JSON.stringify(n)} is taken: pass options.ids`);
  const pieces = faces.map((f, k) => {
    const g = withGeometry(grid, f.geometry);
    if (k === 0) return g;
    const pid = newIds[k - 1];
    return { ...g, id: pid, properties: { ...grid.properties, [gridSet.idField]: pid } };
  });
  const out = gridSet.grids.flatMap((g) => (g.id === id ? pieces : changed.has(g.id) ? [withGeometry(g, changed.get(g.id)!)] : [g]));
  const next: GridSet = { grids: out, byId: new Map(out.map((g) => [g.id, g])), idField: gridSet.idField };
  checkAround(gridSet, next, pieces); // a line crossing itself inside the grid makes pieces that overlap
  return next;
}

/** Each traced face as its own geometry with its area (for ordering). */
function traced(edges: Edge[]): Array<{ geometry: GridGeometry; area_m2: number }> {
  const g = polygonOfEdges(edges);
  if (!g) return [];
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map((rings) => {
    const geometry: GridGeometry = { type: 'Polygon', coordinates: rings };
    return { geometry, area_m2: ellipsoidalArea(geometry) };
  });
}

/** Grids other than `grid` with an edge joining a and b exactly (its neighbours across that edge). */
function neighbours(gridSet: GridSet, grid: Grid, a: Position, b: Position): Grid[] {
  const [x0, x1] = a[0] < b[0] ? [a[0], b[0]] : [b[0], a[0]];
  const [y0, y1] = a[1] < b[1] ? [a[1], b[1]] : [b[1], a[1]];
  return gridSet.grids.filter(
    (g) => g !== grid && g.bbox[0] <= x0 && g.bbox[2] >= x1 && g.bbox[1] <= y0 && g.bbox[3] >= y1 && hasEdge(g.geometry, a, b),
  );
}

/**
 * Where segment p–q crosses edge a–b: `t` along the edge (0 = a), `u` along the segment.
 * Proper crossings, and the line passing through a vertex of the edge; collinear runs along
 * the border split nothing and are skipped.
 */
function crossing(a: Position, b: Position, p: Position, q: Position): { point: Position; t: number; u: number } | null {
  const o1 = orient2d(p[0], p[1], q[0], q[1], a[0], a[1]);
  const o2 = orient2d(p[0], p[1], q[0], q[1], b[0], b[1]);
  const o3 = orient2d(a[0], a[1], b[0], b[1], p[0], p[1]);
  const o4 = orient2d(a[0], a[1], b[0], b[1], q[0], q[1]);
  if (o1 === 0 && o2 === 0) return null;
  if (o1 * o2 > 0 || o3 * o4 > 0) return null;
  if (o2 === 0) return null; // through b: counted once, as the next edge's a
  const dx = q[0] - p[0],
    dy = q[1] - p[1],
    ex = b[0] - a[0],
    ey = b[1] - a[1];
  const den = dx * ey - dy * ex;
  if (den === 0) return null;
  const u = ((a[0] - p[0]) * ey - (a[1] - p[1]) * ex) / den;
  if (o1 === 0) return { point: a, t: 0, u: Math.min(Math.max(u, 0), 1) };
  const t = ((a[0] - p[0]) * dy - (a[1] - p[1]) * dx) / den;
  return { point: [a[0] + t * ex, a[1] + t * ey], t, u };
}
