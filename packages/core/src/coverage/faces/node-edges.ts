import { orient2d } from 'robust-predicates';

/**
 * Snap distance in degrees: 1e-10° (11 µm). Below it, differences are float noise (one ulp at
 * 109° is 1.4e-14°; `x0 + i*0.001` lattices differ by that; a computed crossing is off by
 * ~1e-13°); a vertex 1e-9° (0.1 mm) away, a real if tiny gap, is ten times farther and stays.
 */
export const SNAP_DEG = 1e-10;

/** Noded, weighted edges: each `from < to`, `weight` = occurrences from→to minus to→from. */
export interface NodedEdges {
  xs: number[];
  ys: number[];
  from: Int32Array;
  to: Int32Array;
  weight: Int32Array;
  count: number;
}

/**
 * Nodes directed segments the way GEOS's snapping noder does: endpoints within SNAP_DEG merge
 * (to the first seen), a vertex within SNAP_DEG of another segment splits it there, proper
 * crossings split both (again for the parts a split made, until nothing splits), then equal
 * edges sum their directions and those that cancel go. Each pass over a uniform grid of cells (each pair tested once, in the cell of its boxes' common
 * corner): linear in the segments for borders of even density, never pairwise over a cluster.
 *
 * @param seg flat `[ax, ay, bx, by]` per segment, degrees; each counts +1 in its direction
 * @param dividers segments that count 0 but are kept, split and splitting like the others (the
 *   matched borders inside an overlap: faces must not span two grids' shared border)
 */
export function nodeEdges(seg: Float64Array, dividers = new Float64Array(0)): NodedEdges {
  const weighted = seg.length / 4;
  if (dividers.length) {
    const all = new Float64Array(seg.length + dividers.length);
    all.set(seg);
    all.set(dividers, seg.length);
    seg = all;
  }
  const n = seg.length / 4;
  const snap = new SnapTable();
  let a: Int32Array = new Int32Array(n),
    b: Int32Array = new Int32Array(n),
    unit: Int8Array = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = snap.id(seg[4 * i], seg[4 * i + 1]);
    b[i] = snap.id(seg[4 * i + 2], seg[4 * i + 3]);
    unit[i] = i < weighted ? 1 : 0;
  }
  // Splitting a segment at a vertex that is only within SNAP_DEG of it (a neighbour's end, a
  // crossing snapped to a vertex nearby) bends it there, and the bent parts can cross segments
  // the straight one did not: two sides of a border drawn 1e-9° apart are nearly parallel, so a
  // bend of 1e-10° moves their crossing by millimetres to metres, and a pair that touched (and so
  // was not tested for a crossing) may cross after. One pass left such crossings unnoded; the
  // faces were then no planar graph and the winding carried across them was wrong (a 50 km² grid
  // read as a gap). So, as GEOS's IteratedNoder, node again the parts made by splits against
  // everything near them until a pass splits nothing. Later passes look for crossings only: a
  // vertex merely near a part breaks no face, and splitting there too never ends where three
  // vertices a little over SNAP_DEG apart each lie within SNAP_DEG of the opposite side (each
  // split turns a side into the other two, which the third vertex splits again).
  let fresh: Uint8Array | undefined; // undefined: the first pass, every pair
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const splits: Array<number[] | undefined> = new Array(a.length);
    let split = false;
    forEachNearPair(snap, a, b, (p, q) => {
      if (fresh && !fresh[p] && !fresh[q]) return; // both unchanged: done in an earlier pass
      if (nodePair(snap, a, b, splits, p, q, !fresh)) split = true;
    });
    if (!split) break;
    ({ a, b, unit, fresh } = splitSegments(snap, a, b, unit, splits));
  }
  return sumEdges(a, b, unit, snap);
}

/** Passes of {@link nodeEdges} at most: noise of 1e-9° settles in two or three. */
const MAX_PASSES = 16;

/**
 * Nodes the pair p, q by splits: a touch (with `touches`: an end on or within SNAP_DEG of the
 * other) or else a proper crossing; true when a split was added.
 */
function nodePair(
  snap: SnapTable,
  a: Int32Array,
  b: Int32Array,
  splits: Array<number[] | undefined>,
  p: number,
  q: number,
  touches: boolean,
): boolean {
  if (touches) {
    // Unrolled: the two segments' ends against each other (array literals here, per pair, were
    // a fifth of the noding's time on LA).
    const touched =
      touchesAt(snap, a, b, splits, p, a[q]) |
      touchesAt(snap, a, b, splits, p, b[q]) |
      touchesAt(snap, a, b, splits, q, a[p]) |
      touchesAt(snap, a, b, splits, q, b[p]);
    if (touched) return (touched & 2) !== 0;
  }
  const ax = snap.xs[a[p]],
    ay = snap.ys[a[p]],
    bx = snap.xs[b[p]],
    by = snap.ys[b[p]];
  const cx = snap.xs[a[q]],
    cy = snap.ys[a[q]],
    dx = snap.xs[b[q]],
    dy = snap.ys[b[q]];
  const o1 = orient2d(ax, ay, bx, by, cx, cy),
    o2 = orient2d(ax, ay, bx, by, dx, dy);
  if (o1 * o2 >= 0) return false;
  const o3 = orient2d(cx, cy, dx, dy, ax, ay),
    o4 = orient2d(cx, cy, dx, dy, bx, by);
  if (o3 * o4 >= 0) return false;
  const t = o3 / (o3 - o4); // along p, from the exact-sign areas: stable for steep crossings
  const v = snap.id(ax + (bx - ax) * t, ay + (by - ay) * t);
  const added = addSplit(a, b, splits, p, v) | addSplit(a, b, splits, q, v);
  return added !== 0;
}

/** 1 when vertex v is an end of segment s or lies on it, 2 when s is newly split there, else 0. */
function touchesAt(snap: SnapTable, a: Int32Array, b: Int32Array, splits: Array<number[] | undefined>, s: number, v: number): number {
  if (v === a[s] || v === b[s]) return 1;
  if (!nearSegment(snap, v, a[s], b[s])) return 0;
  return addSplit(a, b, splits, s, v) ? 2 : 1;
}

/** Adds v to segment s's splits: 1 when new, 0 when v is an end of s or already there. */
function addSplit(a: Int32Array, b: Int32Array, splits: Array<number[] | undefined>, s: number, v: number): number {
  if (v === a[s] || v === b[s]) return 0;
  let list = splits[s];
  if (list === undefined) {
    list = [];
    splits[s] = list;
  }
  if (list.includes(v)) return 0;
  list.push(v);
  return 1;
}

/**
 * Splits each segment at its points (ordered along it); the parts keep its unit and are marked
 * fresh, for the next pass of the noding.
 */
function splitSegments(
  snap: SnapTable,
  a: Int32Array,
  b: Int32Array,
  unit: Int8Array,
  splits: Array<number[] | undefined>,
): { a: Int32Array; b: Int32Array; unit: Int8Array; fresh: Uint8Array } {
  let n = a.length;
  for (const pts of splits) if (pts) n += pts.length;
  const na = new Int32Array(n),
    nb = new Int32Array(n),
    nu = new Int8Array(n),
    fresh = new Uint8Array(n);
  let k = 0;
  for (let s = 0; s < a.length; s++) {
    const pts = splits[s];
    if (!pts) {
      na[k] = a[s];
      nb[k] = b[s];
      nu[k++] = unit[s];
      continue;
    }
    const ax = snap.xs[a[s]],
      ay = snap.ys[a[s]],
      dx = snap.xs[b[s]] - ax,
      dy = snap.ys[b[s]] - ay;
    const order = pts.sort((u, v) => (snap.xs[u] - snap.xs[v]) * dx + (snap.ys[u] - snap.ys[v]) * dy); // along a→b
    let prev = a[s];
    for (const v of [...order, b[s]]) {
      na[k] = prev;
      nb[k] = v;
      nu[k] = unit[s];
      fresh[k++] = 1;
      prev = v;
    }
  }
  return { a: na, b: nb, unit: nu, fresh };
}

/** Sums equal edges' directions; edges of unit 0 (dividers) stay even when the sum is 0. */
function sumEdges(a: Int32Array, b: Int32Array, unit: Int8Array, snap: SnapTable): NodedEdges {
  const weights = new Map<number, number>();
  const kept = new Set<number>();
  for (let s = 0; s < a.length; s++) {
    const u = a[s],
      v = b[s];
    if (u === v) continue;
    const key = u < v ? u * 2 ** 26 + v : v * 2 ** 26 + u; // vertex ids < 2^26 (67 M)
    weights.set(key, (weights.get(key) ?? 0) + (u < v ? unit[s] : -unit[s]));
    if (!unit[s]) kept.add(key);
  }
  let count = 0;
  for (const [key, w] of weights) if (w !== 0 || kept.has(key)) count++;
  const from = new Int32Array(count),
    to = new Int32Array(count),
    weight = new Int32Array(count);
  let k = 0;
  for (const [key, w] of weights) {
    if (w === 0 && !kept.has(key)) continue;
    from[k] = Math.floor(key / 2 ** 26);
    to[k] = key % 2 ** 26;
    weight[k++] = w;
  }
  return { xs: snap.xs, ys: snap.ys, from, to, weight, count };
}

/** Whether vertex v lies within SNAP_DEG of the segment p–q (its interior: ends are checked apart). */
function nearSegment(snap: SnapTable, v: number, p: number, q: number): boolean {
  const x = snap.xs[v],
    y = snap.ys[v],
    ax = snap.xs[p],
    ay = snap.ys[p],
    dx = snap.xs[q] - ax,
    dy = snap.ys[q] - ay;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return false;
  const t = ((x - ax) * dx + (y - ay) * dy) / len2;
  if (t <= 0 || t >= 1) return false;
  return Math.hypot(ax + t * dx - x, ay + t * dy - y) <= SNAP_DEG;
}

/**
 * Calls `visit(p, q)` once for each pair of segments whose boxes (grown by SNAP_DEG) meet, by
 * a uniform grid of cells about as wide as the median segment (CSR lists, typed arrays).
 */
function forEachNearPair(snap: SnapTable, a: Int32Array, b: Int32Array, visit: (p: number, q: number) => void): void {
  const n = a.length;
  if (n < 2) return;
  const box = new Float64Array(4 * n);
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  const sizes = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const ax = snap.xs[a[s]],
      ay = snap.ys[a[s]],
      bx = snap.xs[b[s]],
      by = snap.ys[b[s]];
    box[4 * s] = Math.min(ax, bx) - SNAP_DEG;
    box[4 * s + 1] = Math.min(ay, by) - SNAP_DEG;
    box[4 * s + 2] = Math.max(ax, bx) + SNAP_DEG;
    box[4 * s + 3] = Math.max(ay, by) + SNAP_DEG;
    sizes[s] = Math.max(box[4 * s + 2] - box[4 * s], box[4 * s + 3] - box[4 * s + 1]);
    x0 = Math.min(x0, box[4 * s]);
    y0 = Math.min(y0, box[4 * s + 1]);
    x1 = Math.max(x1, box[4 * s + 2]);
    y1 = Math.max(y1, box[4 * s + 3]);
  }
  // Cells about the median segment's size, at most ~4 cells per segment in all.
  const median = sizes.sort()[n >> 1];
  const cell = Math.max(median, Math.sqrt(((x1 - x0) * (y1 - y0)) / (4 * n)), 1e-12);
  const cols = Math.max(1, Math.ceil((x1 - x0) / cell)),
    rows = Math.max(1, Math.ceil((y1 - y0) / cell));
  const cx = (x: number) => Math.min(cols - 1, Math.floor((x - x0) / cell));
  const cy = (y: number) => Math.min(rows - 1, Math.floor((y - y0) / cell));
  const start = new Int32Array(cols * rows + 1);
  const each = (s: number, f: (c: number) => void) => {
    for (let j = cy(box[4 * s + 1]); j <= cy(box[4 * s + 3]); j++)
      for (let i = cx(box[4 * s]); i <= cx(box[4 * s + 2]); i++) f(j * cols + i);
  };
  for (let s = 0; s < n; s++) each(s, (c) => start[c + 1]++);
  for (let c = 0; c < cols * rows; c++) start[c + 1] += start[c];
  const fill = start.slice(0, cols * rows);
  const list = new Int32Array(start[cols * rows]);
  for (let s = 0; s < n; s++)
    each(s, (c) => {
      list[fill[c]++] = s;
    });
  for (let c = 0; c < cols * rows; c++) {
    for (let i = start[c]; i < start[c + 1]; i++) {
      const p = list[i];
      for (let k = i + 1; k < start[c + 1]; k++) {
        const q = list[k];
        const lx = Math.max(box[4 * p], box[4 * q]),
          ly = Math.max(box[4 * p + 1], box[4 * q + 1]);
        if (lx > Math.min(box[4 * p + 2], box[4 * q + 2]) || ly > Math.min(box[4 * p + 3], box[4 * q + 3])) continue;
        if (cy(ly) * cols + cx(lx) !== c) continue; // the pair is met in several cells: visit it in one
        visit(p, q);
      }
    }
  }
}

/** Vertex ids by position, merging a point into the first vertex within SNAP_DEG (cells of SNAP_DEG). */
class SnapTable {
  xs: number[] = [];
  ys: number[] = [];
  private head = new Map<number, number>();
  private next: number[] = [];

  id(x: number, y: number): number {
    const i = Math.floor(x / SNAP_DEG),
      j = Math.floor(y / SNAP_DEG);
    for (let di = -1; di <= 1; di++) {
      for (let dj = -1; dj <= 1; dj++) {
        for (let v = this.head.get(key(i + di, j + dj)) ?? -1; v >= 0; v = this.next[v]) {
          if (Math.hypot(this.xs[v] - x, this.ys[v] - y) <= SNAP_DEG) return v;
        }
      }
    }
    const v = this.xs.length,
      k = key(i, j);
    this.xs.push(x);
    this.ys.push(y);
    this.next.push(this.head.get(k) ?? -1);
    this.head.set(k, v);
    return v;
  }
}

/** A cell's key: 26 bits of each index (cells 2^26 apart share a key; the distance test sorts them out). */
function key(i: number, j: number): number {
  const m = 2 ** 26;
  return (((i % m) + m) % m) * m + (((j % m) + m) % m);
}
