import type { Position } from 'geojson';
import { buildFaces, type Face } from './arrangement.ts';
import { BoundaryIndex } from './boundary-index.ts';
import type { EdgeTable } from '../edge-table.ts';
import { measured } from './measure-piece.ts';
import { nodeEdges, type NodedEdges } from './node-edges.ts';
import { NEAR, OUTSIDE, pointStatus } from '../point-status.ts';
import type { CoverageProblem } from '../types.ts';
import type { Context } from '../validate-coverage.ts';
import { ringBox } from '../../geom/ring-box.ts';

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
 * @param table the edge table, for the matched borders inside overlaps
 * @param segments flat `[ax, ay, bx, by]` per unmatched occurrence, interior on the left
 *   (grids) or on the right (the parent's reversed rings)
 * @param onFace called every 1,000 faces classified, for progress
 */
export function resolveFaces(
  ctx: Context,
  table: EdgeTable,
  segments: Float64Array,
  onFace: (done: number, total: number) => void = () => {},
): Resolved {
  const noded = nodeEdges(segments);
  const faces = buildFaces(noded);
  // W counts the grids over a face, not which: a face can span the matched border of two grids
  // under a third (LA: councils 14 and 16 side by side, both under 15, one face; all 17,291 m² went
  // to 15|16 where GEOS finds 2,142 m² of 15∩16 and 15,149 m² of 14∩15). Such borders split it.
  const dividers = bordersUnder(ctx, table, noded, faces);
  const problems: CoverageProblem[] = [];
  faces.forEach((face, f) => {
    if (face.bounded && (face.winding !== 0 || !ctx.parent)) {
      const d = dividers.has(f) ? inside(noded, face, dividers.get(f)!) : [];
      if (!d.length) problems.push(...classify(ctx, noded, face));
      else for (const part of splitFace(noded, face, d)) problems.push(...classify(ctx, part.g, part.face));
    }
    if ((f + 1) % 1000 === 0) onFace(f + 1, faces.length);
  });
  const components = new Set(faces.map((f) => f.component)).size;
  return { problems, components, faces: faces.length };
}

/** A face where two or more grids (or one outside the parent) may be reported by the grid at one point. */
function isOverlapFace(ctx: Context, face: Face): boolean {
  return face.bounded && face.winding >= (ctx.parent ? 1 : 2);
}

/**
 * Per overlap face, the matched grid edges (one occurrence each) of the grids reaching into its
 * box, within that box: matched edges are left out of the noding, so a shared border inside an
 * overlap would not split it. Faces without any are not split (most: the slivers).
 */
function bordersUnder(ctx: Context, table: EdgeTable, g: NodedEdges, faces: Face[]): Map<number, number[]> {
  const boxes = new Map<number, number[]>(); // grid → [face, x0, y0, x1, y1, …] of the overlap faces it reaches
  faces.forEach((face, f) => {
    if (!isOverlapFace(ctx, face)) return;
    let x0 = Infinity,
      y0 = Infinity,
      x1 = -Infinity,
      y1 = -Infinity;
    for (const v of face.shell) {
      x0 = Math.min(x0, g.xs[v]);
      y0 = Math.min(y0, g.ys[v]);
      x1 = Math.max(x1, g.xs[v]);
      y1 = Math.max(y1, g.ys[v]);
    }
    for (const { i } of ctx.index.search({ minX: x0, minY: y0, maxX: x1, maxY: y1 })) {
      const list = boxes.get(i) ?? [];
      list.push(f, x0, y0, x1, y1);
      boxes.set(i, list);
    }
  });
  const out = new Map<number, number[]>();
  if (!boxes.size) return out;
  const { from, to, owner, matched, xs, ys, count } = table;
  const taken = new Map<number, Set<number>>(); // per face: edges (either direction) already in
  const reaches = new Uint8Array(ctx.grids.length); // a flag before the Map: 7.5 M edges at 50k grids
  for (const i of boxes.keys()) reaches[i] = 1;
  for (let e = 0; e < count; e++) {
    if (!matched[e] || owner[e] < 0 || !reaches[owner[e]]) continue; // the parent's owner is −1
    const b = boxes.get(owner[e])!;
    const ax = xs[from[e]],
      ay = ys[from[e]],
      bx = xs[to[e]],
      by = ys[to[e]];
    for (let j = 0; j < b.length; j += 5) {
      if (Math.max(ax, bx) < b[j + 1] || Math.min(ax, bx) > b[j + 3] || Math.max(ay, by) < b[j + 2] || Math.min(ay, by) > b[j + 4])
        continue;
      const key = Math.min(from[e], to[e]) * 2 ** 26 + Math.max(from[e], to[e]); // its reverse, the neighbour's, once
      const seen = taken.get(b[j]) ?? taken.set(b[j], new Set()).get(b[j])!;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = out.get(b[j]) ?? [];
      list.push(ax, ay, bx, by);
      out.set(b[j], list);
    }
  }
  return out;
}

/**
 * The borders that enter the face (an end or the middle inside, or crossing or touching its
 * rings): most in a big face's box run outside it (LA's 17 km² overlap of three councils reaches
 * over a third of the city's borders), and splitting by them would cost a noding each.
 */
function inside(g: NodedEdges, face: Face, borders: number[]): number[] {
  const piece = new BoundaryIndex({ type: 'Polygon', coordinates: [face.shell, ...face.holes].map((c) => closed(g, c)) });
  const out: number[] = [];
  for (let k = 0; k < borders.length; k += 4) {
    const [ax, ay, bx, by] = [borders[k], borders[k + 1], borders[k + 2], borders[k + 3]];
    const enters =
      piece.status((ax + bx) / 2, (ay + by) / 2, 0) !== OUTSIDE ||
      piece.status(ax, ay, 0) !== OUTSIDE ||
      piece.status(bx, by, 0) !== OUTSIDE ||
      piece.meets(ax, ay, bx, by);
    if (enters) out.push(ax, ay, bx, by);
  }
  return out;
}

/**
 * A face cut by borders (weight 0): its own rings, interior on the left (the shell is
 * counter-clockwise, holes are components' clockwise outer cycles), noded with the borders; the
 * parts are the bounded faces of winding 1, each given the face's winding.
 */
function splitFace(g: NodedEdges, face: Face, borders: number[]): Array<{ g: NodedEdges; face: Face }> {
  const seg: number[] = [];
  for (const cycle of [face.shell, ...face.holes]) {
    for (let k = 0; k < cycle.length; k++) {
      const a = cycle[k],
        b = cycle[(k + 1) % cycle.length];
      seg.push(g.xs[a], g.ys[a], g.xs[b], g.ys[b]);
    }
  }
  const sub = nodeEdges(Float64Array.from(seg), Float64Array.from(borders));
  return buildFaces(sub)
    .filter((f) => f.bounded && f.winding === 1)
    .map((f) => ({ g: sub, face: { ...f, winding: face.winding } }));
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

function overlap(
  ctx: Context,
  piece: Position[][],
  w: number,
  m = measured(ctx, 'overlap', piece, []),
  covering?: number[],
): CoverageProblem[] {
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
  const [x0, y0, x1, y1] = ringBox(piece[0]);
  const near = ctx.index
    .search({ minX: x0 - ctx.tolDeg, minY: y0 - ctx.tolDeg, maxX: x1 + ctx.tolDeg, maxY: y1 + ctx.tolDeg })
    .map((o) => o.i)
    .sort((a, b) => a - b)
    .filter((i) => piece[0].some((p) => ctx.boundary(i).status(p[0], p[1], ctx.tolM) === NEAR));
  const p = measured(
    ctx,
    kind,
    piece,
    near.map((i) => ctx.grids[i].id),
  );
  if (!p) return [];
  // Beside an invalid polygon (a hole inside a hole) the winding is not coverage: as clipping
  // would, ask the grids themselves (even–odd) whether the place is theirs.
  if (near.some((i) => ctx.invalid.has(i)) && coveringGrids(ctx, p.location![0], p.location![1]).length) return [];
  return [p];
}

/** Grids containing a point (the piece's inscribed centre: its width away from any border). */
function coveringGrids(ctx: Context, x: number, y: number): number[] {
  return ctx.index
    .search({ minX: x, minY: y, maxX: x, maxY: y })
    .map((o) => o.i)
    .sort((a, b) => a - b)
    .filter((i) => ctx.boundary(i).status(x, y, 0) !== OUTSIDE);
}

function touchesParentBorder(ctx: Context, piece: Position[][]): boolean {
  for (const ring of piece) {
    for (let k = 0; k + 1 < ring.length; k++) {
      const mx = (ring[k][0] + ring[k + 1][0]) / 2,
        my = (ring[k][1] + ring[k + 1][1]) / 2;
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
