import type { EqualAreaPlane } from '../geom/equal-area-plane.ts';
import { latticeCorners, type Lattice, type LatticeCell, type Points } from './lattice.ts';

const SQRT3 = Math.sqrt(3);
// Corners of a pointy-top hexagon counter-clockwise from 330°, in units of (size·√3/2, size/2)
// from its centre; every corner of the lattice has integer coordinates in these units.
const CORNERS = [
  [1, -1],
  [1, 1],
  [0, 2],
  [-1, 1],
  [-1, -1],
  [0, -2],
];
// Axial (q, r) step to the neighbour across edge k (corner k → k + 1): E, NE, NW, W, SW, SE.
const STEPS = [
  [1, 0],
  [0, 1],
  [-1, 1],
  [-1, 0],
  [0, -1],
  [1, -1],
];

/**
 * Pointy-top regular hexagons of edge `size` metres (area 3√3/2·size², 2.598·size²; rows
 * 1.5·size apart, neighbours √3·size apart). Cell (q, r) in axial coordinates has its centre at
 * (ox + √3·size·(q + r/2), oy + 1.5·size·r). Corners are computed once from integer
 * coordinates, so every cell sharing a corner gets the same bits.
 *
 * @param box `[minX, minY, maxX, maxY]` of the area in the plane: bounds the candidates
 */
export function hexLattice(
  plane: EqualAreaPlane,
  points: Points,
  size: number,
  origin: [number, number],
  box: [number, number, number, number],
): Lattice {
  const [ox, oy] = origin;
  const corner = latticeCorners(plane, points, origin, (size * SQRT3) / 2, size / 2);
  const cells = new Map<string, LatticeCell>();
  const qr = (key: string) => key.split(',').map(Number) as [number, number];
  const rowOf = (y: number) => (y - oy) / (1.5 * size);
  const colOf = (x: number, r: number) => (x - ox) / (SQRT3 * size) - r / 2;
  return {
    plane,
    points,
    cell(key) {
      let c = cells.get(key);
      if (!c) {
        const [q, r] = qr(key);
        const [a, b] = [2 * q + r, 3 * r];
        c = { key, corners: CORNERS.map(([da, db]) => corner(a + da, b + db)) };
        cells.set(key, c);
      }
      return c;
    },
    neighbour(cell, k) {
      const [q, r] = qr(cell.key);
      return `${q + STEPS[k][0]},${r + STEPS[k][1]}`;
    },
    locate(x, y) {
      const r = rowOf(y);
      const [q, rr] = cubeRound(colOf(x, r), r);
      return `${q},${rr}`;
    },
    *candidates() {
      const r0 = Math.floor(rowOf(box[1])) - 1,
        r1 = Math.ceil(rowOf(box[3])) + 1;
      for (let r = r1; r >= r0; r--) {
        const q0 = Math.floor(colOf(box[0], r)) - 1,
          q1 = Math.ceil(colOf(box[2], r)) + 1;
        for (let q = q0; q <= q1; q++) yield `${q},${r}`;
      }
    },
    rowCol: (key) => {
      const [q, r] = qr(key);
      return [r, 2 * q + r];
    },
  };
}

/** How many hexagons of edge `size` metres {@link hexLattice} would consider over a box. */
export function hexCount(size: number, box: [number, number, number, number]): number {
  return (Math.ceil((box[3] - box[1]) / (1.5 * size)) + 4) * (Math.ceil((box[2] - box[0]) / (SQRT3 * size)) + 4);
}

/** The hexagon of fractional axial coordinates (q, r): cube rounding. */
function cubeRound(q: number, r: number): [number, number] {
  const s = -q - r;
  let [rq, rr, rs] = [Math.round(q), Math.round(r), Math.round(s)];
  const [dq, dr, ds] = [Math.abs(rq - q), Math.abs(rr - r), Math.abs(rs - s)];
  if (dq > dr && dq > ds) rq = -rr - rs;
  else if (dr > ds) rr = -rq - rs;
  return [rq, rr];
}
