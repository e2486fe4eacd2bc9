import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { readingOrder } from '../codes/reading-order.ts';
import { ellipsoidalArea } from '../geom/ellipsoidal-area.ts';
import { equalAreaPlane, type EqualAreaPlane } from '../geom/equal-area-plane.ts';
import { areaPolygons } from '../geom/check-area.ts';
import { clipToLattice, type ClippedCell, type PlaneRing } from './clip-to-lattice.ts';
import { h3Count, h3Lattice, h3Resolution } from './h3-lattice.ts';
import { hexCount, hexLattice } from './hex-lattice.ts';
import { DegenerateCut, Points, type Lattice } from './lattice.ts';
import { squareCount, squareLattice } from './square-lattice.ts';
import { CitygridError } from '../errors.ts';

/** Options of {@link regularGrid}. */
export interface RegularGridOptions {
  /** `square` cells, or pointy-top `hex`agons (H3 cells with `h3: true`). */
  shape: 'square' | 'hex';
  /**
   * Cell size in metres, measured in a local equal-area plane around the area (never degrees):
   * the side of a square (area size_m²), the edge of a hexagon (area 2.598·size_m²). With `h3`,
   * the H3 resolution whose average hexagon edge is nearest.
   */
  size_m: number;
  /** [options.h3=false] With `shape: 'hex'`: H3 cells (h3-js), ids the H3 indexes. */
  h3?: boolean;
  /** [options.maxCells=200000] Refuse sizes that would make more cells than this. */
  maxCells?: number;
}

/** Properties of a {@link regularGrid} cell. */
export interface RegularCellProperties {
  /** `r<row>c<col>` (row 0 northernmost, col 0 westernmost), or the H3 index. */
  id: string;
  /** Lattice row, 0 = the northernmost row with a cell (square and hex). */
  row?: number;
  /** Lattice column, 0 = the westernmost (hex: doubled, so a row's cells are 2 apart). */
  col?: number;
  /** H3 resolution, with `h3: true`. */
  h3_res?: number;
  /** Area in m² on the WGS84 ellipsoid. */
  area_m2: number;
  /** True when the area's boundary or a hole cuts the cell. */
  clipped: boolean;
}

type Resolved = Required<RegularGridOptions> & { eps: number; attempts: number; maxBow: number };

const DEFAULTS = {
  h3: false,
  // parseGrids' default maxFeatures: a bigger grid set cannot be imported anyway.
  maxCells: 200_000,
  // Metres: an area vertex this near a cell edge (or an area edge this near a cell corner) shifts
  // the lattice. Plane coordinates are < 1e6 m, rounded at ~1e-10 m; 1 µm leaves 10⁴ to spare
  // and is hit by chance once in ~10⁸ vertices at 100 m cells.
  eps: 1e-6,
  // Shifts tried before giving up: each moves the lattice by a different fraction of a cell.
  attempts: 32,
  // Metres an area edge may bow between its lon/lat chord and the cut (see chordPoints): half
  // validateCoverage's 2 cm tolerance.
  maxBow: 0.01,
};

/**
 * Cuts an area into a regular grid of square or hexagonal cells, each clipped to the area.
 * The cells tile the area exactly: every crossing of a cell edge with the area's boundary is
 * computed once and written with the same bits in both cells and on the area's edge, shared
 * edges are vertex-identical, the area's own vertices keep their input values bit for bit, and
 * the cells' ellipsoidal areas sum to the area's (edges straight in the same space as
 * {@link ellipsoidalArea}). A cell cut in several pieces by a concave boundary stays one grid
 * (a MultiPolygon, 一格多点).
 *
 * How: the lattice lives in a cylindrical equal-area plane centred on the area's bounding box
 * (scale true at its latitude: a whole cell has exactly size² m² anywhere, its shape off by
 * ±0.5 % 50 km north or south). A square cell is centred on the box's centre. Each ring of the
 * area is walked cell to cell, then each cell is closed along its own boundary (docs/partition.md).
 * Should an area vertex fall within 1 µm of a cell edge, the lattice is shifted by a fraction
 * of a cell and the cut redone.
 *
 * @param area Polygon or MultiPolygon (or a Feature of one) in WGS84 `[lon, lat]` degrees, valid
 * @param options see {@link RegularGridOptions}
 * @returns the cells in reading order (north to south, west to east by lattice row; H3 by
 *   {@link readingOrder}); outer rings counter-clockwise, holes clockwise (RFC 7946)
 * @throws CitygridError for bad geometry; CG_ERR_OPTION for bad options or too many cells
 * @example
 * const cells = regularGrid(community.geometry, { shape: 'square', size_m: 100 });
 * cells.features.length; // ≈ area / 10,000 m², plus the clipped cells along the boundary
 */
export function regularGrid(
  area: Polygon | MultiPolygon | Feature<Polygon | MultiPolygon>,
  options: RegularGridOptions,
): FeatureCollection<Polygon | MultiPolygon, RegularCellProperties> {
  const polygons = areaPolygons(area);
  const opts: Resolved = { ...DEFAULTS, ...options };
  checkOptions(opts);
  const box = lonLatBox(polygons);
  const plane = equalAreaPlane((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
  if (opts.h3) return h3Grid(polygons, plane, opts);
  const xyBox = planeBox(polygons, plane);
  const count = (opts.shape === 'square' ? squareCount : hexCount)(opts.size_m, xyBox);
  if (count > opts.maxCells)
    throw CitygridError.of(
      'CG_ERR_OPTION',
      {},
      `regularGrid: ${opts.size_m} m cells over this area would be ${Math.round(count).toLocaleString('en')} cells, more than maxCells ${opts.maxCells}; use a larger size_m`,
    );
  const make = opts.shape === 'square' ? squareLattice : hexLattice;
  const centre: [number, number] = [(xyBox[0] + xyBox[2]) / 2, (xyBox[1] + xyBox[3]) / 2];
  for (let attempt = 0; attempt < opts.attempts; attempt++) {
    // Attempt 0 centres a cell on the box; then R2-sequence shifts (well spread, deterministic).
    const shift = attempt === 0 ? [0, 0] : [frac(attempt * 0.7548776662466927) - 0.5, frac(attempt * 0.5698402909980532) - 0.5];
    const origin: [number, number] =
      opts.shape === 'square'
        ? [centre[0] - opts.size_m / 2 + shift[0] * opts.size_m, centre[1] - opts.size_m / 2 + shift[1] * opts.size_m]
        : [centre[0] + shift[0] * opts.size_m, centre[1] + shift[1] * opts.size_m];
    const points = new Points();
    const rings = planeRings(polygons, plane, points, opts.maxBow);
    const lattice = make(plane, points, opts.size_m, origin, xyBox);
    try {
      return latticeCells(clipToLattice(rings, lattice, opts.eps), lattice);
    } catch (e) {
      if (!(e instanceof DegenerateCut)) throw e;
    }
  }
  throw CitygridError.of(
    'CG_ERR_OPTION',
    {},
    `regularGrid: every lattice position tried puts an area vertex within ${opts.eps} m of a cell edge; is the area valid?`,
  );
}

function h3Grid(
  polygons: Position[][][],
  plane: EqualAreaPlane,
  opts: Resolved,
): FeatureCollection<Polygon | MultiPolygon, RegularCellProperties> {
  const res = h3Resolution(opts.size_m);
  const total = polygons.reduce((s, rings) => s + ellipsoidalArea({ type: 'Polygon', coordinates: rings }), 0);
  const count = h3Count(res, total);
  if (count > opts.maxCells)
    throw CitygridError.of(
      'CG_ERR_OPTION',
      {},
      `regularGrid: H3 resolution ${res} over this area would be about ${Math.round(count).toLocaleString('en')} cells, more than maxCells ${opts.maxCells}; use a larger size_m`,
    );
  const points = new Points();
  const rings = planeRings(polygons, plane, points, opts.maxBow);
  let cells: ClippedCell[];
  try {
    cells = clipToLattice(rings, h3Lattice(plane, points, res, polygons), opts.eps);
  } catch (e) {
    if (!(e instanceof DegenerateCut)) throw e;
    throw CitygridError.of(
      'CG_ERR_OPTION',
      {},
      `regularGrid: H3 cells cannot be shifted and ${e.message}; use square or hex cells, or move that vertex`,
    );
  }
  const features = cells.map((c) => cellFeature(points, c, { id: c.key, h3_res: res }));
  return { type: 'FeatureCollection', features: readingOrder(features).map((i) => features[i]) };
}

/** Cells as features in lattice reading order, with ids from their rows and columns. */
function latticeCells(cells: ClippedCell[], lattice: Lattice): FeatureCollection<Polygon | MultiPolygon, RegularCellProperties> {
  const rc = cells.map((c) => lattice.rowCol!(c.key));
  // Loops, not Math.max(...rows): a spread of 200,000 arguments overflows the stack.
  const top = rc.reduce((m, [r]) => Math.max(m, r), -Infinity);
  const left = rc.reduce((m, [, c]) => Math.min(m, c), Infinity);
  const order = cells.map((_, i) => i).sort((a, b) => rc[b][0] - rc[a][0] || rc[a][1] - rc[b][1]);
  const features = order.map((i) => {
    const [row, col] = [top - rc[i][0], rc[i][1] - left];
    return cellFeature(lattice.points, cells[i], { id: `r${row}c${col}`, row, col });
  });
  return { type: 'FeatureCollection', features };
}

function cellFeature(
  p: Points,
  cell: ClippedCell,
  ids: Pick<RegularCellProperties, 'id' | 'row' | 'col' | 'h3_res'>,
): Feature<Polygon | MultiPolygon, RegularCellProperties> {
  const polys = cell.pieces.map((rings) =>
    rings.map((ids) => {
      const ring = ids.map((v) => [p.lons[v], p.lats[v]]);
      ring.push([...ring[0]]);
      return ring;
    }),
  );
  const geometry: Polygon | MultiPolygon =
    polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
  return { type: 'Feature', properties: { ...ids, area_m2: ellipsoidalArea(geometry), clipped: !cell.whole }, geometry };
}

/**
 * The area's rings in the plane, as vertex ids: closing position and repeated consecutive
 * positions dropped, long edges split (see {@link chordPoints}), outer rings turned
 * counter-clockwise and holes clockwise.
 */
function planeRings(polygons: Position[][][], plane: EqualAreaPlane, points: Points, maxBow: number): PlaneRing[] {
  const out: PlaneRing[] = [];
  for (const rings of polygons) {
    rings.forEach((ring, r) => {
      const kept = ring.slice(0, -1).filter((p, i, all) => i === 0 || p[0] !== all[i - 1][0] || p[1] !== all[i - 1][1]);
      while (kept.length > 1 && kept[0][0] === kept[kept.length - 1][0] && kept[0][1] === kept[kept.length - 1][1]) kept.pop();
      const ids: number[] = [];
      kept.forEach((p, i) => {
        const [x, y] = plane.toXY(p[0], p[1]);
        ids.push(points.add(x, y, p[0], p[1]));
        for (const [lon, lat] of chordPoints(plane, p, kept[(i + 1) % kept.length], maxBow))
          ids.push(points.add(...plane.toXY(lon, lat), lon, lat));
      });
      const a = ids.length >= 3 ? points.ringArea(ids) : 0;
      if (a === 0) return; // a collapsed ring encloses nothing
      if (a > 0 !== (r === 0)) ids.reverse();
      out.push({ ids, hole: r > 0 });
    });
  }
  return out;
}

/**
 * Points splitting a long edge a→b along its lon/lat chord, so that no piece bows more than
 * `maxBow` metres from it. Why: cells are cut on edges straight in the plane, i.e. in (λ, q),
 * the space where {@link ellipsoidalArea} measures, so their areas sum exactly; GeoJSON and
 * validateCoverage draw edges straight in lon/lat. The two lines part by (length²·tan φ)-ish:
 * 1 cm at the middle of a 1.5 km diagonal edge at 33°N, 25 cm at 7 km, past validateCoverage's
 * 2 cm tolerance. Shorter edges are left whole (and the areas sum to 1e-12).
 */
function chordPoints(plane: EqualAreaPlane, a: Position, b: Position, maxBow: number): Position[] {
  const [xa, ya] = plane.toXY(a[0], a[1]);
  const [xb, yb] = plane.toXY(b[0], b[1]);
  const [xm, ym] = plane.toXY((a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
  const len = Math.hypot(xb - xa, yb - ya);
  const bow = len > 0 ? Math.abs((xb - xa) * (ym - (ya + yb) / 2) - (yb - ya) * (xm - (xa + xb) / 2)) / len : 0;
  if (!(bow > maxBow)) return [];
  // The bow grows with the square of the length: n pieces bow n² times less.
  const n = Math.ceil(Math.sqrt(bow / maxBow));
  return Array.from({ length: n - 1 }, (_, k) => [a[0] + ((k + 1) / n) * (b[0] - a[0]), a[1] + ((k + 1) / n) * (b[1] - a[1])]);
}

/** `[minLon, minLat, maxLon, maxLat]` of the outer rings. */
function lonLatBox(polygons: Position[][][]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polygons) {
    for (const [x, y] of rings[0]) [b[0], b[1], b[2], b[3]] = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
  }
  return b;
}

/** `[minX, minY, maxX, maxY]` of the outer rings in the plane (metres). */
function planeBox(polygons: Position[][][], plane: EqualAreaPlane): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polygons) {
    for (const [lon, lat] of rings[0]) {
      const [x, y] = plane.toXY(lon, lat);
      [b[0], b[1], b[2], b[3]] = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
    }
  }
  return b;
}

function checkOptions(opts: Resolved): void {
  const { shape, size_m: size, h3, maxCells } = opts;
  if (shape !== 'square' && shape !== 'hex')
    throw CitygridError.of('CG_ERR_OPTION', {}, `regularGrid: shape must be 'square' or 'hex', got ${JSON.stringify(shape)}`);
  if (!(Number.isFinite(size) && size > 0))
    throw CitygridError.of('CG_ERR_OPTION', {}, `regularGrid: size_m must be a length in metres > 0, got ${size}`);
  if (h3 && shape !== 'hex') throw CitygridError.of('CG_ERR_OPTION', {}, `regularGrid: h3 needs shape 'hex', got ${JSON.stringify(shape)}`);
  if (!(maxCells > 0)) throw CitygridError.of('CG_ERR_OPTION', {}, `regularGrid: maxCells must be > 0, got ${maxCells}`);
}

function frac(v: number): number {
  return v - Math.floor(v);
}
