import type { Ring } from './rings.ts';
import { PARENT } from './rings.ts';

/**
 * Exact edge hashing: every directed ring edge, keyed by its endpoints' exact coordinates.
 * An undirected edge is *matched* when it occurs exactly once in each direction and the two
 * occurrences belong to different owners: one grid on each side (or a grid and the reversed
 * parent). By the boundary argument in docs/coverage.md, a set of valid grids whose edges are
 * all matched (with the parent), tiles the parent exactly: no further check is needed.
 *
 * Flat typed arrays, one slot per directed occurrence; vertices get ids by exact coordinates
 * (open addressing on the bits of the doubles).
 */
export interface EdgeTable {
  /** Per occurrence: start and end vertex ids, owner, ring index. */
  from: Int32Array;
  to: Int32Array;
  owner: Int32Array;
  ring: Int32Array;
  /** Per occurrence: 1 when matched. */
  matched: Uint8Array;
  /** Per occurrence: 1 when its undirected edge occurs exactly once in all (a border edge). */
  single: Uint8Array;
  /** Vertex coordinates by id. */
  xs: Float64Array;
  ys: Float64Array;
  count: number;
}

/** Builds the table and marks matched occurrences. */
export function buildEdgeTable(rings: Ring[]): EdgeTable {
  let n = 0;
  for (const r of rings) n += r.points.length;
  const vertices = new VertexTable(n);
  const from = new Int32Array(n),
    to = new Int32Array(n),
    owner = new Int32Array(n),
    ringOf = new Int32Array(n);
  let k = 0;
  rings.forEach((r, ri) => {
    const first = k;
    for (const p of r.points) {
      from[k] = vertices.id(p[0], p[1]);
      owner[k] = r.owner;
      ringOf[k] = ri;
      k++;
    }
    for (let e = first; e < k; e++) to[e] = from[e + 1 < k ? e + 1 : first];
  });
  const { matched, single } = matchEdges(from, to, owner, n, vertices.size);
  return { from, to, owner, ring: ringOf, matched, single, xs: vertices.xs, ys: vertices.ys, count: n };
}

/**
 * For each occurrence a→b, counts a→b among the ways out of a and b→a among the ways out of b
 * (CSR lists by start vertex). Vertices of a tiling have 2–4 ways out, so this is linear and
 * touches memory near the vertex: 3x faster than hashing 1.5 M undirected keys.
 */
function matchEdges(from: Int32Array, to: Int32Array, owner: Int32Array, n: number, vertexCount: number) {
  const start = new Int32Array(vertexCount + 1);
  for (let e = 0; e < n; e++) start[from[e] + 1]++;
  for (let v = 0; v < vertexCount; v++) start[v + 1] += start[v];
  const fill = start.slice(0, vertexCount);
  const out = new Int32Array(n);
  for (let e = 0; e < n; e++) out[fill[from[e]]++] = e;
  const matched = new Uint8Array(n),
    single = new Uint8Array(n);
  for (let e = 0; e < n; e++) {
    const a = from[e],
      b = to[e];
    let fwd = 0,
      rev = 0,
      revOwner = 0;
    for (let k = start[a]; k < start[a + 1]; k++) if (to[out[k]] === b) fwd++;
    for (let k = start[b]; k < start[b + 1]; k++)
      if (to[out[k]] === a) {
        rev++;
        revOwner = owner[out[k]];
      }
    if (fwd === 1 && rev === 1 && (revOwner !== owner[e] || owner[e] === PARENT)) matched[e] = 1;
    if (fwd + rev === 1) single[e] = 1;
  }
  return { matched, single };
}

/** Exact coordinate -> vertex id, open addressing on the bits of the two doubles. */
class VertexTable {
  xs: Float64Array;
  ys: Float64Array;
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  get size(): number {
    return this.count;
  }
  private readonly f64 = new Float64Array(2);
  private readonly u32 = new Uint32Array(this.f64.buffer);

  constructor(capacity: number) {
    this.xs = new Float64Array(capacity);
    this.ys = new Float64Array(capacity);
    const size = nextPow2(2 * capacity + 2);
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  id(x: number, y: number): number {
    this.f64[0] = x + 0; // +0 folds -0 into 0: the same point
    this.f64[1] = y + 0;
    const u = this.u32;
    let h = Math.imul(u[0], 0x9e3779b1) ^ Math.imul(u[1], 0x85ebca6b) ^ Math.imul(u[2], 0xc2b2ae35) ^ Math.imul(u[3], 0x27d4eb2f);
    h = (h ^ (h >>> 16)) & this.mask;
    for (;;) {
      const v = this.slots[h];
      if (v === -1) break;
      if (this.xs[v] === x && this.ys[v] === y) return v;
      h = (h + 1) & this.mask;
    }
    const v = this.count++;
    this.xs[v] = x;
    this.ys[v] = y;
    this.slots[h] = v;
    return v;
  }
}

function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
