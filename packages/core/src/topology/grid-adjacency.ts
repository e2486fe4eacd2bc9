import { metresPerDegree } from '../geom/local-metres.ts';
import type { Grid, GridGeometry, GridSet } from '../types.ts';
import { CitygridError } from '../errors.ts';

/**
 * Which grids share a border, as a symmetric CSR graph over grid indexes: the neighbours of
 * grid `i` are `neighbours[offsets[i] … offsets[i + 1])`, ascending, and `length_m` holds the
 * length of each shared border at the same positions.
 */
export interface GridAdjacency {
  /** Grid ids in input order: index `i` is the `i`-th grid. */
  ids: string[];
  /** `n + 1` entries: where each grid's neighbour list starts. */
  offsets: Int32Array;
  /** Neighbour grid indexes, grid by grid, ascending within a grid. */
  neighbours: Int32Array;
  /** Shared border length in metres (WGS84), parallel to `neighbours`. */
  length_m: Float64Array;
}

/** Options of {@link gridAdjacency}. */
export interface GridAdjacencyOptions {
  /** [0] Borders shorter than this many metres do not make two grids neighbours. */
  minLength_m?: number;
}

const DEFAULTS: Required<GridAdjacencyOptions> = {
  minLength_m: 0, // any shared edge counts; a shared vertex alone never does
};

/**
 * Grids that share a border ("rook" contiguity), with the shared length in metres. Two grids
 * are neighbours when their rings have an edge in common with exactly the same two end
 * vertices, as every border of a valid citygrid tiling has (`validateCoverage` reports any
 * that does not as `edge-mismatch`); grids meeting only at a vertex are not neighbours. Holes
 * count like outer rings, so a grid filling another's hole neighbours it. Lengths are summed
 * over the shared edges, each measured in the local WGS84 frame at its midpoint (exact to a
 * few parts per million for edges under 10 km).
 *
 * Linear in the number of vertices: edges are keyed by exact vertex ids (a hash on the bits
 * of the doubles), so no geometry is intersected.
 *
 * @param grids a grid set or its grids (index `i` of the answer is `grids[i]`)
 * @param [options.minLength_m=0] drop borders shorter than this, in metres
 * @returns the adjacency as CSR arrays over grid indexes
 * @example
 * const adj = gridAdjacency(gridSet);
 * for (let k = adj.offsets[0]; k < adj.offsets[1]; k++) console.log(adj.ids[adj.neighbours[k]], adj.length_m[k]);
 */
export function gridAdjacency(grids: GridSet | readonly Grid[], options: GridAdjacencyOptions = {}): GridAdjacency {
  const opts = { ...DEFAULTS, ...options };
  if (!(opts.minLength_m >= 0)) throw CitygridError.of('CG_ERR_OPTION', {}, `minLength_m must be ≥ 0 metres, got ${options.minLength_m}`);
  const list = 'grids' in grids ? grids.grids : grids;
  const shared = sharedLengths(list);
  return toCsr(
    list.map((g) => g.id),
    shared,
    opts.minLength_m,
  );
}

/** Shared length per unordered pair of grid indexes `lo * n + hi`, in metres. */
function sharedLengths(grids: readonly Grid[]): Map<number, number> {
  const n = grids.length;
  const vertices = new VertexIds();
  // Edge key (lo vertex, hi vertex) → the first grid seen with it. A vertex count above 2^26
  // would overflow the key; 10k grids of the demo's size have ~2M vertices.
  const firstOwner = new Map<number, number>();
  const pairs = new Map<number, number>();
  const stride = 1 << 26;
  grids.forEach((grid, g) => {
    forEachEdge(grid.geometry, (ax, ay, bx, by) => {
      const a = vertices.id(ax, ay);
      const b = vertices.id(bx, by);
      if (a === b) return; // a repeated vertex: no edge
      if (vertices.size > stride) throw new RangeError(`more than ${stride} distinct vertices`);
      const key = a < b ? a * stride + b : b * stride + a;
      const owner = firstOwner.get(key);
      if (owner === undefined) return void firstOwner.set(key, g);
      if (owner === g) return; // the grid's own edge again (a ring touching itself)
      const pair = owner < g ? owner * n + g : g * n + owner;
      pairs.set(pair, (pairs.get(pair) ?? 0) + edgeMetres(ax, ay, bx, by));
    });
  });
  return pairs;
}

/** Calls `fn` with every ring edge of a Polygon or MultiPolygon, holes included. */
function forEachEdge(geometry: GridGeometry, fn: (ax: number, ay: number, bx: number, by: number) => void): void {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0; i + 1 < ring.length; i++) fn(ring[i][0], ring[i][1], ring[i + 1][0], ring[i + 1][1]);
    }
  }
}

/** Length of one edge in metres, in the local frame at its midpoint. */
function edgeMetres(ax: number, ay: number, bx: number, by: number): number {
  const { kx, ky } = metresPerDegree((ay + by) / 2);
  return Math.hypot((bx - ax) * kx, (by - ay) * ky);
}

/** Symmetric CSR from the pair lengths, neighbours ascending. */
function toCsr(ids: string[], pairs: Map<number, number>, minLength: number): GridAdjacency {
  const n = ids.length;
  const kept: Array<[number, number, number]> = [];
  for (const [key, length] of pairs) if (length > 0 && length >= minLength) kept.push([Math.floor(key / n), key % n, length]);
  const offsets = new Int32Array(n + 1);
  for (const [a, b] of kept) {
    offsets[a + 1]++;
    offsets[b + 1]++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const neighbours = new Int32Array(offsets[n]);
  const length_m = new Float64Array(offsets[n]);
  // Pairs arrive in hash order; each row is sorted once filled (rows are short).
  for (const [a, b, length] of kept) {
    neighbours[fill[a]] = b;
    length_m[fill[a]++] = length;
    neighbours[fill[b]] = a;
    length_m[fill[b]++] = length;
  }
  for (let i = 0; i < n; i++) sortRow(neighbours, length_m, offsets[i], offsets[i + 1]);
  return { ids, offsets, neighbours, length_m };
}

/** Insertion sort of one CSR row by neighbour index (rows are short: 4–8 in a tiling). */
function sortRow(neighbours: Int32Array, length: Float64Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const v = neighbours[i];
    const l = length[i];
    let j = i - 1;
    while (j >= start && neighbours[j] > v) {
      neighbours[j + 1] = neighbours[j];
      length[j + 1] = length[j];
      j--;
    }
    neighbours[j + 1] = v;
    length[j + 1] = l;
  }
}

/** Exact coordinate → vertex id, open addressing on the bits of the two doubles. */
class VertexIds {
  #xs = new Float64Array(1024);
  #ys = new Float64Array(1024);
  #slots = new Int32Array(2048).fill(-1);
  #count = 0;
  readonly #f64 = new Float64Array(2);
  readonly #u32 = new Uint32Array(this.#f64.buffer);

  get size(): number {
    return this.#count;
  }

  id(x: number, y: number): number {
    const mask = this.#slots.length - 1;
    let h = this.#hash(x, y) & mask;
    for (;;) {
      const v = this.#slots[h];
      if (v === -1) break;
      if (this.#xs[v] === x && this.#ys[v] === y) return v;
      h = (h + 1) & mask;
    }
    const v = this.#count++;
    if (v === this.#xs.length) this.#grow();
    this.#xs[v] = x;
    this.#ys[v] = y;
    if (2 * this.#count > this.#slots.length) this.#rehash();
    else this.#slots[h] = v;
    return v;
  }

  #hash(x: number, y: number): number {
    this.#f64[0] = x + 0; // +0 folds -0 into 0: the same point
    this.#f64[1] = y + 0;
    const u = this.#u32;
    const h = Math.imul(u[0], 0x9e3779b1) ^ Math.imul(u[1], 0x85ebca6b) ^ Math.imul(u[2], 0xc2b2ae35) ^ Math.imul(u[3], 0x27d4eb2f);
    return h ^ (h >>> 16);
  }

  #grow(): void {
    const xs = new Float64Array(this.#xs.length * 2);
    const ys = new Float64Array(this.#ys.length * 2);
    xs.set(this.#xs);
    ys.set(this.#ys);
    this.#xs = xs;
    this.#ys = ys;
  }

  #rehash(): void {
    this.#slots = new Int32Array(this.#slots.length * 2).fill(-1);
    const mask = this.#slots.length - 1;
    for (let v = 0; v < this.#count; v++) {
      let h = this.#hash(this.#xs[v], this.#ys[v]) & mask;
      while (this.#slots[h] !== -1) h = (h + 1) & mask;
      this.#slots[h] = v;
    }
  }
}
