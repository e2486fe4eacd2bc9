import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { CitygridError, ellipsoidalArea, splitArea } from '../../src/index.ts';
import { traceRings } from '../../src/split-area/trace-regions.ts';
import { directedEdges, ringsOf, tilingProblems } from '../support/tiling-checks.ts';

type Area = Polygon | MultiPolygon;
const FIXTURES = resolve(import.meta.dirname, '../fixtures/split-area');
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection;

const box = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

describe('splitArea on the fixtures (test/fixtures/split-area/<case>/in.geojson → out.geojson; REGEN=1 rewrites)', () => {
  const cases = readdirSync(FIXTURES).filter((d) => existsSync(resolve(FIXTURES, d, 'in.geojson')));
  it.each(cases)('%s', (name) => {
    const input = read(resolve(FIXTURES, name, 'in.geojson')).features[0] as Feature<Area>;
    const { count, seed } = input.properties as { count: number; seed: number };
    const pieces = splitArea(input.geometry, { count, seed });
    expect(pieces).toHaveLength(count);
    expect(tilingProblems(input.geometry, pieces)).toEqual([]);
    const out: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { ...input, properties: { ...input.properties, stroke: '#000', 'stroke-width': 3, 'fill-opacity': 0 } },
        ...pieces.map(
          (geometry, i): Feature => ({
            type: 'Feature',
            properties: { piece: i, area_m2: Math.round(ellipsoidalArea(geometry)) },
            geometry,
          }),
        ),
      ],
    };
    const file = resolve(FIXTURES, name, 'out.geojson');
    if (process.env.REGEN || !existsSync(file)) writeFileSync(file, JSON.stringify(out, null, 1) + '\n');
    expect(out).toEqual(read(file));
  });
});

const shapes: Array<[string, Area, number]> = [
  ['a square', { type: 'Polygon', coordinates: [box(109, 32.7, 109.02, 32.72)] }, 6],
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
    5,
  ],
  [
    'a polygon with a hole',
    { type: 'Polygon', coordinates: [box(109, 32.7, 109.03, 32.73), box(109.01, 32.71, 109.02, 32.72).reverse()] },
    8,
  ],
  [
    'a 2-part MultiPolygon',
    { type: 'MultiPolygon', coordinates: [[box(109, 32.7, 109.02, 32.71)], [box(109.03, 32.7, 109.035, 32.705)]] },
    4,
  ],
];

describe('splitArea', () => {
  it.each(shapes)('tiles %s exactly: areas, shared edges, no added boundary vertex, valid polygons', (_name, area, count) => {
    const pieces = splitArea(area, { count, seed: 7 });
    expect(pieces).toHaveLength(count);
    expect(pieces.every((p) => p.type === 'Polygon')).toBe(true);
    expect(tilingProblems(area, pieces)).toEqual([]);
  });

  it('makes round(area / targetArea) pieces when given targetArea instead of count', () => {
    const area = shapes[0][1];
    const a = ellipsoidalArea(area);
    expect(splitArea(area, { targetArea: a / 7.3, seed: 1 })).toHaveLength(7);
    expect(splitArea(area, { targetArea: a * 10 })).toHaveLength(1);
  });

  it('balances points given as objects or as a flat Float64Array alike', () => {
    const area = shapes[0][1];
    // Weight 5 in the south-west quarter of the square, 1 elsewhere: its pieces must be smaller.
    const objects = Array.from({ length: 2000 }, (_, i) => {
      const lon = 109 + ((i * 37) % 200) * 0.0001,
        lat = 32.7 + ((i * 61) % 200) * 0.0001;
      return { lon, lat, weight: lon < 109.01 && lat < 32.71 ? 5 : 1 };
    });
    const flat = Float64Array.from(objects.flatMap((p) => [p.lon, p.lat, p.weight]));
    const a = splitArea(area, { count: 6, seed: 2, points: objects });
    expect(splitArea(area, { count: 6, seed: 2, points: flat })).toEqual(a);
    const areas = a.map(ellipsoidalArea);
    expect(Math.max(...areas) / Math.min(...areas)).toBeGreaterThan(2);
    expect(tilingProblems(area, a)).toEqual([]);
  });

  it('gives the same pieces for the same seed and other pieces for another seed', () => {
    const area = shapes[1][1];
    expect(splitArea(area, { count: 5, seed: 3 })).toEqual(splitArea(area, { count: 5, seed: 3 }));
    expect(splitArea(area, { count: 5, seed: 3 })).not.toEqual(splitArea(area, { count: 5, seed: 4 }));
  });

  it('returns a single piece as the area itself, rewound to RFC 7946', () => {
    const clockwise = box(109, 32.7, 109.01, 32.71).reverse();
    const [piece] = splitArea({ type: 'Polygon', coordinates: [clockwise] }, { count: 1 });
    expect(piece).toEqual({ type: 'Polygon', coordinates: [box(109, 32.7, 109.01, 32.71)] });
  });

  it('gives each part of a MultiPolygon at least one piece, the rest by area', () => {
    const area: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[box(109, 32.7, 109.02, 32.71)], [box(109.03, 32.7, 109.035, 32.705)], [box(109.04, 32.7, 109.045, 32.705)]],
    };
    const pieces = splitArea(area, { count: 6, seed: 1 });
    const inSmall = pieces.filter((p) =>
      ringsOf(p)
        .flat()
        .every(([x]) => x >= 109.03),
    );
    expect(inSmall).toHaveLength(2);
    expect(tilingProblems(area, pieces)).toEqual([]);
  });

  it('joins a light enclave with a piece of the main part when joinParts is set (一格多点), balancing what parts alone cannot', () => {
    // Main part 0.03° × 0.01°, enclave 0.005° × 0.005°: by area the enclave holds 0.23 of a
    // piece of 4; on its own it would be a piece 77 % too small.
    const area: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[box(109, 32.7, 109.03, 32.71)], [box(109.04, 32.7, 109.045, 32.705)]],
    };
    const alone = splitArea(area, { count: 4, seed: 1 }).map(ellipsoidalArea);
    expect(Math.min(...alone) / Math.max(...alone)).toBeLessThan(0.4);
    const pieces = splitArea(area, { count: 4, seed: 1, joinParts: true });
    expect(pieces).toHaveLength(4);
    expect(pieces.filter((p) => p.type === 'MultiPolygon')).toHaveLength(1);
    const areas = pieces.map(ellipsoidalArea);
    expect(Math.min(...areas) / Math.max(...areas)).toBeGreaterThan(0.9);
    expect(tilingProblems(area, pieces)).toEqual([]);
  });

  it('groups parts into MultiPolygons of balanced area when there are fewer pieces than parts', () => {
    const area: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[box(109, 32.7, 109.02, 32.71)], [box(109.03, 32.7, 109.04, 32.71)], [box(109.05, 32.7, 109.06, 32.71)]],
    };
    const pieces = splitArea(area, { count: 2 });
    expect(pieces.map((p) => p.type).sort()).toEqual(['MultiPolygon', 'Polygon']);
    const areas = pieces.map(ellipsoidalArea);
    expect(areas[0] / areas[1]).toBeCloseTo(1, 2);
    expect(tilingProblems(area, pieces)).toEqual([]);
  });

  it('keeps a hole as a hole: no piece covers it and its edges are used once', () => {
    const hole = box(109.01, 32.71, 109.02, 32.72).reverse();
    const area: Polygon = { type: 'Polygon', coordinates: [box(109, 32.7, 109.03, 32.73), hole] };
    const pieces = splitArea(area, { count: 6, seed: 2 });
    const holeEdges = new Set(directedEdges({ type: 'Polygon', coordinates: [hole] }).map((e) => e.split('>').sort().join('>')));
    const used = pieces.flatMap(directedEdges).filter((e) => holeEdges.has(e.split('>').sort().join('>')));
    expect(used).toHaveLength(holeEdges.size);
    expect(pieces.reduce((s, p) => s + ellipsoidalArea(p), 0)).toBeCloseTo(ellipsoidalArea(area), 3);
  });

  it('keeps pieces balanced and compact: largest at most 1.35× the mean on a square in 10', () => {
    const pieces = splitArea({ type: 'Polygon', coordinates: [box(109, 32.7, 109.03, 32.73)] }, { count: 10, seed: 1 });
    const areas = pieces.map(ellipsoidalArea);
    const mean = areas.reduce((a, b) => a + b) / areas.length;
    expect(Math.max(...areas) / mean).toBeLessThan(1.35);
    expect(Math.min(...areas) / mean).toBeGreaterThan(0.65);
  });

  it('aims at the weights and grows piece i around sites[i]', () => {
    const area: Polygon = { type: 'Polygon', coordinates: [box(109, 32.7, 109.04, 32.72)] };
    const sites: Array<[number, number]> = [
      [109.005, 32.71],
      [109.02, 32.71],
      [109.035, 32.71],
    ];
    const pieces = splitArea(area, { count: 3, weights: [1, 2, 1], sites }) as Polygon[];
    const areas = pieces.map(ellipsoidalArea);
    const total = ellipsoidalArea(area);
    [0.25, 0.5, 0.25].forEach((share, i) => {
      expect(areas[i] / total).toBeCloseTo(share, 1);
    });

    pieces.forEach((p, i) => {
      const xs = p.coordinates[0].map(([x]) => x);
      expect(Math.min(...xs) <= sites[i][0] && sites[i][0] <= Math.max(...xs)).toBe(true);
    });
    expect(tilingProblems(area, pieces)).toEqual([]);
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
      'CG_ERR_GEOMETRY_TYPE',
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
      'CG_ERR_RING_UNCLOSED',
    ],
    [
      'a short ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [109, 32.7],
            [109.1, 32.7],
            [109, 32.7],
          ],
        ],
      },
      'CG_ERR_RING_TOO_SHORT',
    ],
  ])('throws CitygridError for %s', (_why, geometry, code) => {
    expect(() => splitArea(geometry as Polygon, { count: 2 })).toThrow(CitygridError);
    try {
      splitArea(geometry as Polygon, { count: 2 });
    } catch (e) {
      expect((e as CitygridError).code).toBe(code);
    }
  });

  it.each([
    ['count 0', { count: 0 }],
    ['a fractional count', { count: 1.5 }],
    ['weights of the wrong length', { count: 3, weights: [1, 2] }],
    ['a zero weight', { count: 2, weights: [1, 0] }],
    ['sites of the wrong length', { count: 2, sites: [[109.01, 32.71]] }],
    ['a negative spacing', { count: 2, spacing: -5 }],
    ['count and targetArea both', { count: 2, targetArea: 1e5 }],
    ['neither count nor targetArea', {}],
    ['a negative point weight', { count: 2, points: [{ lon: 109, lat: 32.7, weight: -1 }] }],
    ['points as a Float64Array of the wrong stride', { count: 2, points: new Float64Array(4) }],
    ['an areaShare above 1', { count: 2, areaShare: 1.5 }],
    ['sites with points', { count: 1, sites: [[109.01, 32.71]], points: [] }],
  ])('throws CitygridError CG_ERR_OPTION for %s', (_why, options) => {
    expect(() => splitArea(shapes[0][1], options as { count: number })).toThrow(
      expect.objectContaining({ name: 'CitygridError', code: 'CG_ERR_OPTION', http: 400, exit: 2 }),
    );
  });
});

/** A star-shaped (hence simple) ring around (109.02, 32.72) with n vertices and radii in degrees. */
function starRing(radii: number[]): Position[] {
  const n = radii.length;
  const ring = radii.map((r, i) => {
    const t = (2 * Math.PI * i) / n;
    return [Math.round((109.02 + r * Math.cos(t)) * 1e6) / 1e6, Math.round((32.72 + r * Math.sin(t)) * 1e6) / 1e6];
  });
  return [...ring, [...ring[0]]];
}

describe('splitArea properties (fast-check)', () => {
  const radii = fc.array(fc.double({ min: 0.006, max: 0.02, noNaN: true }), { minLength: 5, maxLength: 40 });

  it('tiles any star-shaped polygon into exactly count valid pieces', () => {
    fc.assert(
      fc.property(radii, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 1e6 }), (r, count, seed) => {
        const area: Polygon = { type: 'Polygon', coordinates: [starRing(r)] };
        const pieces = splitArea(area, { count, seed });
        expect(pieces).toHaveLength(count);
        expect(tilingProblems(area, pieces)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('tiles a star-shaped polygon with a hole, the areas summing to the parent', () => {
    fc.assert(
      fc.property(radii, fc.integer({ min: 2, max: 10 }), fc.integer({ min: 0, max: 1e6 }), (r, count, seed) => {
        const hole = box(109.018, 32.718, 109.022, 32.722).reverse();
        const area: Polygon = { type: 'Polygon', coordinates: [starRing(r), hole] };
        const pieces = splitArea(area, { count, seed });
        const sum = pieces.reduce((s, p) => s + ellipsoidalArea(p), 0);
        expect(Math.abs(sum - ellipsoidalArea(area)) / ellipsoidalArea(area)).toBeLessThan(1e-9);
        expect(tilingProblems(area, pieces)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});

describe('traceRings', () => {
  it('splits a region touching itself at a vertex into an outer ring and a hole meeting there', () => {
    // Square 0..4 minus the triangle (2,0) (3,2) (1,2), half-edges as a region's boundary is
    // traced (outer clockwise, hole counter-clockwise: Delaunator's orientation).
    const pts = [
      [0, 0],
      [0, 4],
      [4, 4],
      [4, 0],
      [2, 0],
      [3, 2],
      [1, 2],
    ];
    const xy = Float64Array.from(pts.flat());
    const from = [0, 1, 2, 3, 4, 4, 5, 6];
    const to = [1, 2, 3, 4, 0, 5, 6, 4];
    const rings = traceRings(from, to, xy).map((r) => [...r].sort((a, b) => a - b));
    expect(rings).toEqual([
      [0, 1, 2, 3, 4],
      [4, 5, 6],
    ]);
  });
});

describe('tilingProblems (the checker the tests above rely on)', () => {
  const at = (v: number) => Math.round(v * 1e6) / 1e6;
  const sq = (i: number, j: number, w = 1, h = 1): Polygon => ({
    type: 'Polygon',
    coordinates: [box(at(109 + i * 0.01), at(32.7 + j * 0.01), at(109 + (i + w) * 0.01), at(32.7 + (j + h) * 0.01))],
  });
  // The area has its 4 corners plus the midpoints of its sides as vertices, as a 2×2 tiling does.
  const area: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [109, 32.7],
        [109.01, 32.7],
        [109.02, 32.7],
        [109.02, 32.71],
        [109.02, 32.72],
        [109.01, 32.72],
        [109, 32.72],
        [109, 32.71],
        [109, 32.7],
      ],
    ],
  };
  const quarters = [sq(0, 0), sq(1, 0), sq(0, 1), sq(1, 1)];

  it('passes a clean 2×2 tiling', () => {
    expect(tilingProblems(area, quarters)).toEqual([]);
  });

  it('flags a gap (a piece missing)', () => {
    expect(tilingProblems(area, quarters.slice(1)).join('\n')).toMatch(/areas sum/);
  });

  it('flags a T-junction (an edge without its reversed twin)', () => {
    const left: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [109, 32.7],
          [109.01, 32.7],
          [109.01, 32.72],
          [109, 32.72],
          [109, 32.71],
          [109, 32.7],
        ],
      ],
    };
    // The left piece's long edge meets the right pieces' two short edges: no twins, T-junction.
    expect(tilingProblems(area, [left, sq(1, 0), sq(1, 1)])).toEqual(
      expect.arrayContaining([
        "edge 109.01,32.7>109.01,32.72 has 0 reversed twins and is not on the area's boundary",
        "edge 109.01,32.71>109.01,32.7 has 0 reversed twins and is not on the area's boundary",
        "edge 109.01,32.72>109.01,32.71 has 0 reversed twins and is not on the area's boundary",
      ]),
    );
  });

  it('flags a vertex added on the boundary', () => {
    const plain: Polygon = { type: 'Polygon', coordinates: [box(109, 32.7, 109.02, 32.72)] };
    expect(tilingProblems(plain, [sq(0, 0, 1, 2), sq(1, 0, 1, 2)]).join('\n')).toMatch(/added on the boundary/);
  });

  it('flags a self-crossing ring', () => {
    const bowtie: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [109, 32.7],
          [109.01, 32.71],
          [109.01, 32.7],
          [109, 32.71],
          [109, 32.7],
        ],
      ],
    };
    expect(tilingProblems(bowtie, [bowtie]).join('\n')).toMatch(/edges cross/);
  });
});
