import type { MultiPolygon, Polygon, Position } from 'geojson';
import * as polyclip from 'polyclip-ts';
import type { BBox, Grid } from '../types.ts';
import { interiorsDisjoint } from './disjoint.ts';
import { inscribedWidth } from './inscribed-width.ts';
import { pieceArea } from './piece-area.ts';
import { NEAR, pointStatus } from './point-status.ts';
import { traceFaces } from './trace-faces.ts';
import type { CoverageProblem, CoverageProblemKind } from './types.ts';
import type { Context } from './validate-coverage.ts';

/** One group of unmatched edges: its box and the grids owning them (and whether the parent does). */
export interface Cluster {
  box: BBox;
  owners: Set<number>;
}

/**
 * Resolves one cluster exactly with polygon clipping (polyclip-ts), on the grids near it only:
 * overlaps are pairwise intersections of an owner with its neighbours; uncovered faces are the
 * box (or the parent within the box) minus every grid touching the box, split at pinch points.
 * A face touching the box border is outside everything (no parent); one touching the parent's
 * border is an inlet (`uncovered-parent`); the rest are gaps. Pieces narrower than the
 * tolerance are not areas but mismatched edges (reported by findEdgeMismatches).
 */
export function resolveCluster(ctx: Context, cluster: Cluster): CoverageProblem[] {
  const [x0, y0, x1, y1] = cluster.box;
  const margin = Math.max(1e-6, 0.01 * Math.max(x1 - x0, y1 - y0));
  const box: BBox = [x0 - margin, y0 - margin, x1 + margin, y1 + margin];
  const local = ctx.index.search({ minX: box[0], minY: box[1], maxX: box[2], maxY: box[3] }).map((o) => o.i).sort((a, b) => a - b);
  const problems: CoverageProblem[] = [];
  for (const i of cluster.owners) problems.push(...overlapsOf(ctx, i, local));
  problems.push(...uncoveredIn(ctx, box, margin, local));
  if (ctx.parent) for (const i of cluster.owners) problems.push(...outsideParent(ctx, i));
  return problems;
}

function overlapsOf(ctx: Context, i: number, local: number[]): CoverageProblem[] {
  const out: CoverageProblem[] = [];
  const gi = ctx.grids[i];
  for (const j of local) {
    if (j === i) continue;
    const key = i < j ? `${i},${j}` : `${j},${i}`;
    if (ctx.pairsDone.has(key) || ctx.duplicatePairs.has(key)) continue;
    ctx.pairsDone.add(key);
    const gj = ctx.grids[j];
    if (!boxesMeet(gi.bbox, gj.bbox)) continue;
    if (!ctx.invalid.has(i) && !ctx.invalid.has(j) && interiorsDisjoint(gi.geometry, gj.geometry)) continue; // neighbours: nothing to clip
    for (const piece of clip(() => polyclip.intersection(coords(gi.geometry), coords(gj.geometry)))) {
      const p = measured(ctx, 'overlap', piece, [gi.id, gj.id]);
      if (p) out.push(p);
    }
  }
  return out;
}

function uncoveredIn(ctx: Context, box: BBox, margin: number, local: number[]): CoverageProblem[] {
  const boxRing: Position[][] = [[[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]], [box[0], box[1]]]];
  const region = ctx.parent ? clip(() => polyclip.intersection(coords(ctx.parent!), boxRing as polyclip.Geom)) : [boxRing];
  if (region.length === 0) return [];
  const rest = clip(() => polyclip.difference(region as polyclip.Geom, ...local.map((i) => coords(ctx.grids[i].geometry))));
  const out: CoverageProblem[] = [];
  for (const face of traceFaces(rest)) {
    if (!ctx.parent && face[0].some((p) => p[0] - box[0] < margin / 2 || box[2] - p[0] < margin / 2 || p[1] - box[1] < margin / 2 || box[3] - p[1] < margin / 2)) continue;
    const inlet = ctx.parent !== undefined && touchesParentBorder(ctx, face);
    const near = local.filter((i) => touches(ctx, ctx.grids[i], face)).map((i) => ctx.grids[i].id);
    const p = measured(ctx, inlet ? 'uncovered-parent' : 'gap', face, near);
    if (p) out.push(p);
  }
  return out;
}

function outsideParent(ctx: Context, i: number): CoverageProblem[] {
  if (ctx.outsideDone.has(i)) return [];
  ctx.outsideDone.add(i);
  const g = ctx.grids[i];
  const out: CoverageProblem[] = [];
  for (const piece of clip(() => polyclip.difference(coords(g.geometry), coords(ctx.parent!)))) {
    const p = measured(ctx, 'outside-parent', piece, [g.id]);
    if (p) out.push(p);
  }
  return out;
}

/**
 * A problem for a piece with its area and width, or null when it has no area, or when it is an
 * overlap or outside part narrower than the tolerance (a border drawn twice: its edges are
 * reported as a mismatch). A gap is never dropped, however thin (a 1e-9° gap is 0.1 mm wide):
 * nobody owns it, and GEOS's union shows it as a hole; under the tolerance it is a sliver.
 */
export function measured(ctx: Context, kind: CoverageProblemKind, piece: Position[][], grids: string[]): CoverageProblem | null {
  const geometry: Polygon = { type: 'Polygon', coordinates: piece };
  const area = pieceArea(piece);
  if (!(area > 0)) return null;
  const { width_m, center } = inscribedWidth(piece);
  if (width_m < ctx.tolM && kind !== 'gap') return null;
  const p: CoverageProblem = { kind, grids: [...grids].sort(), geometry, area_m2: round(area), width_m: round(width_m), location: center };
  if (width_m < Math.max(ctx.sliverWidth, ctx.tolM)) p.sliver = true;
  return p;
}

function touchesParentBorder(ctx: Context, face: Position[][]): boolean {
  for (const ring of face) {
    for (let k = 0; k + 1 < ring.length; k++) {
      const mx = (ring[k][0] + ring[k + 1][0]) / 2, my = (ring[k][1] + ring[k + 1][1]) / 2;
      if (pointStatus(ctx.parent!, mx, my, ctx.tolM) === NEAR) return true;
    }
  }
  return false;
}

function touches(ctx: Context, g: Grid, face: Position[][]): boolean {
  return face[0].some((p) => pointStatus(g.geometry, p[0], p[1], ctx.tolM) === NEAR);
}

/** Runs a clipping; polyclip-ts throws on some degenerate inputs, which then count as no result. */
function clip(run: () => polyclip.Geom): Position[][][] {
  try {
    return run() as Position[][][];
  } catch {
    return [];
  }
}

export function coords(g: Polygon | MultiPolygon): polyclip.Geom {
  return g.coordinates as polyclip.Geom;
}

export function boxesMeet(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/**
 * m² and m to 3 decimals (a millimetre; more is noise from the coordinates), but 3 significant
 * digits under 1: a 1e-9° gap is 0.0001 m wide and must not read as 0.
 */
function round(v: number): number {
  return v >= 1 ? Math.round(v * 1000) / 1000 : Number(v.toPrecision(3));
}
