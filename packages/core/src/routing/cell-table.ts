import type { EdgeStripes } from './edge-stripes.ts';
import type { FlatParts } from './flat-parts.ts';
import { INSIDE, locateInPart } from './locate-in-part.ts';

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
  /** ≥ 0: the grid covering the whole cell; −1: no grid; ≤ −2: mixed, list −v − 2. */
  cells: Int32Array;
  /** Mixed list k holds parts lists[listStart[k]] … lists[listStart[k + 1] − 1]. */
  listStart: Int32Array;
  lists: Int32Array;
}

export const EMPTY = -1;

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
 * @param rank grid index → rank of the grid's id in code-unit order (the overlap tie-break)
 */
export function buildCellTable(flat: FlatParts, stripes: EdgeStripes, rank: Int32Array, cellsPerPart: number): CellTable {
  const t = emptyTable(flat, cellsPerPart);
  const nCells = t.nx * t.ny;
  const { coords, ringStart, partRing, partGrid, partBox, partCount } = flat;
  const count = new Int32Array(nCells + 1);
  const stamp = new Int32Array(nCells).fill(-1);
  const touched = new Uint8Array(nCells);
  let full: Int32Array = new Int32Array(1024); // (cell, part) pairs of cells lying wholly inside a part
  let fullLength = 0;

  const forEachTouchedCell = (p: number, visit: (cell: number) => void) => {
    for (let r = partRing[p]; r < partRing[p + 1]; r++) {
      for (let e = ringStart[r]; e < ringStart[r + 1] - 1; e++) {
        const ax = coords[2 * e], ay = coords[2 * e + 1], bx = coords[2 * e + 2], by = coords[2 * e + 3];
        const c0 = cellOf(t, Math.min(ax, bx), Math.min(ay, by));
        const c1 = cellOf(t, Math.max(ax, bx), Math.max(ay, by));
        const x0 = c0 % t.nx, y0 = (c0 - x0) / t.nx, x1 = c1 % t.nx, y1 = (c1 - x1) / t.nx;
        for (let cy = y0; cy <= y1; cy++) {
          for (let cx = x0, c = cy * t.nx + x0; cx <= x1; cx++, c++) {
            if (stamp[c] !== p) {
              stamp[c] = p;
              visit(c);
            }
          }
        }
      }
    }
  };

  // Pass 1: count candidates per cell; test the centre of each untouched cell in a part's bbox.
  for (let p = 0; p < partCount; p++) {
    forEachTouchedCell(p, (c) => {
      count[c]++;
      touched[c] = 1;
    });
    const c0 = cellOf(t, partBox[4 * p], partBox[4 * p + 1]);
    const c1 = cellOf(t, partBox[4 * p + 2], partBox[4 * p + 3]);
    const x0 = c0 % t.nx, y0 = (c0 - x0) / t.nx, x1 = c1 % t.nx, y1 = (c1 - x1) / t.nx;
    for (let cy = y0; cy <= y1; cy++) {
      const y = t.minY + (cy + 0.5) / t.scaleY;
      for (let cx = x0, c = cy * t.nx + x0; cx <= x1; cx++, c++) {
        if (stamp[c] === p) continue;
        if (!(locateInPart(flat, stripes, p, t.minX + (cx + 0.5) / t.scaleX, y) & INSIDE)) continue;
        count[c]++;
        if (fullLength + 2 > full.length) full = grow(full);
        full[fullLength++] = c;
        full[fullLength++] = p;
      }
    }
  }

  // A cell with one candidate that covers it wholly is answered by the table alone.
  let listCount = 0;
  let listLength = 0;
  for (let c = 0; c < nCells; c++) {
    if (count[c] === 0) t.cells[c] = EMPTY;
    else if (count[c] === 1 && !touched[c]) t.cells[c] = -3; // resolved below from `full`
    else {
      t.cells[c] = -2 - listCount++;
      listLength += count[c];
    }
  }
  for (let i = 0; i < fullLength; i += 2) {
    if (t.cells[full[i]] === -3) t.cells[full[i]] = partGrid[full[i + 1]];
  }

  // Pass 2: fill the mixed lists.
  t.listStart = new Int32Array(listCount + 1);
  for (let c = 0, k = 0; c < nCells; c++) if (t.cells[c] <= -2) t.listStart[++k] = count[c];
  for (let k = 0; k < listCount; k++) t.listStart[k + 1] += t.listStart[k];
  t.lists = new Int32Array(listLength);
  const fill = t.listStart.slice(0, listCount);
  stamp.fill(-1);
  const add = (c: number, p: number) => {
    const v = t.cells[c];
    if (v <= -2) t.lists[fill[-v - 2]++] = p;
  };
  for (let p = 0; p < partCount; p++) forEachTouchedCell(p, (c) => add(c, p));
  for (let i = 0; i < fullLength; i += 2) add(full[i], full[i + 1]);

  // Grid rank first: under overlapping input the first part that claims a point wins.
  for (let k = 0; k < listCount; k++) sortByRank(t.lists, t.listStart[k], t.listStart[k + 1], partGrid, rank);
  return t;
}

function emptyTable(flat: FlatParts, cellsPerPart: number): CellTable {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
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
  const target = Math.min(1 << 24, Math.max(1, flat.partCount * cellsPerPart));
  const side = Math.sqrt((w * h) / target) || Math.max(w, h) / target || 1;
  const nx = Math.max(1, Math.min(1 << 14, Math.ceil(w / side)));
  const ny = Math.max(1, Math.min(1 << 14, Math.ceil(h / side)));
  return {
    minX, minY, maxX, maxY, nx, ny,
    scaleX: maxX > minX ? nx / (maxX - minX) : 0,
    scaleY: maxY > minY ? ny / (maxY - minY) : 0,
    cells: new Int32Array(nx * ny),
    listStart: new Int32Array(1),
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
