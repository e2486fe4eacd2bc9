import type { Position } from 'geojson';
import { metresPerDegree } from '../../geom/local-metres.ts';
import { exactInscribedCircle, signedDistance } from './exact-inscribed-circle.ts';

/**
 * Width of a polygon piece in metres: twice the radius of its largest inscribed circle, found
 * by a polylabel-style search (Agafonkin's quadtree of cells, best-first by the distance bound)
 * in a local metric frame (metres east and north at the piece's mid-latitude). Stops when no
 * cell can beat the best by more than 1 % or 1 mm. A long strip of even width needs one cell
 * per precision step along its length: when 4,000 cells do not settle it, a piece with at
 * most MAX_EXACT_SITES edges and reflex vertices is solved exactly, a larger one searched on
 * to 200k cells.
 *
 * @param rings the piece's rings (outer first), WGS84 `[lon, lat]`
 * @returns `{ width_m, center }`, center being the circle's centre in `[lon, lat]`
 */
export function inscribedWidth(rings: Position[][]): { width_m: number; center: [number, number] } {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const p of rings[0]) {
    if (p[0] < minX) minX = p[0];
    if (p[1] < minY) minY = p[1];
    if (p[0] > maxX) maxX = p[0];
    if (p[1] > maxY) maxY = p[1];
  }
  const { kx, ky } = metresPerDegree((minY + maxY) / 2);
  const local = rings.map((r) => r.map((p) => [(p[0] - minX) * kx, (p[1] - minY) * ky]));
  const w = (maxX - minX) * kx,
    h = (maxY - minY) * ky;
  const toLonLat = (x: number, y: number): [number, number] => [minX + x / kx, minY + y / ky];
  // A fat piece converges in a few dozen cells; a thin one (a plateau along its length) does
  // not, and is solved exactly when small (Los Angeles' slivers: 46 s of capped searches → 0.1 s).
  // No circle is larger than the area allows (π r² ≤ A): the exact search's reach.
  const area = Math.abs(ringArea(local[0]));
  const thin = (4 * Math.PI * area) / perimeter(local[0]) ** 2 < THIN;
  if (thin) {
    const exact = exactInscribedCircle(local, undefined, Math.sqrt(area / Math.PI));
    if (exact) return { width_m: 2 * exact.r, center: toLonLat(exact.x, exact.y) };
  }
  let found = quadtreeSearch(local, w, h, QUICK_CELLS);
  if (!found.converged) {
    const exact = thin
      ? null
      : exactInscribedCircle(local, { x: found.x, y: found.y, r: found.d }, Math.min(found.upper, Math.sqrt(area / Math.PI)));
    found = exact ? { x: exact.x, y: exact.y, d: exact.r, upper: exact.r, converged: true } : quadtreeSearch(local, w, h, MAX_CELLS);
  }
  return { width_m: Math.max(0, 2 * found.d), center: toLonLat(found.x, found.y) };
}

// Cells tried before the exact solution: most fat Los Angeles pieces settle in fewer; 4,000 made
// the whole run 4× slower on thin ones (2.4 s vs 0.65 s), 100 no faster than 300.
const QUICK_CELLS = 64;
// Isoperimetric quotient 4πA/P² (1 for a disc, πw/L for a long strip) under which a piece goes
// to the exact search first: a strip 60 times longer than wide.
const THIN = 0.05;
// A long strip of even width needs one cell per precision step along its length.
const MAX_CELLS = 200_000;

/** The best-first quadtree search (local metres), stopped after `cap` cells. */
function quadtreeSearch(
  local: number[][][],
  w: number,
  h: number,
  cap: number,
): { x: number; y: number; d: number; upper: number; converged: boolean } {
  // Square cells of the short side, but at most 64 along the long one (a 1 km × 1 cm sliver).
  const cell = Math.max(Math.min(w, h), Math.max(w, h) / 64);
  if (cell === 0) return { x: 0, y: 0, d: 0, upper: 0, converged: true };
  const queue: Cell[] = [];
  const push = (x: number, y: number, half: number) => {
    const d = signedDistance(x, y, local);
    heapPush(queue, { x, y, half, d, max: d + half * Math.SQRT2 });
  };
  for (let x = 0; x < w; x += cell) for (let y = 0; y < h; y += cell) push(x + cell / 2, y + cell / 2, cell / 2);
  let best = centroidCell(local);
  for (let guard = 0; queue.length; guard++) {
    const c = heapPop(queue);
    if (c.d > best.d) best = c;
    if (c.max - best.d <= Math.max(1e-3, best.d * 0.01)) break; // the best-first order: nothing left can do better
    if (guard >= cap) return { x: best.x, y: best.y, d: best.d, upper: Math.max(c.max, best.d), converged: false };
    const half = c.half / 2;
    push(c.x - half, c.y - half, half);
    push(c.x + half, c.y - half, half);
    push(c.x - half, c.y + half, half);
    push(c.x + half, c.y + half, half);
  }
  return { x: best.x, y: best.y, d: best.d, upper: best.d, converged: true };
}

function perimeter(ring: number[][]): number {
  let p = 0;
  for (let i = 1; i < ring.length; i++) p += Math.hypot(ring[i][0] - ring[i - 1][0], ring[i][1] - ring[i - 1][1]);
  return p;
}

function ringArea(ring: number[][]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return a / 2;
}

interface Cell {
  x: number;
  y: number;
  half: number;
  d: number;
  max: number;
}

function centroidCell(rings: number[][][]): Cell {
  const r = rings[0];
  let x = 0,
    y = 0;
  for (const p of r) {
    x += p[0];
    y += p[1];
  }
  x /= r.length;
  y /= r.length;
  const d = signedDistance(x, y, rings);
  return { x, y, half: 0, d, max: d };
}

// A max-heap on `max` (the cell's upper bound).
function heapPush(heap: Cell[], c: Cell): void {
  heap.push(c);
  let i = heap.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (heap[p].max >= c.max) break;
    heap[i] = heap[p];
    i = p;
  }
  heap[i] = c;
}

function heapPop(heap: Cell[]): Cell {
  const top = heap[0];
  const last = heap.pop()!;
  if (heap.length) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1,
        r = l + 1;
      let m = i;
      let mv = last.max;
      if (l < heap.length && heap[l].max > mv) {
        m = l;
        mv = heap[l].max;
      }
      if (r < heap.length && heap[r].max > mv) m = r;
      if (m === i) break;
      heap[i] = heap[m];
      i = m;
    }
    heap[i] = last;
  }
  return top;
}
