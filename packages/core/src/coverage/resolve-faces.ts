import type { Position } from 'geojson';
import type { Grid } from '../types.ts';
import { buildFaces, type Face } from './arrangement.ts';
import { measured } from './measure-piece.ts';
import { nodeEdges, type NodedEdges } from './node-edges.ts';
import { NEAR, OUTSIDE, pointStatus } from './point-status.ts';
import type { CoverageProblem } from './types.ts';
import type { Context } from './validate-coverage.ts';

/** What {@link resolveFaces} found, with the size of the arrangement for the stats. */
export interface Resolved {
  problems: CoverageProblem[];
  /** Connected components of the noded unmatched edges. */
  components: number;
  faces: number;
}

/**
 * Resolves every unmatched edge at once, as GEOS's CoverageValidator and overlay do rather than
 * by clipping polygon sets: the edges are noded (snapped within SNAP_DEG, split at crossings and
 * T-junctions; directions summed, so a border drawn the same way by both sides cancels), the
 * faces of that planar graph get their winding number W = Σ grids − parent (by the boundary
 * argument in docs/coverage.md, matched edges change nothing and are left out), and each face
 * is classified: W ≥ 2 (or ≥ 1 inside the parent) an overlap, outside the parent with a grid an
 * outside part, uncovered and bounded (or inside the parent) a gap or, at the parent's border,
 * an inlet. Cost: about linear in the unmatched edges, whatever one cluster's size.
 *
 * @param segments flat `[ax, ay, bx, by]` per unmatched occurrence, interior on the left
 *   (grids) or on the right (the parent's reversed rings)
 * @param onFace called every 1,000 faces classified, for progress
 */
export function resolveFaces(ctx: Context, segments: Float64Array, onFace: (done: number, total: number) => void = () => {}): Resolved {
  const noded = nodeEdges(segments);
  const faces = buildFaces(noded);
  const problems: CoverageProblem[] = [];
  faces.forEach((face, f) => {
    if (face.bounded && (face.winding !== 0 || !ctx.parent)) problems.push(...classify(ctx, noded, face));
    if ((f + 1) % 1000 === 0) onFace(f + 1, faces.length);
  });
  const components = new Set(faces.map((f) => f.component)).size;
  return { problems, components, faces: faces.length };
}

function classify(ctx: Context, g: NodedEdges, face: Face): CoverageProblem[] {
  const piece: Position[][] = [closed(g, face.shell), ...face.holes.map((h) => closed(g, h))];
  const w = face.winding;
  if (!ctx.parent) {
    if (w >= 2) return overlap(ctx, piece, w);
    if (w === 0) return gap(ctx, piece, 'gap');
    return [];
  }
  if (w === -1) return gap(ctx, piece, touchesParentBorder(ctx, piece) ? 'uncovered-parent' : 'gap');
  if (w < 1) return [];
  // W = Σ grids − parent ≥ 1: the parent decides between an overlap and a part outside it.
  const m = measured(ctx, 'overlap', piece, []);
  if (!m) return [];
  const inParent = pointStatus(ctx.parent, m.location![0], m.location![1], 0) !== OUTSIDE;
  const covering = coveringGrids(ctx, m.location![0], m.location![1]);
  const out: CoverageProblem[] = [];
  if (inParent || w >= 2) out.push(...overlap(ctx, piece, w, m, covering));
  if (!inParent) for (const i of covering) out.push({ ...m, kind: 'outside-parent', grids: [ctx.grids[i].id] });
  return out;
}

function overlap(ctx: Context, piece: Position[][], w: number, m = measured(ctx, 'overlap', piece, []), covering?: number[]): CoverageProblem[] {
  if (!m) return [];
  const who = covering ?? coveringGrids(ctx, m.location![0], m.location![1]);
  if (who.length < 2) return []; // one grid's parts on each other: its invalid-geometry
  // One problem per pair, as an overlap is the business of two grids (repair gives each piece
  // to one of them): a place under three grids is three pairs' piece.
  const out: CoverageProblem[] = [];
  for (let a = 0; a < who.length; a++) {
    for (let b = a + 1; b < who.length; b++) {
      if (!ctx.duplicatePairs.has(`${who[a]},${who[b]}`)) out.push({ ...m, grids: [ctx.grids[who[a]].id, ctx.grids[who[b]].id].sort() });
    }
  }
  return out;
}

function gap(ctx: Context, piece: Position[][], kind: 'gap' | 'uncovered-parent'): CoverageProblem[] {
  const [x0, y0, x1, y1] = boxOf(piece[0]);
  const near = ctx.index.search({ minX: x0 - ctx.tolDeg, minY: y0 - ctx.tolDeg, maxX: x1 + ctx.tolDeg, maxY: y1 + ctx.tolDeg })
    .map((o) => o.i).sort((a, b) => a - b)
    .filter((i) => touches(ctx.grids[i], piece, ctx.tolM));
  const p = measured(ctx, kind, piece, near.map((i) => ctx.grids[i].id));
  if (!p) return [];
  // Beside an invalid polygon (a hole inside a hole) the winding is not coverage: as clipping
  // would, ask the grids themselves (even–odd) whether the place is theirs.
  if (near.some((i) => ctx.invalid.has(i)) && coveringGrids(ctx, p.location![0], p.location![1]).length) return [];
  return [p];
}

/** Grids containing a point (the piece's inscribed centre: its width away from any border). */
function coveringGrids(ctx: Context, x: number, y: number): number[] {
  return ctx.index.search({ minX: x, minY: y, maxX: x, maxY: y }).map((o) => o.i).sort((a, b) => a - b)
    .filter((i) => pointStatus(ctx.grids[i].geometry, x, y, 0) !== OUTSIDE);
}

function touches(g: Grid, piece: Position[][], tolM: number): boolean {
  return piece[0].some((p) => pointStatus(g.geometry, p[0], p[1], tolM) === NEAR);
}

function touchesParentBorder(ctx: Context, piece: Position[][]): boolean {
  for (const ring of piece) {
    for (let k = 0; k + 1 < ring.length; k++) {
      const mx = (ring[k][0] + ring[k + 1][0]) / 2, my = (ring[k][1] + ring[k + 1][1]) / 2;
      if (pointStatus(ctx.parent!, mx, my, ctx.tolM) === NEAR) return true;
    }
  }
  return false;
}

function closed(g: NodedEdges, cycle: number[]): Position[] {
  const ring = cycle.map((v) => [g.xs[v], g.ys[v]]);
  ring.push(ring[0]);
  return ring;
}

function boxOf(ring: Position[]): [number, number, number, number] {
  let a = Infinity, b = Infinity, c = -Infinity, d = -Infinity;
  for (const [x, y] of ring) { a = Math.min(a, x); b = Math.min(b, y); c = Math.max(c, x); d = Math.max(d, y); }
  return [a, b, c, d];
}
