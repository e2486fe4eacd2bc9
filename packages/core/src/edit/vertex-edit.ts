/**
 * Reshaping by vertex: moving a vertex, or adding one on an edge, in every grid that has it,
 * so that a border two grids share stays vertex-identical on both sides (validateCoverage and
 * core's editing operations rely on that). Pure: returns new grid sets, untouched grids are the
 * same objects (the undo stack and IndexedDB store share them).
 */
import { ellipsoidalArea } from '../geom/ellipsoidal-area.ts';
import type { BBox, Grid, GridGeometry, GridSet } from '../types.ts';
import type { Position } from 'geojson';
import { CitygridError } from '../errors.ts';

/** Options of {@link moveVertex}. */
export interface MoveVertexOptions {
  /**
   * Move the vertex in these grids only (the planner's Alt-drag: pull one grid off a shared
   * border, leaving a gap or an overlap). Default: every grid that has the vertex.
   */
  only?: readonly string[];
}

/** What a drag did to one ring, as read from terra-draw's copy of it (see {@link diffRing}). */
export type RingEdit =
  | { kind: 'move' /** index into the ring given */; index: number; to: Position }
  | { kind: 'insert' /** the new vertex goes between ring[index - 1] and ring[index] */; index: number; point: Position };

/**
 * Moves vertex `from` to `to` in every grid that has exactly that vertex (bit for bit), in all
 * their rings. Consecutive duplicates a move creates (dropped onto the next vertex) are removed.
 *
 * @param from `[lon, lat]` of an existing vertex, degrees
 * @param to where it goes, degrees
 * @returns the new set and the ids of the grids that changed (empty: no grid has `from`)
 * @throws CitygridError CG_ERR_OPTION when a ring would be left with fewer than three distinct vertices
 * @example moveVertex(gs, [109.01, 32.71], [109.008, 32.708]).changed // ['HB-1-1', 'HB-1-2', 'HB-2-1', 'HB-2-2']
 */
export function moveVertex(
  gridSet: GridSet,
  from: Position,
  to: Position,
  options: MoveVertexOptions = {},
): { gridSet: GridSet; changed: string[] } {
  const only = options.only ? new Set(options.only) : null;
  const target: Position = [to[0], to[1]];
  return mapGrids(gridSet, (g) => {
    if ((only && !only.has(g.id)) || !inBox(g.bbox, from)) return null;
    let hit = false;
    const geometry = mapRings(g.geometry, (ring) => {
      if (!ring.some((p) => same(p, from))) return ring;
      hit = true;
      return dropRepeats(
        ring.map((p) => (same(p, from) ? target : p)),
        g.id,
      );
    });
    return hit ? geometry : null;
  });
}

/**
 * Adds `point` between `a` and `b` in every grid with the edge a→b or b→a (a planner dragging
 * a new vertex out of the middle of a shared border: both sides get it).
 *
 * @returns the new set and the ids of the grids that changed
 * @example insertVertex(gs, [109.01, 32.70], [109.01, 32.71], [109.01, 32.705]).changed // ['HB-1-1', 'HB-1-2']
 */
export function insertVertex(gridSet: GridSet, a: Position, b: Position, point: Position): { gridSet: GridSet; changed: string[] } {
  const p: Position = [point[0], point[1]];
  return mapGrids(gridSet, (g) => {
    if (!inBox(g.bbox, a) || !inBox(g.bbox, b)) return null;
    let hit = false;
    const geometry = mapRings(g.geometry, (ring) => {
      const out: Position[] = [ring[0]];
      for (let i = 1; i < ring.length; i++) {
        const [u, v] = [ring[i - 1], ring[i]];
        if ((same(u, a) && same(v, b)) || (same(u, b) && same(v, a))) {
          out.push(p);
          hit = true;
        }
        out.push(v);
      }
      return out.length === ring.length ? ring : out;
    });
    return hit ? geometry : null;
  });
}

/**
 * What changed between a ring and the copy terra-draw hands back after a drag: one vertex
 * moved (the closing vertex moves with the first), or one vertex inserted (a midpoint dragged).
 * Compared with a tolerance, since terra-draw rounds coordinates to its precision.
 *
 * @param before the ring as given to terra-draw (closed)
 * @param after terra-draw's ring after the edit (closed)
 * @param [tolerance=1e-9] degrees within which two coordinates are the same
 * @returns the edit, or null when nothing (or more than one vertex) changed
 * @example diffRing([[0, 0], [1, 0], [1, 1], [0, 0]], [[0, 0], [1.5, 0], [1, 1], [0, 0]]) // { kind: 'move', index: 1, to: [1.5, 0] }
 */
export function diffRing(before: readonly Position[], after: readonly Position[], tolerance = 1e-9): RingEdit | null {
  const near = (p: Position, q: Position) => Math.abs(p[0] - q[0]) <= tolerance && Math.abs(p[1] - q[1]) <= tolerance;
  if (after.length === before.length) {
    // The last position repeats the first: ignore it, a move of index 0 shows at both ends.
    const moved = before.slice(0, -1).flatMap((p, i) => (near(p, after[i]) ? [] : [i]));
    return moved.length === 1 ? { kind: 'move', index: moved[0], to: [after[moved[0]][0], after[moved[0]][1]] } : null;
  }
  if (after.length === before.length + 1) {
    let i = 0;
    while (i < before.length && near(before[i], after[i])) i++;
    if (i === 0 || i === before.length) return null;
    for (let k = i; k < before.length; k++) if (!near(before[k], after[k + 1])) return null;
    return { kind: 'insert', index: i, point: [after[i][0], after[i][1]] };
  }
  return null;
}

/**
 * Ids of the grids that have vertex `p` exactly, bit for bit (shared borders: all of them).
 *
 * @param p `[lon, lat]` in degrees
 * @example gridsWithVertex(gs, [109.02, 32.71]) // ['HB-1-2', 'HB-1-3', 'HB-2-2', 'HB-2-3']
 */
export function gridsWithVertex(gridSet: GridSet, p: Position): string[] {
  return gridSet.grids.filter((g) => inBox(g.bbox, p) && rings(g.geometry).some((r) => r.some((q) => same(q, p)))).map((g) => g.id);
}

function mapGrids(gridSet: GridSet, f: (g: Grid) => GridGeometry | null): { gridSet: GridSet; changed: string[] } {
  const changed: string[] = [];
  const grids = gridSet.grids.map((g) => {
    const geometry = f(g);
    if (!geometry) return g;
    changed.push(g.id);
    return { ...g, geometry, bbox: bboxOf(geometry), area_m2: ellipsoidalArea(geometry) };
  });
  if (!changed.length) return { gridSet, changed };
  return { gridSet: { grids, byId: new Map(grids.map((g) => [g.id, g])), idField: gridSet.idField }, changed };
}

function mapRings(geometry: GridGeometry, f: (ring: Position[]) => Position[]): GridGeometry {
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(f) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((poly) => poly.map(f)) };
}

function rings(geometry: GridGeometry): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

function dropRepeats(ring: Position[], id: string): Position[] {
  const out = ring.filter((p, i) => i === 0 || !same(p, ring[i - 1]));
  if (out.length < 4) throw CitygridError.of('CG_ERR_OPTION', {}, `grid ${id}: the move leaves a ring with fewer than three vertices`);
  return out;
}

function bboxOf(geometry: GridGeometry): BBox {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings(geometry)) {
    for (const [x, y] of ring) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
  }
  return b;
}

function inBox(b: BBox, p: Position): boolean {
  return p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];
}

function same(p: Position, q: Position): boolean {
  return p[0] === q[0] && p[1] === q[1];
}
