import type { Position } from 'geojson';
import { metresPerDegree } from '../geom/local-metres.ts';

/**
 * Width of a polygon piece in metres: twice the radius of its largest inscribed circle, found
 * by a polylabel-style search (Agafonkin's quadtree of cells, best-first by the distance bound)
 * in a local metric frame (metres east and north at the piece's mid-latitude). Stops when no
 * cell can beat the best by more than 1 % or 1 mm; a long strip of even width needs one cell
 * per precision step along its length, so the search is capped at 200k cells.
 *
 * @param rings the piece's rings (outer first), WGS84 `[lon, lat]`
 * @returns `{ width_m, center }`, center being the circle's centre in `[lon, lat]`
 */
export function inscribedWidth(rings: Position[][]): { width_m: number; center: [number, number] } {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of rings[0]) {
    if (p[0] < minX) minX = p[0];
    if (p[1] < minY) minY = p[1];
    if (p[0] > maxX) maxX = p[0];
    if (p[1] > maxY) maxY = p[1];
  }
  const { kx, ky } = metresPerDegree((minY + maxY) / 2);
  const local = rings.map((r) => r.map((p) => [(p[0] - minX) * kx, (p[1] - minY) * ky]));
  const w = (maxX - minX) * kx, h = (maxY - minY) * ky;
  // Square cells of the short side, but at most 64 along the long one (a 1 km × 1 cm sliver).
  const cell = Math.max(Math.min(w, h), Math.max(w, h) / 64);
  const toLonLat = (x: number, y: number): [number, number] => [minX + x / kx, minY + y / ky];
  if (cell === 0) return { width_m: 0, center: toLonLat(0, 0) };
  const queue: Cell[] = [];
  const push = (x: number, y: number, half: number) => {
    const d = signedDistance(x, y, local);
    heapPush(queue, { x, y, half, d, max: d + half * Math.SQRT2 });
  };
  for (let x = 0; x < w; x += cell) for (let y = 0; y < h; y += cell) push(x + cell / 2, y + cell / 2, cell / 2);
  let best = centroidCell(local);
  for (let guard = 0; queue.length && guard < 200_000; guard++) {
    const c = heapPop(queue);
    if (c.d > best.d) best = c;
    if (c.max - best.d <= Math.max(1e-3, best.d * 0.01)) break; // the best-first order: nothing left can do better
    const half = c.half / 2;
    push(c.x - half, c.y - half, half);
    push(c.x + half, c.y - half, half);
    push(c.x - half, c.y + half, half);
    push(c.x + half, c.y + half, half);
  }
  return { width_m: Math.max(0, 2 * best.d), center: toLonLat(best.x, best.y) };
}

interface Cell { x: number; y: number; half: number; d: number; max: number }

function centroidCell(rings: number[][][]): Cell {
  const r = rings[0];
  let x = 0, y = 0;
  for (const p of r) { x += p[0]; y += p[1]; }
  x /= r.length; y /= r.length;
  const d = signedDistance(x, y, rings);
  return { x, y, half: 0, d, max: d };
}

/** Distance to the nearest ring edge, positive inside (even–odd over all rings), negative outside. */
function signedDistance(x: number, y: number, rings: number[][][]): number {
  let inside = false;
  let min = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i], b = ring[j];
      if ((a[1] > y) !== (b[1] > y) && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
      const dx = b[0] - a[0], dy = b[1] - a[1];
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / len2)) : 0;
      const d2 = (a[0] + t * dx - x) ** 2 + (a[1] + t * dy - y) ** 2;
      if (d2 < min) min = d2;
    }
  }
  return (inside ? 1 : -1) * Math.sqrt(min);
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
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      let mv = last.max;
      if (l < heap.length && heap[l].max > mv) { m = l; mv = heap[l].max; }
      if (r < heap.length && heap[r].max > mv) m = r;
      if (m === i) break;
      heap[i] = heap[m];
      i = m;
    }
    heap[i] = last;
  }
  return top;
}
