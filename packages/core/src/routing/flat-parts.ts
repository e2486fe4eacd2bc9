import { CitygridError } from '../errors.ts';
import type { Grid, GridSet } from '../types.ts';
import { indexBuffer } from './arena.ts';

/**
 * A grid set's polygons on flat typed arrays, the form a binary grid file or a columnar store
 * can hand over without building nested GeoJSON arrays. Polygon *parts* are the unit: a
 * MultiPolygon grid has one part per polygon.
 */
export interface FlatGrids {
  /** x0, y0, x1, y1, … of every ring, each ring closed (its last vertex repeats its first). */
  coords: Float64Array;
  /** Vertex offset of ring r; ring r spans vertices ringStart[r] … ringStart[r + 1] − 1. */
  ringStart: Int32Array;
  /** Ring offset of part p: its rings are partRing[p] … partRing[p + 1] − 1 (outer first). */
  partRing: Int32Array;
  /** Grid index (into gridSet.grids) of each part. */
  partGrid: Int32Array;
}

/**
 * {@link FlatGrids} plus each part's bbox, what the router indexes. Parts, not grids, are
 * indexed: a multi-part grid's bbox spans its distant parts and would make it a candidate
 * everywhere in between.
 */
export interface FlatParts extends FlatGrids {
  /** minX, minY, maxX, maxY of each part (stride 4). */
  partBox: Float64Array;
  partCount: number;
}

/**
 * The polygons of a grid set on flat typed arrays, in grid order, for
 * `createRouter(gridSet, { flat })` or to store beside the grids (one read instead of parsing
 * GeoJSON again).
 * @example const flat = flattenGrids(gridSet); flat.partGrid.length // 110 (parts: one per polygon)
 */
export function flattenGrids(gridSet: GridSet): FlatGrids {
  const { partBox, partCount, ...flat } = flattenParts(gridSet);
  return flat;
}

/** Flattens a grid set's polygons into {@link FlatParts}. */
export function flattenParts(gridSet: GridSet): FlatParts {
  let vertices = 0;
  let rings = 0;
  let parts = 0;
  const grids = gridSet.grids;
  for (let g = 0; g < grids.length; g++) {
    const polygons = polygonsOf(grids[g].geometry);
    parts += polygons.length;
    for (let k = 0; k < polygons.length; k++) {
      rings += polygons[k].length;
      for (let q = 0; q < polygons[k].length; q++) vertices += polygons[k][q].length;
    }
  }
  const flat = allocate(vertices, rings, parts);
  const { coords, ringStart, partRing, partGrid, partBox } = flat;
  let v = 0;
  let r = 0;
  let p = 0;
  // Indexed loops, not for…of: at 15 M vertices the iterator protocol alone cost ~30 %.
  for (let g = 0; g < grids.length; g++) {
    const polygons = polygonsOf(grids[g].geometry);
    for (let k = 0; k < polygons.length; k++) {
      const polygon = polygons[k];
      partRing[p] = r;
      partGrid[p] = g;
      let minX = Infinity,
        minY = Infinity,
        maxX = -Infinity,
        maxY = -Infinity;
      for (let q = 0; q < polygon.length; q++) {
        const ring = polygon[q];
        ringStart[r++] = v;
        for (let i = 0; i < ring.length; i++) {
          const pos = ring[i];
          const x = pos[0];
          const y = pos[1];
          coords[2 * v] = x;
          coords[2 * v + 1] = y;
          v++;
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
      }
      partBox[4 * p] = minX;
      partBox[4 * p + 1] = minY;
      partBox[4 * p + 2] = maxX;
      partBox[4 * p + 3] = maxY;
      p++;
    }
  }
  ringStart[r] = v;
  partRing[p] = r;
  return flat;
}

/**
 * {@link FlatParts} over arrays a caller hands in (kept, not copied), after checking that they
 * are well formed and describe `grids`: offsets in range and increasing, rings closed with ≥ 4
 * vertices, and each grid's parts spanning exactly its bbox (which catches parts in another
 * grid order, or a grid without parts).
 */
export function flatPartsFrom(flat: FlatGrids, grids: readonly Grid[]): FlatParts {
  const { coords, ringStart, partRing, partGrid } = flat;
  const parts = partGrid.length;
  const rings = ringStart.length - 1;
  const bad = (what: string) =>
    CitygridError.of('CG_ERR_OPTION', {}, `flat: ${what}; build the flat arrays from this grid set (flattenGrids) or leave flat out`);
  if (rings < 0 || partRing.length !== parts + 1) throw bad(`ringStart needs rings + 1 offsets and partRing parts + 1 (${parts} parts)`);
  if (ringStart[0] !== 0 || partRing[0] !== 0 || partRing[parts] !== rings || 2 * ringStart[rings] !== coords.length)
    throw bad('the offsets must start at 0 and end at the last ring and the last vertex');
  const partBox = new Float64Array(indexBuffer(32 * parts));
  const gridBox = new Float64Array(4 * grids.length).fill(NaN);
  for (let p = 0; p < parts; p++) {
    const g = partGrid[p];
    if (!(g >= 0 && g < grids.length)) throw bad(`part ${p} names grid ${g}, not one of the ${grids.length} grids`);
    if (!(partRing[p + 1] > partRing[p])) throw bad(`part ${p} has no ring`);
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    for (let r = partRing[p]; r < partRing[p + 1]; r++) {
      const v0 = ringStart[r];
      const v1 = ringStart[r + 1] - 1;
      if (!(v1 - v0 >= 3) || coords[2 * v0] !== coords[2 * v1] || coords[2 * v0 + 1] !== coords[2 * v1 + 1])
        throw bad(`ring ${r} of part ${p} is not closed or has fewer than 4 vertices`);
      for (let v = v0; v <= v1; v++) {
        const x = coords[2 * v];
        const y = coords[2 * v + 1];
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
    partBox[4 * p] = minX;
    partBox[4 * p + 1] = minY;
    partBox[4 * p + 2] = maxX;
    partBox[4 * p + 3] = maxY;
    const b = 4 * g;
    if (!(gridBox[b] <= minX)) gridBox[b] = minX;
    if (!(gridBox[b + 1] <= minY)) gridBox[b + 1] = minY;
    if (!(gridBox[b + 2] >= maxX)) gridBox[b + 2] = maxX;
    if (!(gridBox[b + 3] >= maxY)) gridBox[b + 3] = maxY;
  }
  for (let g = 0; g < grids.length; g++) {
    const want = grids[g].bbox;
    for (let i = 0; i < 4; i++)
      if (gridBox[4 * g + i] !== want[i])
        throw bad(`the parts of grid ${grids[g].id} span [${[...gridBox.subarray(4 * g, 4 * g + 4)]}], its bbox is [${want}]`);
  }
  return { coords, ringStart, partRing, partGrid, partBox, partCount: parts };
}

/** Zeroed FlatParts arrays, all in one {@link indexBuffer} (one allocation, no collection). */
function allocate(vertices: number, rings: number, parts: number): FlatParts {
  // Float64 arrays first, so every view starts on an 8-byte boundary.
  const bytes = 16 * vertices + 32 * parts + 4 * (rings + 1) + 4 * (parts + 1) + 4 * parts;
  const buffer = indexBuffer(bytes);
  let at = 0;
  const f64 = (n: number) => {
    const a = new Float64Array(buffer, at, n);
    at += 8 * n;
    return a;
  };
  const i32 = (n: number) => {
    const a = new Int32Array(buffer, at, n);
    at += 4 * n;
    return a;
  };
  const coords = f64(2 * vertices);
  const partBox = f64(4 * parts);
  return { coords, partBox, ringStart: i32(rings + 1), partRing: i32(parts + 1), partGrid: i32(parts), partCount: parts };
}

function polygonsOf(geometry: GridSet['grids'][number]['geometry']): number[][][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}
