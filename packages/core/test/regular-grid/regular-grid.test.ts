import fc from 'fast-check';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { cellToVertexes, getResolution, isValidCell, vertexToLatLng } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { CitygridError, ellipsoidalArea, parseGrids, regularGrid, validateCoverage, type RegularGridOptions } from '../../src/index.ts';
import { equalAreaPlane } from '../../src/geom/equal-area-plane.ts';
import { directedEdges, polygonProblems, ringsOf } from '../support/tiling-checks.ts';

type Area = Polygon | MultiPolygon;
type Cells = FeatureCollection<Area>;
const box = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

/** A star-shaped ring around a centre: radii (degrees) at evenly spread angles, counter-clockwise. */
function star(cx: number, cy: number, radii: number[]): Position[] {
  const ring = radii.map((r, i) => {
    const a = (2 * Math.PI * i) / radii.length;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a) * 0.85];
  });
  return [...ring, [...ring[0]]];
}

/**
 * Everything a clean regular grid must satisfy, as a list of problems (empty when clean):
 * validateCoverage against the area finds nothing; the areas sum to the area's (to 1e-9 unless
 * told otherwise); every
 * cell edge is shared reversed by exactly one other cell or lies on the area's outline (an edge
 * no other cell has, whose reverse is not there either); each cell is a valid polygon.
 */
function gridProblems(area: Area, cells: Cells, areaTolerance = 1e-9): string[] {
  const out: string[] = [];
  const parsed = parseGrids(cells);
  if (!parsed.ok) return parsed.problems.map((p) => p.message);
  const v = validateCoverage(parsed.gridSet, { parent: area });
  out.push(...v.problems.map((p) => `${p.kind} ${p.grids.join('/')} ${p.area_m2 ?? ''} m² ${p.reason ?? ''}`));
  const whole = ellipsoidalArea(area);
  const sum = cells.features.reduce((s, f) => s + ellipsoidalArea(f.geometry), 0);
  if (Math.abs(sum - whole) > areaTolerance * whole)
    out.push(`areas sum to ${sum}, area is ${whole} (${((sum - whole) / whole).toExponential(2)})`);
  const owners = new Map<string, number>();
  cells.features.forEach((f, i) => {
    directedEdges(f.geometry).forEach((e) => {
      if (owners.has(e)) out.push(`edge ${e} used twice in the same direction`);
      owners.set(e, i);
    });
  });

  for (const f of cells.features) out.push(...polygonProblems(f.geometry).map((m) => `${f.properties!.id}: ${m}`));
  return out;
}

const AREAS: Array<[string, Area]> = [
  ['a square', { type: 'Polygon', coordinates: [box(109, 32.7, 109.02, 32.72)] }],
  [
    'an L-shape',
    {
      type: 'Polygon',
      coordinates: [
        [
          [109, 32.7],
          [109.03, 32.7],
          [109.03, 32.71],
          [109.01, 32.71],
          [109.01, 32.73],
          [109, 32.73],
          [109, 32.7],
        ],
      ],
    },
  ],
  [
    'a polygon with a hole inside one cell and one across cells',
    {
      type: 'Polygon',
      coordinates: [
        box(109, 32.7, 109.03, 32.73),
        box(109.0101, 32.7101, 109.0102, 32.7102).reverse(),
        box(109.015, 32.715, 109.025, 32.72).reverse(),
      ],
    },
  ],
  [
    'a 2-part MultiPolygon, one part smaller than a cell',
    { type: 'MultiPolygon', coordinates: [[box(109, 32.7, 109.02, 32.71)], [box(109.0301, 32.7001, 109.0302, 32.7002)]] },
  ],
  [
    'an island in the hole of another part',
    {
      type: 'MultiPolygon',
      coordinates: [[box(109, 32.7, 109.03, 32.73), box(109.01, 32.71, 109.02, 32.72).reverse()], [box(109.014, 32.714, 109.016, 32.716)]],
    },
  ],
  [
    'a comb whose teeth cut cells into several pieces',
    {
      type: 'Polygon',
      coordinates: [
        [
          [109, 32.7],
          [109.02, 32.7],
          [109.02, 32.712],
          [109.0175, 32.712],
          [109.0175, 32.7015],
          [109.0155, 32.7015],
          [109.0155, 32.712],
          [109.013, 32.712],
          [109.013, 32.7015],
          [109.011, 32.7015],
          [109.011, 32.712],
          [109, 32.712],
          [109, 32.7],
        ],
      ],
    },
  ],
  [
    'a clockwise triangle with 1.5 km diagonal edges',
    {
      type: 'Polygon',
      coordinates: [
        [
          [109, 32.7],
          [109.003, 32.713],
          [109.012, 32.704],
          [109, 32.7],
        ],
      ],
    },
  ],
];

// 5 km diagonal edges: straight in lon/lat (GeoJSON, validateCoverage) and straight in (λ, q)
// (ellipsoidalArea) they part by 4 cm, so regularGrid splits them at lon/lat points first.
const LONG_EDGES: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [109, 32.7],
      [109.01, 32.75],
      [109.05, 32.715],
      [109, 32.7],
    ],
  ],
};

const OPTIONS: Array<[string, RegularGridOptions]> = [
  ['squares', { shape: 'square', size_m: 300 }],
  ['hexagons', { shape: 'hex', size_m: 180 }],
  ['H3 cells', { shape: 'hex', size_m: 180, h3: true }],
];

describe('regularGrid', () => {
  describe.each(OPTIONS)('%s', (_name, options) => {
    it.each(AREAS)('tile %s exactly: clean coverage, areas sum, shared edges vertex-identical, valid polygons', (_area, area) => {
      const cells = regularGrid(area, options);
      expect(cells.features.length).toBeGreaterThan(1);
      expect(gridProblems(area, cells)).toEqual([]);
    });
  });

  it.each(OPTIONS)(
    "splits edges that would bow over 1 cm from their lon/lat chord (%s): coverage clean, areas sum to the split outline's",
    (_name, options) => {
      const cells = regularGrid(LONG_EDGES, options);
      // ellipsoidalArea takes the 5 km edges straight in (λ, q): 4.9e-5 less than along the
      // lon/lat chords (598 m² of 12.2 km²). The split outline is within 1e-5 of the chords.
      expect(gridProblems(LONG_EDGES, cells, 5e-5)).toEqual([]);
      const sum = cells.features.reduce((s, f) => s + f.properties.area_m2, 0);
      expect(sum / ellipsoidalArea(LONG_EDGES) - 1).toBeGreaterThan(4e-5);
    },
  );

  it("keeps the area's vertices bit for bit and adds only crossings on its boundary", () => {
    const [, area] = AREAS[1];
    const cells = regularGrid(area, { shape: 'square', size_m: 250 });
    const used = new Set(
      cells.features.flatMap((f) =>
        ringsOf(f.geometry)
          .flat()
          .map((p) => `${p[0]},${p[1]}`),
      ),
    );
    for (const p of (area as Polygon).coordinates[0]) expect(used.has(`${p[0]},${p[1]}`)).toBe(true);
  });

  it('gives whole squares exactly size² m² and whole hexagons 3√3/2·size² m², anywhere in the area', () => {
    const area: Polygon = { type: 'Polygon', coordinates: [box(109, 32.5, 109.05, 32.9)] };
    const squares = regularGrid(area, { shape: 'square', size_m: 1000 }).features;
    const whole = squares.filter((f) => !f.properties.clipped);
    expect(whole.length).toBeGreaterThan(100);
    for (const f of whole) expect(f.properties.area_m2 / 1e6).toBeCloseTo(1, 9);
    const hexes = regularGrid(area, { shape: 'hex', size_m: 600 }).features.filter((f) => !f.properties.clipped);
    for (const f of hexes) expect(f.properties.area_m2 / (((3 * Math.sqrt(3)) / 2) * 600 ** 2)).toBeCloseTo(1, 9);
    expect(squares.filter((f) => f.properties.clipped).every((f) => f.properties.area_m2 < 1e6 + 1e-3)).toBe(true);
  });

  it('numbers squares by lattice row from the north and column from the west, in that order', () => {
    const cells = regularGrid({ type: 'Polygon', coordinates: [box(109, 32.7, 109.02, 32.71)] }, { shape: 'square', size_m: 500 }).features;
    const rc = cells.map((f) => [f.properties.row!, f.properties.col!]);
    expect(rc).toEqual([...rc].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    expect(cells[0].properties).toMatchObject({ id: 'r0c0', row: 0, col: 0 });
    expect(cells.every((f) => f.properties.id === `r${f.properties.row}c${f.properties.col}`)).toBe(true);
    // Row 0 is north of row 1, column 0 west of column 1.
    const at = (r: number, c: number) => ringsOf(cells.find((f) => f.properties.row === r && f.properties.col === c)!.geometry)[0];
    expect(Math.max(...at(1, 1).map((p) => p[1]))).toBeLessThanOrEqual(Math.min(...at(0, 1).map((p) => p[1])));
    expect(Math.max(...at(1, 0).map((p) => p[0]))).toBeLessThanOrEqual(Math.min(...at(1, 1).map((p) => p[0])));
  });

  it('gives the same cells for the same input', () => {
    const [, area] = AREAS[5];
    expect(regularGrid(area, { shape: 'hex', size_m: 150 })).toEqual(regularGrid(area, { shape: 'hex', size_m: 150 }));
  });

  it('cuts a cell in several pieces into one MultiPolygon grid (一格多点)', () => {
    const [, area] = AREAS[5];
    const cells = regularGrid(area, { shape: 'square', size_m: 600 }).features;
    expect(cells.some((f) => f.geometry.type === 'MultiPolygon')).toBe(true);
  });

  it("shifts the lattice when the area's edges lie on cell lines, and still tiles exactly", () => {
    // A box exactly 1,000 m × 1,000 m in the equal-area plane: a lattice centred on it puts its
    // edges on the lines of 200 m and 1,000 m cells (to 1e-6 m, checked below).
    const p0 = equalAreaPlane(109.005, 32.705);
    const ring = [
      [-500, -500],
      [500, -500],
      [500, 500],
      [-500, 500],
      [-500, -500],
    ].map(([x, y]) => p0.toLonLat(x, y));
    const area: Polygon = { type: 'Polygon', coordinates: [ring] };
    const plane = equalAreaPlane((ring[0][0] + ring[1][0]) / 2, (ring[0][1] + ring[2][1]) / 2);
    const [xy0, xy2] = [plane.toXY(ring[0][0], ring[0][1]), plane.toXY(ring[2][0], ring[2][1])];
    for (const size of [200, 1000]) {
      const offLine = ((xy2[0] - xy0[0]) / 2 + size / 2) % size;
      expect(Math.min(offLine, size - offLine)).toBeLessThan(1e-6);
      const cells = regularGrid(area, { shape: 'square', size_m: size });
      expect(gridProblems(area, cells)).toEqual([]);
      expect(cells.features.length).toBeGreaterThan((1000 / size) ** 2);
    }
  });

  it('uses the H3 resolution nearest the size, with H3 indexes as ids and H3 vertexes as corners', () => {
    const [, area] = AREAS[0];
    const cells = regularGrid(area, { shape: 'hex', size_m: 180, h3: true }).features;
    expect(cells.every((f) => isValidCell(f.properties.id) && getResolution(f.properties.id) === 9 && f.properties.h3_res === 9)).toBe(
      true,
    );
    const whole = cells.find((f) => !f.properties.clipped)!;
    const corners = cellToVertexes(whole.properties.id)
      .map((v) => vertexToLatLng(v))
      .map(([lat, lon]) => `${lon},${lat}`);
    expect(new Set(ringsOf(whole.geometry)[0].map((p) => `${p[0]},${p[1]}`))).toEqual(new Set(corners));
  });

  it('takes a Feature as well as a geometry', () => {
    const [, area] = AREAS[0];
    const feature: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: area as Polygon };
    expect(regularGrid(feature, { shape: 'square', size_m: 400 })).toEqual(regularGrid(area, { shape: 'square', size_m: 400 }));
  });

  it.each([
    [
      'a LineString',
      {
        type: 'LineString',
        coordinates: [
          [109, 32.7],
          [109.1, 32.7],
        ],
      },
      { shape: 'square', size_m: 100 },
      /expected Polygon or MultiPolygon, got LineString/,
    ],
    [
      'an unclosed ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [109, 32.7],
            [109.1, 32.7],
            [109.1, 32.8],
            [109, 32.8],
          ],
        ],
      },
      { shape: 'square', size_m: 100 },
      /not closed/,
    ],
  ])('throws a CitygridError for %s', (_name, area, options, message) => {
    expect(() => regularGrid(area as Polygon, options as RegularGridOptions)).toThrow(CitygridError);
    expect(() => regularGrid(area as Polygon, options as RegularGridOptions)).toThrow(message);
  });

  it.each([
    ['size 0', { shape: 'square', size_m: 0 }, /size_m must be a length in metres > 0, got 0/],
    ['a triangle shape', { shape: 'triangle', size_m: 100 }, /shape must be 'square' or 'hex'/],
    ['h3 squares', { shape: 'square', size_m: 100, h3: true }, /h3 needs shape 'hex'/],
    ['a million cells', { shape: 'square', size_m: 1 }, /more than maxCells 200000; use a larger size_m/],
  ])('throws CitygridError CG_ERR_OPTION for %s', (_name, options, message) => {
    expect(() => regularGrid(AREAS[0][1], options as RegularGridOptions)).toThrow(message);
    expect(() => regularGrid(AREAS[0][1], options as RegularGridOptions)).toThrow(expect.objectContaining({ code: 'CG_ERR_OPTION' }));
  });
});

describe('regularGrid properties', () => {
  // Star-shaped areas 100 m – 1 km across anywhere in China's latitudes, some with a hole. Edges
  // stay under ~1.1 km, which regularGrid never splits (see the 5 km test above), so the areas
  // must sum to ellipsoidalArea's to 1e-9. (2,000 runs passed when this was written.)
  const areaArb = fc
    .record({
      lon: fc.double({ min: 75, max: 130, noNaN: true }),
      lat: fc.double({ min: 18, max: 50, noNaN: true }),
      radii: fc.array(fc.double({ min: 0.0005, max: 0.005, noNaN: true }), { minLength: 3, maxLength: 40 }),
      hole: fc.option(fc.array(fc.double({ min: 0.1, max: 0.9, noNaN: true }), { minLength: 3, maxLength: 8 }), { nil: undefined }),
    })
    .map(({ lon, lat, radii, hole }): Polygon => {
      const rings = [star(lon, lat, radii)];
      // Inside the outline: a star's edges stay cos(π/n)·min(radii) from its centre.
      if (hole)
        rings.push(
          star(
            lon,
            lat,
            hole.map((h) => h * Math.min(...radii) * Math.cos(Math.PI / radii.length) * 0.9),
          ).reverse(),
        );
      return { type: 'Polygon', coordinates: rings };
    });
  const optionsArb = fc
    .record({
      shape: fc.constantFrom('square' as const, 'hex' as const),
      size_m: fc.double({ min: 10, max: 800, noNaN: true }),
      h3: fc.boolean(),
    })
    .map((o) => (o.shape === 'hex' ? o : { shape: o.shape, size_m: o.size_m }));

  it('tiles any area exactly with any cell size: coverage clean against the area (no cell outside it), areas within 1e-9', () => {
    fc.assert(
      fc.property(areaArb, optionsArb, (area, options) => {
        const cells = regularGrid(area, options);
        expect(gridProblems(area, cells)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
