import type { EqualAreaPlane } from '../geom/equal-area-plane.ts';

/**
 * The vertices of a clipped lattice, each stored once: plane coordinates (metres) for the
 * geometry, lon/lat (degrees) for the output. Cells refer to vertices by id, so two cells
 * sharing a corner or a crossing point write it with the same bits.
 */
export class Points {
  readonly xs: number[] = [];
  readonly ys: number[] = [];
  readonly lons: number[] = [];
  readonly lats: number[] = [];

  /** Adds a vertex and returns its id. */
  add(x: number, y: number, lon: number, lat: number): number {
    this.xs.push(x);
    this.ys.push(y);
    this.lons.push(lon);
    this.lats.push(lat);
    return this.xs.length - 1;
  }

  /** Adds a plane point, its lon/lat computed once by the plane's inverse. */
  addXY(plane: EqualAreaPlane, x: number, y: number): number {
    const [lon, lat] = plane.toLonLat(x, y);
    return this.add(x, y, lon, lat);
  }

  /** Signed plane area in m² of a ring of vertex ids (not closed): counter-clockwise positive. */
  ringArea(ids: readonly number[]): number {
    let s = 0;
    const x0 = this.xs[ids[0]],
      y0 = this.ys[ids[0]];
    for (let i = 1; i + 1 < ids.length; i++) {
      s += (this.xs[ids[i]] - x0) * (this.ys[ids[i + 1]] - y0) - (this.xs[ids[i + 1]] - x0) * (this.ys[ids[i]] - y0);
    }
    return s / 2;
  }
}

/** One cell of a lattice: a convex polygon in the plane. */
export interface LatticeCell {
  key: string;
  /** Vertex ids of the corners, counter-clockwise (y north). */
  corners: number[];
}

/**
 * A tiling of the plane by convex cells (squares, hexagons, H3 cells), made lazily: cells
 * exist once asked for, their corners registered in `points` once and shared by neighbours.
 */
export interface Lattice {
  plane: EqualAreaPlane;
  points: Points;
  /** The cell with this key (created on first use). */
  cell(key: string): LatticeCell;
  /** Key of the cell across edge k (corner k → corner k + 1) of a cell. */
  neighbour(cell: LatticeCell, k: number): string;
  /** Key of the cell containing (x, y), or of one next to it when the point is near a border. */
  locate(x: number, y: number): string;
  /** Keys of every cell that may lie wholly inside the area (a superset is fine). */
  candidates(): Iterable<string>;
  /** Row (larger is further north) and column (larger is further east) of a cell, when the lattice has rows. */
  rowCol?(key: string): [number, number];
}

/**
 * Thrown when an area vertex lies within {@link Lattice} tolerance of a cell edge, or an area
 * edge passes that close to a cell corner: the cut there is not robust. Regular lattices are
 * shifted and cut again; H3 cells cannot move.
 */
export class DegenerateCut extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'DegenerateCut';
  }
}

/**
 * Corner ids by integer lattice coordinates (a, b), the corner lying at (ox + a·ux, oy + b·uy)
 * in the plane. Each corner is computed once, from its integers, so every cell sharing it gets
 * the same bits and borders stay vertex-identical.
 */
export function latticeCorners(
  plane: EqualAreaPlane,
  points: Points,
  origin: [number, number],
  ux: number,
  uy: number,
): (a: number, b: number) => number {
  const [ox, oy] = origin;
  const ids = new Map<string, number>();
  return (a, b) => {
    const k = `${a},${b}`;
    let id = ids.get(k);
    if (id === undefined) {
      id = points.addXY(plane, ox + a * ux, oy + b * uy);
      ids.set(k, id);
    }

    return id;
  };
}
