import { DegenerateCut, type Lattice, type LatticeCell, type Points } from './lattice.ts';
import { CitygridError } from '../errors.ts';

/** One ring of the area in the plane: vertex ids (not closed); outer rings CCW, holes CW. */
export interface PlaneRing {
  ids: number[];
  hole: boolean;
}

/** A lattice cell cut to the area: pieces, each `[outer, ...holes]` as vertex-id rings (not closed). */
export interface ClippedCell {
  key: string;
  pieces: number[][][];
  /** True when the area covers the cell whole: one piece, its corners, no hole. */
  whole: boolean;
}

/** Where an area ring crosses from one cell into the next, on their shared edge. */
interface Crossing {
  point: number;
  from: string;
  /** Position on the boundary of `from`: k + s on edge k (corner k → k + 1), 0 < s < 1. */
  fromPos: number;
  to: string;
  toPos: number;
}

/** A stretch of an area ring inside one cell, from the crossing it enters by to the one it leaves by. */
interface Run {
  points: number[];
  entry: number;
  exit: number;
}

/**
 * Cuts the area (its rings in the plane) into the cells of a lattice (Weiler–Atherton against
 * convex cells). Each ring is walked once, cell to cell; each crossing point is computed once
 * and shared by the two cells and the area's edge it lies on, so the pieces meet vertex for
 * vertex and split the area's edges without gap or overlap. Per cell, a piece's boundary is a
 * run of the area's ring, then the cell's boundary counter-clockwise to the next run entering.
 *
 * @param eps metres: an area vertex nearer a cell edge, or a crossing nearer a cell corner,
 *   throws {@link DegenerateCut} (the caller shifts the lattice)
 */
export function clipToLattice(rings: PlaneRing[], lattice: Lattice, eps: number): ClippedCell[] {
  const runs = new Map<string, Run[]>();
  const free = new Map<string, PlaneRing[]>();
  for (const ring of rings) {
    const walked = walkRing(ring, lattice, eps);
    if ('cell' in walked) free.set(walked.cell, [...(free.get(walked.cell) ?? []), ring]);
    else for (const [key, run] of walked.runs) runs.set(key, [...(runs.get(key) ?? []), run]);
  }
  const { points } = lattice;
  const inside = ringParity(points, rings);
  const out: ClippedCell[] = [];
  const done = new Set<string>();
  for (const key of new Set([...runs.keys(), ...free.keys()])) {
    done.add(key);
    const cell = lattice.cell(key);
    const base = () => inside(points.xs[cell.corners[0]], points.ys[cell.corners[0]]);
    const pieces = assemble(points, cell, runs.get(key) ?? [], free.get(key) ?? [], base);
    if (pieces.length) out.push({ key, pieces, whole: false });
  }
  for (const key of lattice.candidates()) {
    if (done.has(key)) continue;
    done.add(key);
    const cell = lattice.cell(key);
    if (inside(points.xs[cell.corners[0]], points.ys[cell.corners[0]])) out.push({ key, pieces: [[cell.corners.slice()]], whole: true });
  }
  return out;
}

/** A ring's runs by cell, or the one cell holding it whole. */
function walkRing(ring: PlaneRing, lattice: Lattice, eps: number): { cell: string } | { runs: Array<[string, Run]> } {
  const { xs, ys } = lattice.points;
  const ids = ring.ids;
  const n = ids.length;
  let cell = lattice.cell(locateStrict(lattice, xs[ids[0]], ys[ids[0]], eps));
  const start = cell.key;
  const seq: Array<number | Crossing> = [ids[0]];
  let steps = 0;
  for (let i = 0; i < n; i++) {
    const a = ids[i],
      b = ids[(i + 1) % n];
    let tPrev = 0;
    for (let exit = exitEdge(lattice.points, cell, a, b, tPrev, eps); exit; exit = exitEdge(lattice.points, cell, a, b, tPrev, eps)) {
      if (++steps > 1e8) throw new DegenerateCut('ring walk does not end');
      const crossing = cross(lattice, cell, exit.k, exit.x, exit.y, eps);
      seq.push(crossing);
      cell = lattice.cell(crossing.to);
      tPrev = exit.t;
    }
    if (i + 1 < n) seq.push(b);
  }
  if (cell.key !== start) throw new DegenerateCut(`ring walk ends in cell ${cell.key}, began in ${start}`);
  const first = seq.findIndex((e) => typeof e !== 'number');
  if (first < 0) return { cell: start };
  const rotated = [...seq.slice(first), ...seq.slice(0, first), seq[first]];
  const out: Array<[string, Run]> = [];
  let open = rotated[0] as Crossing;
  let run: Run = { points: [open.point], entry: open.toPos, exit: NaN };
  for (const e of rotated.slice(1)) {
    if (typeof e === 'number') {
      run.points.push(e);
      continue;
    }
    if (e.from !== open.to) throw new DegenerateCut(`run entering ${open.to} leaves ${e.from}`);
    run.points.push(e.point);
    run.exit = e.fromPos;
    out.push([open.to, run]);
    open = e;
    run = { points: [e.point], entry: e.toPos, exit: NaN };
  }
  return { runs: out };
}

/**
 * Where segment a→b leaves a convex cell: the edge whose half-plane it leaves first after
 * `tPrev`, or null when b is inside (then checked to be at least eps from every edge).
 */
function exitEdge(
  p: Points,
  cell: LatticeCell,
  a: number,
  b: number,
  tPrev: number,
  eps: number,
): { k: number; t: number; x: number; y: number } | null {
  const c = cell.corners;
  const m = c.length;
  let best = -1,
    bestT = Infinity,
    nearest = Infinity;
  for (let k = 0; k < m; k++) {
    const u = c[k],
      v = c[(k + 1) % m];
    const ex = p.xs[v] - p.xs[u],
      ey = p.ys[v] - p.ys[u];
    const fa = ex * (p.ys[a] - p.ys[u]) - ey * (p.xs[a] - p.xs[u]);
    const fb = ex * (p.ys[b] - p.ys[u]) - ey * (p.xs[b] - p.xs[u]);
    nearest = Math.min(nearest, fb / Math.hypot(ex, ey));
    if (!(fb < 0 && fb < fa)) continue;
    const t = fa / (fa - fb);
    if (t > tPrev && t < bestT) [best, bestT] = [k, t];
  }
  if (best < 0) {
    if (nearest < eps) throw new DegenerateCut(`area vertex ${nearest.toExponential(2)} m from an edge of cell ${cell.key}`);
    return null;
  }
  const x = p.xs[a] + bestT * (p.xs[b] - p.xs[a]);
  const y = p.ys[a] + bestT * (p.ys[b] - p.ys[a]);
  return { k: best, t: bestT, x, y };
}

/** The crossing at (x, y) on edge k of a cell, registered as a new vertex. */
function cross(lattice: Lattice, cell: LatticeCell, k: number, x: number, y: number, eps: number): Crossing {
  const p = lattice.points;
  const c = cell.corners;
  const u = c[k],
    v = c[(k + 1) % c.length];
  const next = lattice.cell(lattice.neighbour(cell, k));
  const m = next.corners.length;
  const k2 = next.corners.findIndex((w, i) => w === v && next.corners[(i + 1) % m] === u);
  if (k2 < 0) throw new Error(`lattice: cell ${next.key} does not share edge ${k} of ${cell.key}`);
  const s = along(p, u, v, x, y);
  const gap = Math.min(s, 1 - s) * Math.hypot(p.xs[v] - p.xs[u], p.ys[v] - p.ys[u]);
  if (gap < eps) throw new DegenerateCut(`area edge crosses cell ${cell.key} ${gap.toExponential(2)} m from a corner`);
  const point = p.addXY(lattice.plane, x, y);
  return { point, from: cell.key, fromPos: k + s, to: next.key, toPos: k2 + along(p, v, u, x, y) };
}

/** Fraction of the way from u to v of the projection of (x, y). */
function along(p: Points, u: number, v: number, x: number, y: number): number {
  const ex = p.xs[v] - p.xs[u],
    ey = p.ys[v] - p.ys[u];
  return ((x - p.xs[u]) * ex + (y - p.ys[u]) * ey) / (ex * ex + ey * ey);
}

/** The cell holding (x, y) at least eps inside, walking from the lattice's guess. */
function locateStrict(lattice: Lattice, x: number, y: number, eps: number): string {
  const p = lattice.points;
  let cell = lattice.cell(lattice.locate(x, y));
  for (let step = 0; step < 16; step++) {
    const c = cell.corners;
    let worst = Infinity,
      across = -1;
    for (let k = 0; k < c.length; k++) {
      const u = c[k],
        v = c[(k + 1) % c.length];
      const ex = p.xs[v] - p.xs[u],
        ey = p.ys[v] - p.ys[u];
      const d = (ex * (y - p.ys[u]) - ey * (x - p.xs[u])) / Math.hypot(ex, ey);
      if (d < worst) [worst, across] = [d, k];
    }
    if (worst >= eps) return cell.key;
    if (worst > -eps) throw new DegenerateCut(`area vertex ${Math.abs(worst).toExponential(2)} m from an edge of cell ${cell.key}`);
    cell = lattice.cell(lattice.neighbour(cell, across));
  }
  throw new DegenerateCut(`no cell found for the point ${x}, ${y}`);
}

/**
 * The pieces of one cell: loops of runs joined along the cell's boundary (or the whole cell
 * when no run enters it and its corner is inside the area), rings lying whole in the cell as
 * islands, and holes lying whole in the cell put in the smallest piece around them.
 */
function assemble(p: Points, cell: LatticeCell, runs: Run[], free: PlaneRing[], baseInside: () => boolean): number[][][] {
  const pieces: number[][][] = runs.length ? traceLoops(cell, runs) : baseInside() ? [[cell.corners.slice()]] : [];
  for (const ring of free) if (!ring.hole) pieces.push([ring.ids]);
  for (const ring of free) {
    if (!ring.hole) continue;
    const [x, y] = [p.xs[ring.ids[0]], p.ys[ring.ids[0]]];
    let best: number[][] | undefined;
    for (const piece of pieces) {
      if (inRing(p, piece[0], x, y) && (!best || Math.abs(p.ringArea(piece[0])) < Math.abs(p.ringArea(best[0])))) best = piece;
    }
    if (!best)
      throw CitygridError.of(
        'CG_ERR_INVALID_GEOJSON',
        {},
        `regularGrid: a hole of the area lies outside its polygon (near ${x.toFixed(1)}, ${y.toFixed(1)} m): not a valid polygon`,
      );
    best.push(ring.ids);
  }
  return pieces;
}

/**
 * Joins the runs inside a cell into closed rings: from the point where a run leaves the cell,
 * along the cell's boundary counter-clockwise (the area's inside is to the left of its rings)
 * to the next point where a run enters, and so on until back at the start.
 */
function traceLoops(cell: LatticeCell, runs: Run[]): number[][][] {
  const m = cell.corners.length;
  const events = runs.flatMap((r, i) => [
    { pos: r.entry, run: i, entry: true },
    { pos: r.exit, run: i, entry: false },
  ]);
  events.sort((a, b) => a.pos - b.pos);
  const next = new Int32Array(runs.length);
  const bridge: number[][] = [];
  events.forEach((e, i) => {
    if (e.entry) return;
    const to = events[(i + 1) % events.length];
    if (!to.entry) throw new DegenerateCut(`two runs leave cell ${cell.key} in a row`);
    next[e.run] = to.run;
    const corners: number[] = [];
    const end = to.pos > e.pos ? to.pos : to.pos + m;
    for (let k = Math.floor(e.pos) + 1; k < end; k++) corners.push(cell.corners[k % m]);
    bridge[e.run] = corners;
  });
  const seen = new Uint8Array(runs.length);
  const loops: number[][][] = [];
  for (let i = 0; i < runs.length; i++) {
    if (seen[i]) continue;
    const loop: number[] = [];
    for (let j = i; !seen[j]; j = next[j]) {
      seen[j] = 1;
      loop.push(...runs[j].points, ...bridge[j]);
    }
    loops.push([loop]);
  }
  return loops;
}

/**
 * Even–odd point-in-area test over all rings, with the edges bucketed in horizontal bands
 * (about √edges bands) so each query scans one band's edges.
 */
function ringParity(p: Points, rings: PlaneRing[]): (x: number, y: number) => boolean {
  const edges: number[] = [];
  let minY = Infinity,
    maxY = -Infinity;
  for (const { ids } of rings) {
    for (let i = 0; i < ids.length; i++) {
      const a = ids[i],
        b = ids[(i + 1) % ids.length];
      edges.push(a, b);
      minY = Math.min(minY, p.ys[a]);
      maxY = Math.max(maxY, p.ys[a]);
    }
  }
  const nb = Math.max(1, Math.ceil(Math.sqrt(edges.length / 2)));
  const h = (maxY - minY) / nb || 1;
  const band = (y: number) => Math.min(nb - 1, Math.max(0, Math.floor((y - minY) / h)));
  const bands: number[][] = Array.from({ length: nb }, () => []);
  for (let e = 0; e < edges.length; e += 2) {
    const [ya, yb] = [p.ys[edges[e]], p.ys[edges[e + 1]]];
    for (let k = band(Math.min(ya, yb)); k <= band(Math.max(ya, yb)); k++) bands[k].push(edges[e], edges[e + 1]);
  }
  return (x, y) => {
    if (y < minY || y > maxY) return false;
    let inside = false;
    const list = bands[band(y)];
    for (let e = 0; e < list.length; e += 2) {
      const a = list[e],
        b = list[e + 1];
      const ay = p.ys[a],
        by = p.ys[b];
      if (ay > y !== by > y && x < p.xs[a] + ((y - ay) * (p.xs[b] - p.xs[a])) / (by - ay)) inside = !inside;
    }
    return inside;
  };
}

/** Even–odd test of (x, y) against one ring of vertex ids. */
function inRing(p: Points, ids: number[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ids.length - 1; i < ids.length; j = i++) {
    const ay = p.ys[ids[i]],
      by = p.ys[ids[j]];
    if (ay > y !== by > y && x < p.xs[ids[i]] + ((y - ay) * (p.xs[ids[j]] - p.xs[ids[i]])) / (by - ay)) inside = !inside;
  }
  return inside;
}
