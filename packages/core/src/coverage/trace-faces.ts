import type { Position } from 'geojson';
import { insideRing } from '../geom/inside-ring.ts';
import { signedArea } from './rings.ts';

/**
 * Splits polygons at their pinch points into faces. Polygon clipping returns a region that is
 * connected only through a single point (four grids touching at corners around a hole) as one
 * polygon whose holes touch: for coverage, a point joins nothing, so that hole is a gap of its
 * own. Every ring edge is re-traced with the interior on its left; at a vertex with several
 * ways out, the one next clockwise from the way back is taken, which keeps each face tight.
 * Counter-clockwise cycles are faces; clockwise ones are holes, given to the smallest face
 * around them.
 *
 * @param polygons MultiPolygon coordinates, shells counter-clockwise and holes clockwise
 */
export function traceFaces(polygons: Position[][][]): Position[][][] {
  const points: Position[] = [];
  const ids = new Map<string, number>();
  const idOf = (p: Position) => {
    const key = `${p[0]},${p[1]}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = points.length;
      ids.set(key, id);
      points.push(p);
    }

    return id;
  };
  const edges: Array<[number, number]> = [];
  const out = new Map<number, number[]>();
  for (const rings of polygons) {
    for (const ring of rings) {
      const n = ring.length - 1; // closed rings
      for (let i = 0; i < n; i++) {
        const a = idOf(ring[i]),
          b = idOf(ring[i + 1]);
        if (a === b) continue;
        out.set(a, [...(out.get(a) ?? []), edges.length]);
        edges.push([a, b]);
      }
    }
  }
  const used = new Uint8Array(edges.length);
  const shells: Position[][] = [];
  const holes: Position[][] = [];
  for (let start = 0; start < edges.length; start++) {
    if (used[start]) continue;
    const cycle: Position[] = [];
    let e = start;
    while (!used[e]) {
      used[e] = 1;
      const [a, b] = edges[e];
      cycle.push(points[a]);
      e = nextEdge(points, edges, out.get(b) ?? [], a, b);
      if (e < 0) break;
    }
    if (cycle.length < 3) continue;
    cycle.push(cycle[0]);
    (signedArea(cycle) > 0 ? shells : holes).push(cycle);
  }
  const faces = shells.map((s) => [s]);
  for (const hole of holes) {
    let best = -1,
      bestArea = Infinity;
    shells.forEach((s, i) => {
      const area = signedArea(s);
      if (area < bestArea && holeInside(s, hole)) {
        best = i;
        bestArea = area;
      }
    });
    if (best >= 0) faces[best].push(hole);
  }
  return faces;
}

/** The way out of b that comes first clockwise from the way back (b → a); used or not, so cycles close. */
function nextEdge(points: Position[], edges: Array<[number, number]>, candidates: number[], a: number, b: number): number {
  const [bx, by] = points[b];
  const back = Math.atan2(points[a][1] - by, points[a][0] - bx);
  let best = -1,
    bestTurn = Infinity;
  for (const e of candidates) {
    const [, c] = edges[e];
    const dir = Math.atan2(points[c][1] - by, points[c][0] - bx);
    let turn = back - dir; // clockwise angle from the way back
    while (turn <= 0) turn += 2 * Math.PI;
    while (turn > 2 * Math.PI) turn -= 2 * Math.PI;
    if (turn < bestTurn) {
      bestTurn = turn;
      best = e;
    }
  }
  return best;
}

/** True when the hole lies inside the shell: a hole vertex that is not on the shell, tested. */
function holeInside(shell: Position[], hole: Position[]): boolean {
  const onShell = new Set(shell.map((p) => `${p[0]},${p[1]}`));
  for (const p of hole) if (!onShell.has(`${p[0]},${p[1]}`)) return insideRing(shell, p[0], p[1]);
  // All vertices shared: test an edge midpoint.
  const m = [(hole[0][0] + hole[1][0]) / 2, (hole[0][1] + hole[1][1]) / 2];
  return insideRing(shell, m[0], m[1]);
}
