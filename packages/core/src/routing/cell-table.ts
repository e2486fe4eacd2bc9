import type { EdgeStripes } from './edge-stripes.ts';
import type { Arena } from './arena.ts';
import type { FlatParts } from './flat-parts.ts';

/**
 * A uniform table of cells over all parts. A cell that no boundary touches and that lies in
 * one part stores that part's grid, so one read answers most points; a cell that boundaries
 * cross stores the list of parts to test, in grid-rank order.
 */
export interface CellTable {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Cells per degree along x and y. */
  scaleX: number;
  scaleY: number;
  nx: number;
  ny: number;
  /**
   * ≥ 0: the grid covering the whole cell; −1: no grid; ≤ −2: mixed, its list at lists[−v − 2]
   * (see {@link listAt}).
   */
  cells: Int32Array;
  /**
   * The mixed cells' lists, each a count then that many parts: the cell points straight at its
   * list, so a lookup reads the cell, then one line of the list (no offsets array between).
   */
  lists: Int32Array;
}

/** Offset in `t.lists` of a mixed cell's list (value `v` ≤ −2): count at it, parts after it. */
export const listAt = (v: number) => -v - 2;

export const EMPTY = -1;

const MIN_CELLS = 1 << 18;
// 2^24 cells (64 MB) bound the table for huge sets: ~150 per part at 100k parts. At 2^23 (~76
// per part) 100k-grid lookups ran 1.07 M/s against 1.44 M/s at 2^24 (CPU time, same process,
// loaded machine) for a build 15 % longer; the cap was set at 2^23 when every 64 MB of
// external memory cost a full collection of the caller's heap (arena.ts).
const MAX_CELLS = 1 << 24;

/** Cell index of a point, or −1 outside the table. Build and lookup share it bit for bit. */
export function cellOf(t: CellTable, x: number, y: number): number {
  // Written so that NaN fails too.
  if (!(x >= t.minX && x <= t.maxX && y >= t.minY && y <= t.maxY)) return -1;
  // The table's east and north edges belong to the last column and row.
  const cx = Math.min(t.nx - 1, Math.floor((x - t.minX) * t.scaleX));
  const cy = Math.min(t.ny - 1, Math.floor((y - t.minY) * t.scaleY));
  return cy * t.nx + cx;
}

/**
 * Builds the table with about `cellsPerPart` cells per part, square in metres.
 * One walk over the edges marks the cells each part's boundary touches (the cells of both
 * ends of an edge bound the cells it can cross); one scanline per cell row of each part's bbox
 * finds the untouched cells wholly inside it. No per-cell objects, no second edge walk.
 * @param rank grid index → rank of the grid's id in code-unit order (the overlap tie-break)
 */
export function buildCellTable(flat: FlatParts, stripes: EdgeStripes, rank: Int32Array, t: CellTable, arena: Arena): CellTable {
  const { nx } = t;
  const nCells = nx * t.ny;
  const { coords, ringStart, partRing, partGrid, partCount } = flat;
  // Every typed array allocated here counts as external memory, and each ~64 MB of it sets off
  // a full collection that re-marks the caller's GeoJSON heap (~0.7 s at 100k grids). So the
  // build keeps no cell-sized scratch array: vertex cells are recomputed instead of stored,
  // and `t.cells` holds first a part covering the whole cell (p + 1), then candidate counts.
  const cells = arena.int32(nCells);
  t.cells = cells;

  // Which cells of its bbox the current part's boundary touched: part p stamps p + 1 (no
  // clearing between parts). Sized for the largest part bbox, so it stays in cache.
  let boxCells = 1;
  for (let p = 0; p < partCount; p++) {
    const b = 4 * p;
    const w = column(t, flat.partBox[b + 2]) - column(t, flat.partBox[b]) + 1;
    const h = row(t, flat.partBox[b + 3]) - row(t, flat.partBox[b + 1]) + 1;
    if (w * h > boxCells) boxCells = w * h;
  }
  const stamp = new Int32Array(boxCells);
  // (cell, part) pairs touched by an edge, then extra whole covers (sized by cellTableInts).
  let pairs: Int32Array = arena.scratch;
  let pairLength = 0;
  const scratch = { xs: new Float64Array(64) };
  const scaleX = t.scaleX,
    scaleY = t.scaleY,
    minX = t.minX,
    minY = t.minY,
    lastCol = nx - 1,
    lastRow = t.ny - 1;

  // Parts in table order (by the row, then the column, of their bbox's south-west cell), so
  // neighbours in the loop write neighbouring cells: in input order (random at the bench's
  // Voronoi tiling) every part missed the cache on each of its cell rows, here and in the
  // candidate passes below. Lists are sorted by rank at the end, so order changes no answer.
  const order = tableOrder(flat, t);
  for (let q = 0; q < partCount; q++) {
    const p = order[q];
    const box = 4 * p;
    const col0 = column(t, flat.partBox[box]),
      col1 = column(t, flat.partBox[box + 2]);
    const row0 = row(t, flat.partBox[box + 1]),
      row1 = row(t, flat.partBox[box + 3]);
    const w = col1 - col0 + 1;
    const mark = p + 1;
    for (let r = partRing[p]; r < partRing[p + 1]; r++) {
      const v0 = ringStart[r];
      // The same clamp as column() and row(), inlined: this loop runs once per vertex.
      let ax = Math.max(0, Math.min(lastCol, Math.floor((coords[2 * v0] - minX) * scaleX)));
      let ay = Math.max(0, Math.min(lastRow, Math.floor((coords[2 * v0 + 1] - minY) * scaleY)));
      for (let e = v0, end = ringStart[r + 1] - 1; e < end; e++) {
        const bx = Math.max(0, Math.min(lastCol, Math.floor((coords[2 * e + 2] - minX) * scaleX)));
        const by = Math.max(0, Math.min(lastRow, Math.floor((coords[2 * e + 3] - minY) * scaleY)));
        // Most edges stay in one cell: nothing new unless they enter another.
        if (bx === ax && by === ay && e > v0) continue;
        const x0 = ax < bx ? ax : bx,
          x1 = ax < bx ? bx : ax;
        const y0 = ay < by ? ay : by,
          y1 = ay < by ? by : ay;
        ax = bx;
        ay = by;
        for (let cy = y0; cy <= y1; cy++) {
          for (let cx = x0, l = (cy - row0) * w + x0 - col0; cx <= x1; cx++, l++) {
            if (stamp[l] === mark) continue;
            stamp[l] = mark;
            if (pairLength + 2 > pairs.length) pairs = grow(pairs);
            pairs[pairLength++] = cy * nx + cx;
            pairs[pairLength++] = p;
          }
        }
      }
    }
    // Scanline through the centres of each row of the part's bbox cells: a centre is inside
    // when an odd number of the part's edges cross the row to its west.
    for (let cy = row0; cy <= row1; cy++) {
      const y = t.minY + (cy + 0.5) / t.scaleY;
      const n = rowCrossings(flat, stripes, p, y, scratch);
      const xs = scratch.xs;
      sortPrefix(xs, n);
      // A centre x is inside when xs[k] < x ≤ xs[k + 1] for an even k: visit only the columns
      // of those spans (the first found from an estimate, then settled by the same centre
      // formula), not every column of the bbox.
      for (let k = 0; k < n; k += 2) {
        const lo = xs[k];
        const hi = k + 1 < n ? xs[k + 1] : Infinity;
        let cx = Math.max(col0, Math.min(col1, Math.floor((lo - t.minX) * t.scaleX - 0.5)));
        while (cx > col0 && t.minX + (cx - 1 + 0.5) / t.scaleX > lo) cx--;
        while (cx <= col1 && t.minX + (cx + 0.5) / t.scaleX <= lo) cx++;
        for (let c = cy * nx + cx, l = (cy - row0) * w + cx - col0; cx <= col1 && t.minX + (cx + 0.5) / t.scaleX <= hi; cx++, c++, l++) {
          if (stamp[l] === mark) continue;
          if (cells[c] === 0) cells[c] = p + 1;
          else {
            // A second part covering the whole cell: overlapping input.
            if (pairLength + 2 > pairs.length) pairs = grow(pairs);
            pairs[pairLength++] = c;
            pairs[pairLength++] = p;
          }
        }
      }
    }
  }

  // Candidates per cell. A cell with pairs becomes −(its candidates): its pairs, and its first
  // whole cover, appended as one more pair. A cell left positive is covered wholly by one part
  // and touched by no boundary: the table alone answers it.
  const edgePairs = pairLength;
  for (let i = 0; i < edgePairs; i += 2) {
    const c = pairs[i];
    const v = cells[c];
    if (v < 0) cells[c] = v - 1;
    else {
      cells[c] = v > 0 ? -2 : -1;
      if (v > 0) {
        if (pairLength + 2 > pairs.length) pairs = grow(pairs);
        pairs[pairLength++] = c;
        pairs[pairLength++] = v - 1;
      }
    }
  }
  // Lists laid out in cell order, each a count slot then its parts; the count slot is the
  // fill cursor, so it ends as the count (order within a list does not matter: sorted below).
  let listLength = 0;
  for (let c = 0; c < nCells; c++) {
    const v = cells[c];
    if (v === 0) cells[c] = EMPTY;
    else if (v > 0) cells[c] = partGrid[v - 1];
    else {
      cells[c] = -2 - listLength;
      listLength += 1 - v;
    }
  }
  const lists = arena.int32(listLength);
  t.lists = lists;
  for (let i = 0; i < pairLength; i += 2) {
    const o = -cells[pairs[i]] - 2;
    lists[o + 1 + lists[o]++] = pairs[i + 1];
  }
  // Grid rank first: under overlapping input the first part that claims a point wins.
  for (let o = 0; o < listLength; o += 1 + lists[o]) sortByRank(lists, o + 1, o + 1 + lists[o], partGrid, rank);
  return t;
}

/** Parts sorted by (row, column) of their bbox's south-west cell: two counting sorts. */
function tableOrder(flat: FlatParts, t: CellTable): Int32Array {
  const n = flat.partCount;
  const byColumn = new Int32Array(n);
  const order = new Int32Array(n);
  const count = new Int32Array(Math.max(t.nx, t.ny) + 1);
  for (let p = 0; p < n; p++) count[column(t, flat.partBox[4 * p]) + 1]++;
  for (let i = 1; i < count.length; i++) count[i] += count[i - 1];
  for (let p = 0; p < n; p++) byColumn[count[column(t, flat.partBox[4 * p])]++] = p;
  count.fill(0);
  for (let p = 0; p < n; p++) count[row(t, flat.partBox[4 * p + 1]) + 1]++;
  for (let i = 1; i < count.length; i++) count[i] += count[i - 1];
  for (let k = 0; k < n; k++) {
    const p = byColumn[k];
    order[count[row(t, flat.partBox[4 * p + 1])]++] = p;
  }
  return order;
}

function column(t: CellTable, x: number): number {
  return Math.max(0, Math.min(t.nx - 1, Math.floor((x - t.minX) * t.scaleX)));
}

function row(t: CellTable, y: number): number {
  return Math.max(0, Math.min(t.ny - 1, Math.floor((y - t.minY) * t.scaleY)));
}

/**
 * x of every edge of part p crossing the horizontal line y (half-open in y, as the point
 * test), written to `scratch.xs` (grown when full); returns how many.
 */
function rowCrossings(flat: FlatParts, stripes: EdgeStripes, p: number, y: number, scratch: { xs: Float64Array }): number {
  const box = flat.partBox;
  if (y < box[4 * p + 1] || y > box[4 * p + 3]) return 0;
  const c = flat.coords;
  const s = Math.min(stripes.partStripes[p] - 1, Math.floor((y - box[4 * p + 1]) * stripes.partScale[p]));
  const slot = stripes.partBase[p] + s;
  let n = 0;
  for (let i = stripes.stripeStart[slot], end = stripes.stripeStart[slot + 1]; i < end; i++) {
    const e = stripes.edges[i];
    const ax = c[2 * e],
      ay = c[2 * e + 1],
      bx = c[2 * e + 2],
      by = c[2 * e + 3];
    if ((ay <= y && y < by) || (by <= y && y < ay)) {
      if (n === scratch.xs.length) {
        const bigger = new Float64Array(n * 2);
        bigger.set(scratch.xs);
        scratch.xs = bigger;
      }
      scratch.xs[n++] = ax + ((y - ay) * (bx - ax)) / (by - ay);
    }
  }
  return n;
}

function sortPrefix(a: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

/**
 * Int32 slots that {@link buildCellTable} takes from its arena: `kept` for the cells and lists
 * (the lists hold one entry per pair, so they are reserved at the pairs' estimate), `scratch`
 * for the (cell, part) pairs. A part's boundary touches ~5.5 √(cells per part) cells (62 of 128
 * at 10k bench grids, 47 of 76 at 100k); a set that needs more grows its arrays.
 */
export function cellTableInts(t: CellTable, partCount: number): { kept: number; scratch: number } {
  const nCells = t.nx * t.ny;
  const pairs = Math.max(512, partCount * Math.ceil(6 * Math.sqrt(nCells / Math.max(1, partCount)) + 8));
  return { kept: nCells + 2 * pairs, scratch: 2 * pairs };
}

/** The table's extent and cell size, ~`cellsPerPart` cells per part; its arrays still empty. */
export function planCellTable(flat: FlatParts, cellsPerPart: number): CellTable {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (let p = 0; p < flat.partCount; p++) {
    minX = Math.min(minX, flat.partBox[4 * p]);
    minY = Math.min(minY, flat.partBox[4 * p + 1]);
    maxX = Math.max(maxX, flat.partBox[4 * p + 2]);
    maxY = Math.max(maxY, flat.partBox[4 * p + 3]);
  }
  if (flat.partCount === 0) minX = minY = maxX = maxY = 0;
  // Square cells in metres: a degree of longitude is cos(lat) of a degree of latitude.
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const w = (maxX - minX) * k;
  const h = maxY - minY;
  // Small grid sets get finer cells: a quarter-million Int32 cells is 1 MB and makes nearly
  // every lookup a single read.
  const target = Math.min(MAX_CELLS, Math.max(MIN_CELLS, flat.partCount * cellsPerPart));
  const side = Math.sqrt((w * h) / target) || Math.max(w, h) / target || 1;
  const nx = Math.max(1, Math.min(1 << 14, Math.ceil(w / side)));
  const ny = Math.max(1, Math.min(1 << 14, Math.ceil(h / side)));
  return {
    minX,
    minY,
    maxX,
    maxY,
    nx,
    ny,
    scaleX: maxX > minX ? nx / (maxX - minX) : 0,
    scaleY: maxY > minY ? ny / (maxY - minY) : 0,
    cells: new Int32Array(0),
    lists: new Int32Array(0),
  };
}

function sortByRank(list: Int32Array, from: number, to: number, partGrid: Int32Array, rank: Int32Array): void {
  for (let i = from + 1; i < to; i++) {
    const p = list[i];
    const key = rank[partGrid[p]];
    let j = i - 1;
    while (j >= from && (rank[partGrid[list[j]]] > key || (rank[partGrid[list[j]]] === key && list[j] > p))) {
      list[j + 1] = list[j];
      j--;
    }
    list[j + 1] = p;
  }
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
