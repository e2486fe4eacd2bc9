import type { SegmentIndex } from './segment-index.ts';

/** Where the load is, for refining the lattice: points in the mesh's planar frame. */
export interface LoadDensity {
  /** Flat `[x, y, …]` in metres. */
  xy: Float64Array;
  weight: Float64Array;
  /** A lattice cell holding more load than this is cut in four (recursively). */
  maxLoad: number;
  /** …unless it is already this small (metres across). */
  minSize: number;
}

// Steiner points are jittered by up to this fraction of their cell on each axis: breaks the
// lattice's regularity (and its co-circular quadruples) but keeps points well apart.
const JITTER = 0.2;

/**
 * A jittered triangular lattice of `spacing` metres clipped to the rings, keeping only points at
 * least half their cell's width from every ring edge. With a `density`, each lattice cell (the
 * spacing × spacing·√3/2 brick around a lattice point) holding more than `maxLoad` is split in
 * four, recursively, each leaf keeping one point at its centre: the mesh gets fine where the
 * load is concentrated, so that balancing can move small amounts of it (a market of 3,000
 * reports within 60 m needs ~10 m triangles). Points also keep half their cell's width from
 * the `avoid` segments (cut lines, constrained later). Returned as lon/lat rounded to 1e-7° (about
 * 1 cm): shorter files, and the same numbers whichever piece later writes the vertex.
 */
export function steinerPoints(
  index: SegmentIndex,
  bbox: [number, number, number, number],
  spacing: number,
  rng: () => number,
  toLonLat: (x: number, y: number) => [number, number],
  density?: LoadDensity,
  avoid?: SegmentIndex,
): number[] {
  const [minX, minY, maxX, maxY] = bbox;
  const dy = (spacing * Math.sqrt(3)) / 2;
  const ox = rng() * spacing;
  const oy = rng() * dy;
  const out: number[] = [];
  const emit = (x: number, y: number, size: number) => {
    if (!index.inside(x, y) || index.near(x, y, size / 2) || avoid?.near(x, y, size / 2)) return;
    const [lon, lat] = toLonLat(x, y);
    out.push(Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7);
  };
  // With a density the lattice reaches one cell beyond the box: a cell centred outside may
  // still have refined children inside.
  const margin = density ? 1 : 0;
  const cols = Math.floor((maxX - minX) / spacing) + 2 * margin + 2;
  const buckets = density && bucketByCell(density, minX + ox, minY + oy, spacing, dy, margin, cols);
  for (let row = -margin, y0 = minY + oy - margin * dy; y0 <= maxY + margin * dy; row++, y0 += dy) {
    const x00 = minX + ox + (row & 1 ? spacing / 2 : 0) - margin * spacing;
    for (let col = -margin, x0 = x00; x0 <= maxX + margin * spacing; col++, x0 += spacing) {
      const x = x0 + (rng() * 2 - 1) * JITTER * spacing;
      const y = y0 + (rng() * 2 - 1) * JITTER * spacing;
      const ids = buckets?.get((row + margin) * cols + col + margin);
      if (ids && density && loadOf(ids, density.weight) > density.maxLoad && spacing / 2 >= density.minSize) {
        refine(x0, y0, spacing, dy, ids, density, rng, emit);
      } else {
        emit(x, y, spacing);
      }
    }
  }
  return out;
}

/** Cuts a cell (centre, width, height) holding the points `ids` into four, while it is too heavy. */
function refine(
  cx: number,
  cy: number,
  w: number,
  h: number,
  ids: number[],
  d: LoadDensity,
  rng: () => number,
  emit: (x: number, y: number, size: number) => void,
): void {
  const quarters: number[][] = [[], [], [], []];
  for (const i of ids) quarters[(d.xy[2 * i] >= cx ? 1 : 0) + (d.xy[2 * i + 1] >= cy ? 2 : 0)].push(i);
  for (let q = 0; q < 4; q++) {
    const x = cx + (q & 1 ? w / 4 : -w / 4);
    const y = cy + (q & 2 ? h / 4 : -h / 4);
    const jx = (rng() * 2 - 1) * JITTER * (w / 2);
    const jy = (rng() * 2 - 1) * JITTER * (h / 2);
    if (quarters[q].length && loadOf(quarters[q], d.weight) > d.maxLoad && w / 4 >= d.minSize)
      refine(x, y, w / 2, h / 2, quarters[q], d, rng, emit);
    else emit(x + jx, y + jy, w / 2);
  }
}

function loadOf(ids: number[], weight: Float64Array): number {
  let s = 0;
  for (const i of ids) s += weight[i];
  return s;
}

/** Points grouped by the lattice cell they fall in, keyed by (row + margin) · cols + col + margin. */
function bucketByCell(
  d: LoadDensity,
  x0: number,
  y0: number,
  spacing: number,
  dy: number,
  margin: number,
  cols: number,
): Map<number, number[]> {
  const buckets = new Map<number, number[]>();
  const n = d.weight.length;
  for (let i = 0; i < n; i++) {
    const row = Math.round((d.xy[2 * i + 1] - y0) / dy);
    const col = Math.round((d.xy[2 * i] - x0 - (row & 1 ? spacing / 2 : 0)) / spacing);
    if (row < -margin || col < -margin || col + margin >= cols) continue;
    const key = (row + margin) * cols + col + margin;
    const list = buckets.get(key);
    if (list) list.push(i);
    else buckets.set(key, [i]);
  }
  return buckets;
}
