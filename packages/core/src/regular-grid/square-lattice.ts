import type { EqualAreaPlane } from '../geom/equal-area-plane.ts';
import { latticeCorners, type Lattice, type LatticeCell, type Points } from './lattice.ts';

/**
 * Squares of side `size` metres in the plane, cell (i, j) spanning x ∈ [ox + i·size, ox +
 * (i+1)·size], y likewise. Corner (i, j) is computed once, from its integer indexes, so every
 * cell sharing it gets the same bits.
 *
 * @param box `[minX, minY, maxX, maxY]` of the area in the plane: bounds the candidates
 */
export function squareLattice(
  plane: EqualAreaPlane,
  points: Points,
  size: number,
  origin: [number, number],
  box: [number, number, number, number],
): Lattice {
  const [ox, oy] = origin;
  const corner = latticeCorners(plane, points, origin, size, size);
  const cells = new Map<string, LatticeCell>();
  const ij = (key: string) => key.split(',').map(Number) as [number, number];
  // Edges counter-clockwise from the bottom: south, east, north, west neighbours.
  const STEPS = [
    [0, -1],
    [1, 0],
    [0, 1],
    [-1, 0],
  ];
  return {
    plane,
    points,
    cell(key) {
      let c = cells.get(key);
      if (!c) {
        const [i, j] = ij(key);
        c = { key, corners: [corner(i, j), corner(i + 1, j), corner(i + 1, j + 1), corner(i, j + 1)] };
        cells.set(key, c);
      }
      return c;
    },
    neighbour(cell, k) {
      const [i, j] = ij(cell.key);
      return `${i + STEPS[k][0]},${j + STEPS[k][1]}`;
    },
    locate: (x, y) => `${Math.floor((x - ox) / size)},${Math.floor((y - oy) / size)}`,
    *candidates() {
      const [i0, j0] = [Math.floor((box[0] - ox) / size), Math.floor((box[1] - oy) / size)];
      const [i1, j1] = [Math.floor((box[2] - ox) / size), Math.floor((box[3] - oy) / size)];
      for (let j = j1; j >= j0; j--) for (let i = i0; i <= i1; i++) yield `${i},${j}`;
    },
    rowCol: (key) => {
      const [i, j] = ij(key);
      return [j, i];
    },
  };
}

/** How many squares of `size` metres {@link squareLattice} would consider over a box. */
export function squareCount(size: number, box: [number, number, number, number]): number {
  return (Math.floor((box[2] - box[0]) / size) + 2) * (Math.floor((box[3] - box[1]) / size) + 2);
}
