import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRouter, ellipsoidalArea, flattenGrids, mulberry32, parseGrids, toWgs84, type GridSet } from '../../src/index.ts';
import { referenceClaims, referenceLocate } from '../support/reference-locate.ts';
import { voronoiTiling } from '../support/voronoi-tiling.ts';

const ROOT = resolve(import.meta.dirname, '../../../..');

function load(path: string): GridSet {
  const r = parseGrids(readFileSync(resolve(ROOT, path), 'utf8'));
  if (!r.ok) throw new Error(r.problems[0].message);
  return r.gridSet;
}

function shuffled(gridSet: GridSet, seed: number): GridSet {
  const rng = mulberry32(seed);
  const grids = [...gridSet.grids];
  for (let i = grids.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [grids[i], grids[j]] = [grids[j], grids[i]];
  }
  return { ...gridSet, grids, byId: new Map(grids.map((g) => [g.id, g])) };
}

/**
 * Every vertex and edge midpoint of every grid, whether it lies on an unshared (outer) edge,
 * and whether it is exactly on the boundary (a vertex; a midpoint is rounded off the edge).
 */
function borderPoints(gridSet: GridSet): Array<{ x: number; y: number; outer: boolean; vertex: boolean }> {
  const edgeCount = new Map<string, number>();
  const key = (a: number[], b: number[]) => (a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]) ? `${a}|${b}` : `${b}|${a}`);
  const rings = gridSet.grids.flatMap((g) => (g.geometry.type === 'Polygon' ? [g.geometry.coordinates] : g.geometry.coordinates).flat());
  for (const ring of rings)
    for (let i = 0; i + 1 < ring.length; i++) edgeCount.set(key(ring[i], ring[i + 1]), (edgeCount.get(key(ring[i], ring[i + 1])) ?? 0) + 1);
  const outerVertex = new Set<string>();
  for (const ring of rings)
    for (let i = 0; i + 1 < ring.length; i++)
      if (edgeCount.get(key(ring[i], ring[i + 1])) === 1) outerVertex.add(`${ring[i]}`).add(`${ring[i + 1]}`);
  const points: Array<{ x: number; y: number; outer: boolean; vertex: boolean }> = [];
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [a, b] = [ring[i], ring[i + 1]];
      points.push({ x: a[0], y: a[1], outer: outerVertex.has(`${a}`), vertex: true });
      points.push({ x: (a[0] + b[0]) / 2, y: (a[1] + b[1]) / 2, outer: edgeCount.get(key(a, b)) === 1, vertex: false });
    }
  }
  return points;
}

describe('createRouter: border rule on real tilings', () => {
  const cases: Array<[string, string]> = [
    ['the demo district (91 grids)', 'data/demo/grids.geojson'],
    ['holes, an enclave and a two-part grid', 'packages/core/test/fixtures/routing/holes-enclaves-multipart.geojson'],
  ];
  it.each(cases)('gives every shared vertex and edge midpoint of %s to exactly one grid, whatever the input order', (_name, path) => {
    const gridSet = load(path);
    const router = createRouter(gridSet);
    const others = [1, 2, 3].map((seed) => shuffled(gridSet, seed));
    const otherRouters = others.map((s) => createRouter(s));
    let shared = 0;
    for (const { x, y, outer, vertex } of borderPoints(gridSet)) {
      const g = router.locate(x, y);
      // A midpoint of an outer edge may round off the district: it may be unclaimed.
      if (vertex || !outer) expect(g, `[${x}, ${y}] unclaimed`).toBeGreaterThanOrEqual(0);
      if (!outer) {
        shared++;
        expect(referenceClaims(gridSet, x, y).claims, `[${x}, ${y}] claims`).toHaveLength(1);
        if (vertex) expect(router.route(x, y).match).toBe('border');
      }
      expect(g).toBe(referenceLocate(gridSet, x, y));
      otherRouters.forEach((r, i) => {
        expect(others[i].grids[r.locate(x, y)]?.id).toBe(gridSet.grids[g]?.id);
      });
    }
    expect(shared).toBeGreaterThan(2 * gridSet.grids.length);
  });

  it('follows the documented rule on the 2×2 fixture: east of a north–south border, north of an east–west one', () => {
    const router = createRouter(load('packages/core/test/fixtures/tiling-2x2.geojson'));
    const id = (x: number, y: number) => router.route(x, y).grid?.id;
    expect(id(109.01, 32.705)).toBe('610902001001001'); // east of the border
    expect(id(109.005, 32.71)).toBe('610902001001004'); // north of the border
    expect(id(109.01, 32.71)).toBe('610902001001003'); // the shared vertex: north-east
    expect(id(109.02, 32.705)).toBe('610902001001001'); // outer east side: its own grid
  });
});

describe('createRouter agrees with a brute-force reference', () => {
  it.each([1, 2, 3])(
    'on a seeded Voronoi tiling with two-part grids, holes and enclaves (seed %i): 0 mismatches over 100,000 points, a tenth of them outside',
    (seed) => {
      const r = parseGrids(voronoiTiling({ grids: 120, seed, multiPartShare: 0.1, holeShare: 0.05 }));
      if (!r.ok) throw new Error(r.problems[0].message);
      const gridSet = r.gridSet;
      expect(gridSet.grids.some((g) => g.geometry.type === 'MultiPolygon')).toBe(true);
      expect(gridSet.grids.some((g) => g.geometry.type === 'Polygon' && g.geometry.coordinates.length > 1)).toBe(true);
      const router = createRouter(gridSet);
      const sortedRouter = createRouter(gridSet, { _batchSortBytes: 0 });
      const n = 100_000;
      const rng = mulberry32(seed);
      // The tiling covers 109.0–109.5E 32.7–33.2N; a box 0.0527° wider each way puts 10 % outside.
      const coords = new Float64Array(2 * n);
      for (let i = 0; i < 2 * n; i += 2) {
        coords[i] = 109 - 0.0135 + rng() * 0.527;
        coords[i + 1] = 32.7 - 0.0135 + rng() * 0.527;
      }
      const batch = sortedRouter.routeBatch(coords);
      let mismatches = 0;
      let outside = 0;
      for (let i = 0; i < n; i++) {
        const expected = referenceLocate(gridSet, coords[2 * i], coords[2 * i + 1]);
        if (expected < 0) outside++;
        if (router.locate(coords[2 * i], coords[2 * i + 1]) !== expected || batch[i] !== expected) mismatches++;
      }
      expect(mismatches).toBe(0);
      expect(outside / n).toBeGreaterThan(0.08);
      expect(outside / n).toBeLessThan(0.12);
    },
  );

  it.each([
    ['data/demo/grids.geojson', 20_000],
    ['packages/core/test/fixtures/routing/holes-enclaves-multipart.geojson', 20_000],
    ['packages/core/test/fixtures/routing/overlapping-squares.geojson', 5_000],
  ])('on %s: 0 mismatches over %i random points, some outside', (path, n) => {
    const gridSet = load(path);
    const router = createRouter(gridSet);
    const [x0, y0, x1, y1] = gridSet.grids.reduce(
      (b, g) => [Math.min(b[0], g.bbox[0]), Math.min(b[1], g.bbox[1]), Math.max(b[2], g.bbox[2]), Math.max(b[3], g.bbox[3])],
      [Infinity, Infinity, -Infinity, -Infinity],
    );
    const rng = mulberry32(7);
    const pad = 0.03; // widen the box so some points fall outside every grid
    const coords = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      coords[2 * i] = x0 - pad * (x1 - x0) + rng() * (1 + 2 * pad) * (x1 - x0);
      coords[2 * i + 1] = y0 - pad * (y1 - y0) + rng() * (1 + 2 * pad) * (y1 - y0);
    }
    const batch = router.routeBatch(coords);
    const sorted = createRouter(gridSet, { _batchSortBytes: 0 }).routeBatch(coords); // the cell-ordered path
    let mismatches = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const [x, y] = [coords[2 * i], coords[2 * i + 1]];
      const expected = referenceLocate(gridSet, x, y);
      if (router.locate(x, y) !== expected || batch[i] !== expected || sorted[i] !== expected) mismatches++;
      if (expected < 0) outside++;
    }
    expect(mismatches).toBe(0);
    expect(outside).toBeGreaterThan(0);
  });
});

describe('createRouter: matches, paths and options', () => {
  const fixture = load('packages/core/test/fixtures/routing/holes-enclaves-multipart.geojson');
  const hierarchy = [
    { id: 'T1', name: '新城街道', level: 2, parent: 'D' },
    { id: 'T2', name: '老城街道', level: 2, parent: 'D' },
    { id: 'D', name: '汉滨区', level: 1, parent: null },
  ];
  const router = createRouter(fixture, { hierarchy, maxDistance: 30 });

  it('routes into the enclave, the ring around it and both parts of a multi-part grid', () => {
    expect(router.route(109.015, 32.715).grid?.id).toBe('K');
    expect(router.route(109.011, 32.711).grid?.id).toBe('B');
    expect(router.route(109.005, 32.705).grid?.id).toBe('M');
    expect(router.route(109.025, 32.725).grid?.id).toBe('M');
  });

  it('gives the path of ancestors, nearest first', () => {
    expect(router.route(109.015, 32.715).path).toEqual([
      { id: 'T2', name: '老城街道', level: 2 },
      { id: 'D', name: '汉滨区', level: 1 },
    ]);
  });

  it('says inside, border, nearest (within maxDistance, in metres) or outside', () => {
    expect(router.route(109.011, 32.711)).toMatchObject({ match: 'inside', distance_m: 0 });
    expect(router.route(109.013, 32.715)).toMatchObject({ match: 'border', distance_m: 0 });
    // 0.0002° of longitude at 32.7°N is 18.8 m: within 30 m of W's west side.
    const near = router.route(108.9998, 32.715);
    expect(near.match).toBe('nearest');
    expect(near.grid?.id).toBe('W');
    expect(near.distance_m!).toBeCloseTo(18.76, 1);
    expect(router.route(108.999, 32.715)).toMatchObject({ grid: null, match: 'outside', distance_m: null });
    expect(router.route(NaN, 32.7).match).toBe('outside');
  });

  it('lists the grids near a point with their distances', () => {
    const near = router.nearby(109.0131, 32.715, 20); // in the enclave, 0.0001° from the ring around it
    expect(near.map((n) => n.grid.id)).toEqual(['K', 'B']);
    expect(near[0].distance_m).toBe(0);
    expect(near[1].distance_m).toBeCloseTo(9.4, 1);
  });

  it('answers routeBatch in input order, -1 outside and for NaN, sorted by cell or not', () => {
    const coords = new Float64Array([109.015, 32.715, 200, 0, NaN, NaN, 109.005, 32.705]);
    for (const r of [router, createRouter(fixture, { _batchSortBytes: 0 })]) {
      expect([...r.routeBatch(coords)].map((g) => (g < 0 ? null : fixture.grids[g].id))).toEqual(['K', null, null, 'M']);
      expect(r.routeBatch(new Float64Array(0))).toHaveLength(0);
    }
  });

  it('refuses a negative maxDistance and an unknown crs', () => {
    expect(() => createRouter(fixture, { maxDistance: -1 })).toThrow(/maxDistance/);
    expect(() => createRouter(fixture, { crs: 'EPSG:3857' as never })).toThrow(/coordinate system "EPSG:3857"/);
  });

  it('converts GCJ-02 points to WGS84 before routing when told (crs: gcj02)', () => {
    const gcj = createRouter(fixture, { crs: 'gcj02' });
    // At 109°E 32.7°N GCJ-02 reads ~0.0049° east and ~0.0021° south of WGS84.
    const [x, y] = [109.0135, 32.7128]; // read as WGS84 this is in one grid, shifted back in another
    const [wx, wy] = toWgs84(x, y, 'gcj02');
    expect(gcj.route(x, y).grid?.id).toBe(router.route(wx, wy).grid?.id);
    expect(gcj.route(x, y).grid?.id).not.toBe(router.route(x, y).grid?.id);
    expect([...gcj.routeBatch(new Float64Array([x, y]))]).toEqual([router.locate(wx, wy)]);
  });
});

describe('createRouter: overlapping input', () => {
  const gridSet = load('packages/core/test/fixtures/routing/overlapping-squares.geojson');
  const router = createRouter(gridSet);

  it('reports the overlap with both ids, its area in m² and the owner', () => {
    const overlaps = router.overlaps();
    expect(overlaps).toHaveLength(1);
    const expected = ellipsoidalArea({
      type: 'Polygon',
      coordinates: [
        [
          [109.01, 32.7],
          [109.02, 32.7],
          [109.02, 32.72],
          [109.01, 32.72],
          [109.01, 32.7],
        ],
      ],
    });
    expect(overlaps[0]).toMatchObject({ grids: ['a', 'b'], owner: 'a' });
    expect(overlaps[0].area_m2 / expected).toBeCloseTo(1, 6);
  });

  it('gives the overlap to the smallest id, whatever the input order', () => {
    expect(router.route(109.015, 32.71).grid?.id).toBe('a');
    expect(createRouter(shuffled(gridSet, 1)).route(109.015, 32.71).grid?.id).toBe('a');
  });

  it('finds no overlap in a clean tiling', () => {
    expect(createRouter(load('data/demo/grids.geojson')).overlaps()).toEqual([]);
  });
});

describe('createRouter: property', () => {
  it('on random rectangular tilings, every point of the tiling routes to exactly one grid that contains it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 2 ** 31 }), (nx, ny, seed) => {
        const at = (v: number) => Math.round(v * 1e7) / 1e7;
        const xs = [109];
        const ys = [32.7];
        const rng = mulberry32(seed);
        for (let i = 0; i < nx; i++) xs.push(at(xs[i] + 0.0005 + rng() * 0.002));
        for (let j = 0; j < ny; j++) ys.push(at(ys[j] + 0.0005 + rng() * 0.002));
        const features = [];
        for (let i = 0; i < nx; i++)
          for (let j = 0; j < ny; j++) {
            features.push({
              type: 'Feature',
              properties: { id: `c${i}-${j}` },
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [xs[i], ys[j]],
                    [xs[i + 1], ys[j]],
                    [xs[i + 1], ys[j + 1]],
                    [xs[i], ys[j + 1]],
                    [xs[i], ys[j]],
                  ],
                ],
              },
            });
          }
        const r = parseGrids({ type: 'FeatureCollection', features });
        if (!r.ok) throw new Error('bad tiling');
        const router = createRouter(r.gridSet);
        // Every lattice point and midpoint, including the outer ones.
        for (let i = 0; i <= 2 * nx; i++)
          for (let j = 0; j <= 2 * ny; j++) {
            const x = i % 2 ? (xs[(i - 1) / 2] + xs[(i + 1) / 2]) / 2 : xs[i / 2];
            const y = j % 2 ? (ys[(j - 1) / 2] + ys[(j + 1) / 2]) / 2 : ys[j / 2];
            const g = router.locate(x, y);
            expect(g).toBeGreaterThanOrEqual(0);
            const [bx0, by0, bx1, by1] = r.gridSet.grids[g].bbox;
            expect(x >= bx0 && x <= bx1 && y >= by0 && y <= by1).toBe(true);
          }
      }),
      { numRuns: 100 },
    );
  });
});

describe('createRouter from flat coordinates', () => {
  it('answers as the GeoJSON build and the brute-force reference on random Voronoi tilings, on and off the borders', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 0, max: 2 ** 31 }), (grids, seed) => {
        const r = parseGrids(
          voronoiTiling({ grids, seed, bbox: [109.0, 32.7, 109.05, 32.75], verticesPerPolygon: 24, multiPartShare: 0.2, holeShare: 0.1 }),
        );
        if (!r.ok) throw new Error(r.problems[0].message);
        const flat = flattenGrids(r.gridSet);
        const fromFlat = createRouter(r.gridSet, { flat });
        const fromGeoJson = createRouter(r.gridSet);
        const rng = mulberry32(seed);
        const coords = new Float64Array(2000);
        for (let i = 0; i < coords.length; i += 2) {
          coords[i] = 108.998 + rng() * 0.054;
          coords[i + 1] = 32.698 + rng() * 0.054;
        }
        const batch = fromFlat.routeBatch(coords);
        for (let i = 0; i < coords.length; i += 2) {
          const expected = referenceLocate(r.gridSet, coords[i], coords[i + 1]);
          expect(fromFlat.locate(coords[i], coords[i + 1])).toBe(expected);
          expect(fromGeoJson.locate(coords[i], coords[i + 1])).toBe(expected);
          expect(batch[i / 2]).toBe(expected);
        }
        // Every vertex: exactly on borders, where the border rule decides.
        for (let v = 0; v < flat.coords.length; v += 2)
          expect(fromFlat.locate(flat.coords[v], flat.coords[v + 1])).toBe(fromGeoJson.locate(flat.coords[v], flat.coords[v + 1]));
      }),
      { numRuns: 30 },
    );
  });

  it('keeps the arrays it is handed and lays them out as the grids are (parts in grid order, rings closed)', () => {
    const gridSet = load('packages/core/test/fixtures/routing/holes-enclaves-multipart.geojson');
    const flat = flattenGrids(gridSet);
    const parts = gridSet.grids.flatMap((g, i) => (g.geometry.type === 'Polygon' ? [i] : g.geometry.coordinates.map(() => i)));
    expect([...flat.partGrid]).toEqual(parts);
    expect(flat.partRing[flat.partRing.length - 1]).toBe(flat.ringStart.length - 1);
    expect(flat.coords.length).toBe(2 * flat.ringStart[flat.ringStart.length - 1]);
    expect(createRouter(gridSet, { flat }).routeBatch(new Float64Array([109.0105, 32.7105]))[0]).toBe(
      createRouter(gridSet).locate(109.0105, 32.7105),
    );
  });

  it('refuses flat arrays that do not describe the grid set, naming what is wrong', () => {
    const gridSet = load('packages/core/test/fixtures/routing/holes-enclaves-multipart.geojson');
    const flat = flattenGrids(gridSet);
    const reversed = { ...gridSet, grids: [...gridSet.grids].reverse() };
    expect(() => createRouter(reversed, { flat })).toThrow(/parts of grid .* span .* its bbox/);
    expect(() => createRouter(gridSet, { flat: { ...flat, partGrid: flat.partGrid.map((g) => g + 100) } })).toThrow(/names grid/);
    expect(() => createRouter(gridSet, { flat: { ...flat, coords: flat.coords.subarray(2) } })).toThrow(/offsets/);
    const open = flat.coords.slice();
    open[2 * (flat.ringStart[1] - 1)] += 1e-9; // ring 0's closing vertex moved off its first
    expect(() => createRouter(gridSet, { flat: { ...flat, coords: open } })).toThrow(/ring 0 of part 0 is not closed/);
    try {
      createRouter(gridSet, { flat: { ...flat, partRing: flat.partRing.subarray(1) } });
      expect.unreachable();
    } catch (e) {
      expect((e as { code?: string }).code).toBe('CG_ERR_OPTION');
    }
  });
});
