import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { createDispatcher, type DispatcherOptions, type RouteLike } from '../../src/dispatch/create-dispatcher.ts';
import { DEFAULT_DISPATCH_RULES, type DispatchRules } from '../../src/dispatch/dispatch-rules.ts';
import type { CorridorFeature, CorridorProperties } from '../../src/dispatch/corridor-index.ts';
import { parseGrids } from '../../src/grids/parse-grids.ts';
import { createRouter } from '../../src/routing/create-router.ts';
import { distanceToSegment, latitudeAtDistance, longitudeAtDistance } from '../crs/geodesic.ts';

// Synthetic geometry around central Lu'an (六安, seed 002); ids and names are made up.
const LAT = 31.74;
const WEST = 116.48;
const EAST = 116.56;

interface FakeRoute extends RouteLike {
  grid: { id: string } | null;
  path: string[];
  match: 'inside' | 'none';
}

/** A tiny router: two side-by-side grids split at 116.52°E; it records what it was asked. */
function fakeRouter() {
  const calls: Array<[number, number]> = [];
  const grids = [
    { id: '341502001001001', bbox: [116.47, 31.7, 116.52, 31.78] },
    { id: '341502001001002', bbox: [116.52, 31.7, 116.57, 31.78] },
  ];
  return {
    calls,
    route(lon: number, lat: number): FakeRoute {
      calls.push([lon, lat]);
      const g = grids.find(({ bbox: [x0, y0, x1, y1] }) => lon >= x0 && lon < x1 && lat >= y0 && lat <= y1);
      return g
        ? { grid: { id: g.id }, path: ['341502', '341502001', g.id], match: 'inside', distance_m: 0 }
        : { grid: null, path: [], match: 'none', distance_m: 1234 };
    },
  };
}

function road(id: string, coordinates: number[][], props: Partial<CorridorProperties> = {}): CorridorFeature {
  return {
    type: 'Feature',
    properties: { id, name: `路 ${id}`, width_m: 20, owner: '市联勤执法支队', ...props },
    geometry: { type: 'LineString', coordinates },
  };
}

/** An east-west road along LAT, 20 m wide. */
const mainRoad = road('R1', [
  [WEST, LAT],
  [EAST, LAT],
]);
const north = (m: number, lon = 116.5) => latitudeAtDistance(lon, LAT, m);

function dispatcher(options: Partial<DispatcherOptions<FakeRoute>> = {}) {
  const router = fakeRouter();
  return { router, d: createDispatcher<FakeRoute>({ router, rules: DEFAULT_DISPATCH_RULES, ...options }) };
}

describe('rules: exact code beats longest prefix beats default', () => {
  const rules: DispatchRules = {
    prefixes: { '06': '城管', '0601': '环卫所', '08': '住建' },
    categories: { '06010': '街道办', '10001': '市政' },
  };
  const cases: Array<[string, string, string, string]> = [
    ['06010', '街道办', 'category', 'an exact code beats both of its prefixes'],
    ['06011', '环卫所', 'prefix', 'the longer prefix 0601 beats 06'],
    ['06001', '城管', 'prefix', 'only 06 matches'],
    ['08004', '住建', 'prefix', '大类 08 as a prefix'],
    ['10001', '市政', 'category', 'an exact code with no prefix rule'],
    ['10002', '综合执法局', 'default', 'no rule matches'],
    ['', '综合执法局', 'default', 'an empty category matches no prefix'],
    ['6', '综合执法局', 'default', 'a code shorter than every prefix'],
  ];
  const { d } = dispatcher({ rules, defaultDepartment: '综合执法局' });
  it.each(cases)('%s → %s by %s: %s', (category, department, rule) => {
    const r = d.dispatch({ lon: 116.5, lat: 31.75, category });
    expect(r).toMatchObject({ department, rule, owner: 'grid', grid_id: '341502001001001' });
    expect(r.corridor).toBeUndefined();
  });
});

describe('rules are copied at creation', () => {
  it("ignores later changes to the caller's table", () => {
    const rules = { prefixes: { '06': '城管' } as Record<string, string> };
    const { d } = dispatcher({ rules });
    rules.prefixes['06'] = '';
    expect(d.dispatch({ lon: 116.5, lat: 31.75, category: '06010' }).department).toBe('城管');
  });
});

describe('DEFAULT_DISPATCH_RULES (illustrative "4+X" table of seed 002)', () => {
  const cases: Array<[string, string, string]> = [
    ['06010', '城管', 'prefix'], // 暴露垃圾
    ['07001', '城管', 'prefix'], // 非法小广告
    ['08004', '住建', 'prefix'], // 工地扬尘
    ['09005', '城管', 'prefix'], // 店外经营
    ['09001', '市场监管', 'category'], // 无照经营游商
    ['09009', '公安交警', 'category'], // 机动车乱停放
    ['02001', '交通运输', 'prefix'], // a 交通设施 fault
    ['10001', '城管', 'default'], // 道路积雪、结冰: the default department
  ];
  const { d } = dispatcher();
  it.each(cases)('%s → %s by %s', (category, department, rule) => {
    expect(d.dispatch({ lon: 116.5, lat: 31.75, category })).toMatchObject({ department, rule });
  });

  it('is frozen, so a caller cannot change the default for everyone', () => {
    expect(Object.isFrozen(DEFAULT_DISPATCH_RULES)).toBe(true);
    expect(Object.isFrozen(DEFAULT_DISPATCH_RULES.prefixes)).toBe(true);
  });
});

describe('corridors: half-width in metres on the ellipsoid', () => {
  const { d } = dispatcher({ corridors: [mainRoad] });

  it.each<[string, number, number | null]>([
    ['9 m north of a 20 m road is on it', north(9), 9],
    ['11 m north of a 20 m road is not', north(11), null],
    ['9 m south is on it', north(-9), 9],
    ['11 m south is not', north(-11), null],
    ['on the centre line', LAT, 0],
    ['10 m (less a micrometre) is on it: the edge counts as inside', north(10 - 1e-6), 10],
  ])('%s', (_why, lat, distance) => {
    const r = d.dispatch({ lon: 116.5, lat, category: '09009' });
    if (distance !== null) {
      expect(r).toMatchObject({ owner: 'corridor', rule: 'corridor', department: '市联勤执法支队', corridor: { id: 'R1', name: '路 R1' } });
      expect(Math.abs(r.corridor!.distance_m - distance)).toBeLessThan(0.001);
    } else {
      expect(r).toMatchObject({ owner: 'grid', rule: 'category', department: '公安交警' });
      expect(r.corridor).toBeUndefined();
    }
  });

  it('has round ends: 9 m beyond the end of the line is on it, 11 m is not', () => {
    expect(d.dispatch({ lon: longitudeAtDistance(EAST, LAT, 9), lat: LAT, category: '06010' }).owner).toBe('corridor');
    expect(d.dispatch({ lon: longitudeAtDistance(EAST, LAT, 11), lat: LAT, category: '06010' }).owner).toBe('grid');
  });

  it('keeps the grid of a corridor report, and dispatches one outside every grid', () => {
    const inGrid = d.dispatch({ lon: 116.53, lat: north(5, 116.53), category: '06010' });
    expect(inGrid).toMatchObject({
      grid_id: '341502001001002',
      owner: 'corridor',
      match: 'inside',
      path: ['341502', '341502001', '341502001001002'],
    });
    // The road runs on to 116.56; grids end at 116.57 → use a road beyond them.
    const outer = createDispatcher<FakeRoute>({
      router: fakeRouter(),
      corridors: [
        road(
          'G206',
          [
            [116.58, 31.7],
            [116.58, 31.8],
          ],
          { width_m: 30 },
        ),
      ],
    });
    const r = outer.dispatch({ lon: longitudeAtDistance(116.58, 31.75, 10), lat: 31.75, category: '06010' });
    expect(r).toMatchObject({
      grid_id: null,
      path: [],
      match: 'none',
      distance_m: 1234,
      owner: 'corridor',
      department: '市联勤执法支队',
      corridor: { id: 'G206' },
    });
  });

  it('agrees with brute-force ellipsoidal distance on a diagonal road, to the millimetre', () => {
    const a: [number, number] = [116.49, 31.71];
    const b: [number, number] = [116.55, 31.77];
    let inside = 0;
    let outside = 0;
    const diag = createDispatcher<FakeRoute>({ router: fakeRouter(), corridors: [road('D', [a, b], { width_m: 60 })] });
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: -12_000, max: 12_000 }), (t, off7) => {
        const off = off7 * 1e-7; // ±0.0012° of longitude, about ±110 m
        const p: [number, number] = [a[0] + t * (b[0] - a[0]) + off, a[1] + t * (b[1] - a[1])];
        const exact = distanceToSegment(p, a, b);
        const r = diag.dispatch({ lon: p[0], lat: p[1], category: '06010' });
        if (Math.abs(exact - 30) < 0.005) return true; // too close to the edge to call
        if (exact < 30) {
          inside++;
          return r.owner === 'corridor' && Math.abs(r.corridor!.distance_m - exact) < 0.001;
        }
        outside++;
        return r.owner === 'grid';
      }),
      { numRuns: 300 },
    );
    expect(inside).toBeGreaterThan(30); // both sides of the edge were exercised
    expect(outside).toBeGreaterThan(30);
  });
});

describe('corridors: categories they own', () => {
  const { d } = dispatcher({ corridors: [road('R1', mainRoad.geometry.coordinates as number[][], { categories: ['06', '09006'] })] });
  it.each<[string, 'corridor' | 'grid', string]>([
    ['06010', 'corridor', 'the corridor owns all of 大类 06'],
    ['09006', 'corridor', 'the corridor owns the exact code 09006'],
    ['09009', 'grid', 'not owned: the category rule applies on the road too'],
    ['07001', 'grid', 'not owned'],
  ])('%s on the road goes to the %s: %s', (category, owner) => {
    expect(d.dispatch({ lon: 116.5, lat: north(3), category }).owner).toBe(owner);
  });
});

describe('corridors: overlaps are resolved deterministically', () => {
  it('the nearest line wins where two corridors overlap', () => {
    const near = road(
      'Z-near',
      [
        [WEST, north(6)],
        [EAST, north(6)],
      ],
      { width_m: 40, owner: '河道所' },
    );
    const far = road(
      'A-far',
      [
        [WEST, LAT],
        [EAST, LAT],
      ],
      { width_m: 40 },
    );
    for (const corridors of [
      [near, far],
      [far, near],
    ]) {
      const { d } = dispatcher({ corridors });
      const r = d.dispatch({ lon: 116.5, lat: north(4), category: '06010' });
      expect(r.corridor?.id).toBe('Z-near');
      expect(r.department).toBe('河道所');
      expect(r.corridor!.distance_m).toBeCloseTo(2, 2);
    }
  });

  it('coincident lines: the smallest id wins whatever the input order', () => {
    const b = road(
      'b',
      [
        [WEST, LAT],
        [EAST, LAT],
      ],
      { owner: 'B队' },
    );
    const a = road(
      'a',
      [
        [EAST, LAT],
        [WEST, LAT],
      ],
      { owner: 'A队' },
    );
    for (const corridors of [
      [a, b],
      [b, a],
    ]) {
      expect(dispatcher({ corridors }).d.dispatch({ lon: 116.5, lat: north(5), category: '06010' }).corridor?.id).toBe('a');
    }
  });

  it('a corridor that does not own the category yields to one that does, even if farther', () => {
    const rivers = road(
      'river',
      [
        [WEST, north(2)],
        [EAST, north(2)],
      ],
      { width_m: 30, owner: '水务', categories: ['06010'] },
    );
    const { d } = dispatcher({ corridors: [rivers, mainRoad] });
    expect(d.dispatch({ lon: 116.5, lat: north(3), category: '09009' }).corridor?.id).toBe('R1');
    expect(d.dispatch({ lon: 116.5, lat: north(3), category: '06010' }).corridor?.id).toBe('river');
  });

  it('a MultiLineString corridor is on any of its parts', () => {
    const multi: CorridorFeature = {
      type: 'Feature',
      properties: { id: 'M', width_m: 20, owner: '市队' },
      geometry: {
        type: 'MultiLineString',
        coordinates: [
          [
            [WEST, LAT],
            [116.49, LAT],
          ],
          [
            [116.53, LAT],
            [EAST, LAT],
          ],
        ],
      },
    };
    const { d } = dispatcher({ corridors: { type: 'FeatureCollection', features: [multi] } });
    expect(d.dispatch({ lon: 116.54, lat: north(5, 116.54), category: '06010' })).toMatchObject({
      owner: 'corridor',
      corridor: { id: 'M', name: 'M' },
    });
    expect(d.dispatch({ lon: 116.51, lat: LAT, category: '06010' }).owner).toBe('grid');
  });
});

describe('coordinate systems', () => {
  it('converts a GCJ-02 report to WGS84 before routing and before the corridor test', () => {
    const { d, router } = dispatcher({ corridors: [mainRoad] });
    const wgs: [number, number] = [116.5, north(5)];
    const gcj = gcoord.transform([...wgs], gcoord.WGS84, gcoord.GCJ02);
    const r = d.dispatch({ lon: gcj[0], lat: gcj[1], category: '06010', crs: 'GCJ-02' });
    expect(r.owner).toBe('corridor');
    expect(r.corridor!.distance_m).toBeCloseTo(5, 1);
    expect(Math.abs(router.calls[0][0] - wgs[0])).toBeLessThan(1e-6);
    // Unconverted, the same numbers are ~530 m off and miss the 20 m road.
    expect(d.dispatch({ lon: gcj[0], lat: gcj[1], category: '06010' }).owner).toBe('grid');
  });

  it('converts corridors drawn on a GCJ-02 map (corridorCrs)', () => {
    const gcjRoad = road('R1', [
      gcoord.transform([WEST, LAT], gcoord.WGS84, gcoord.GCJ02),
      gcoord.transform([EAST, LAT], gcoord.WGS84, gcoord.GCJ02),
    ]);
    const { d } = dispatcher({ corridors: [gcjRoad], corridorCrs: 'gcj02' });
    expect(d.dispatch({ lon: 116.5, lat: north(9), category: '06010' }).owner).toBe('corridor');
    expect(gcjRoad.geometry.coordinates[0][0]).not.toBe(WEST); // input not modified
  });

  it('rejects an unknown report crs and malformed reports with catalogue codes', () => {
    const { d } = dispatcher();
    expect(() => d.dispatch({ lon: 116.5, lat: 31.75, category: '06010', crs: 'EPSG:3857' })).toThrow(
      expect.objectContaining({ code: 'CG_ERR_CRS_UNKNOWN' }),
    );
    expect(() => d.dispatch({ lon: NaN, lat: 31.75, category: '06010' })).toThrow(
      expect.objectContaining({ code: 'CG_ERR_REPORT_INVALID' }),
    );
    expect(() => d.dispatch({ lon: 116.5, lat: 31.75, category: 6010 as unknown as string })).toThrow(/category must be a code string/);
  });
});

describe('options are checked at creation, naming what is wrong', () => {
  const line = {
    type: 'LineString',
    coordinates: [
      [WEST, LAT],
      [EAST, LAT],
    ],
  };
  const feature = (properties: Record<string, unknown>, geometry: unknown = line) => ({ type: 'Feature', properties, geometry });
  const ok = { id: 'R9', width_m: 20, owner: '市队' };
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['missing width', { corridors: [feature({ id: 'R9', owner: '市队' })] }, /feature 0 \(id "R9"\): corridor has no width_m/],
    ['negative width', { corridors: [feature({ ...ok, width_m: -5 })] }, /id "R9".*width_m must be a positive number of metres, got -5/],
    ['zero width', { corridors: [feature({ ...ok, width_m: 0 })] }, /width_m must be a positive number of metres, got 0/],
    ['width as text', { corridors: [feature({ ...ok, width_m: '20' })] }, /width_m must be a positive number of metres, got "20"/],
    [
      'polygon geometry',
      {
        corridors: [
          feature(ok, {
            type: 'Polygon',
            coordinates: [
              [
                [WEST, LAT],
                [EAST, LAT],
                [EAST, 31.75],
                [WEST, LAT],
              ],
            ],
          }),
        ],
      },
      /id "R9".*expected LineString or MultiLineString, got Polygon/,
    ],
    ['no geometry', { corridors: [feature(ok, null)] }, /expected LineString or MultiLineString, got null/],
    [
      'a one-point line',
      { corridors: [feature(ok, { type: 'LineString', coordinates: [[WEST, LAT]] })] },
      /line 0 has 1 positions, fewer than 2/,
    ],
    [
      'projected metres',
      {
        corridors: [
          feature(ok, {
            type: 'LineString',
            coordinates: [
              [12970587, 3728674],
              [12971587, 3728674],
            ],
          }),
        ],
      },
      /outside lon −180…180/,
    ],
    ['missing owner', { corridors: [feature({ id: 'R9', width_m: 20 })] }, /id "R9".*owner must be a non-empty string/],
    ['missing id', { corridors: [feature({ width_m: 20, owner: '市队' })] }, /feature 0: corridor has no id/],
    ['empty categories', { corridors: [feature({ ...ok, categories: [] })] }, /categories must be a non-empty array/],
    ['duplicate ids', { corridors: [feature(ok), feature(ok)] }, /feature 1 \(id "R9"\): corridor id is also used by feature 0/],
    ['not a feature', { corridors: [line] }, /feature 0: corridor expected a GeoJSON Feature/],
    ['corridors not a collection', { corridors: { type: 'Feature' } }, /corridors: expected a FeatureCollection or an array/],
    ['rule with no department', { rules: { prefixes: { '06': '' } } }, /rules\.prefixes\["06"\]: department must be a non-empty string/],
    [
      'rule department not text',
      { rules: { categories: { '09009': 42 } } },
      /rules\.categories\["09009"\]: department must be a non-empty string, got 42/,
    ],
    ['unknown rules member', { rules: { exact: {} } }, /rules\.exact: unknown member/],
    ['empty default department', { defaultDepartment: ' ' }, /defaultDepartment: must be a non-empty string/],
    ['unknown corridor crs', { corridorCrs: 'EPSG:3857' }, /coordinate system "EPSG:3857" is not supported/],
  ];
  it.each(cases)('throws on %s', (_why, bad, message) => {
    expect(() => createDispatcher({ router: fakeRouter(), ...bad } as never)).toThrow(message);
  });

  it('throws without a router', () => {
    expect(() => createDispatcher({} as never)).toThrow(/router: expected an object with route\(lon, lat\), got undefined/);
  });

  it('lists every problem at once, with the catalogue code', () => {
    try {
      createDispatcher({
        router: fakeRouter(),
        corridors: [feature({ id: 'A', owner: 'x' }), feature({ id: 'B', width_m: -1, owner: 'x' })],
      } as never);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'CG_ERR_DISPATCH_CONFIG', http: 400 });
      expect((e as { problems: Array<{ id?: string }> }).problems.map((p) => p.id)).toEqual(['A', 'B']);
    }
  });

  it('accepts a numeric id and the feature id, and defaults the name to the id', () => {
    const { d } = dispatcher({ corridors: [{ ...feature({ width_m: 20, owner: '市队' }), id: 7 } as never] });
    expect(d.dispatch({ lon: 116.5, lat: LAT, category: '06010' }).corridor).toMatchObject({ id: '7', name: '7' });
  });
});

describe('with the real router (createRouter)', () => {
  // The 2x2 tiling fixture: 109.00–109.02°E, 32.70–32.72°N; a 30 m road along 109.01°E.
  const parsed = parseGrids(JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/tiling-2x2.geojson'), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.problems[0].message);
  const router = createRouter(parsed.gridSet);
  const d = createDispatcher({
    router,
    corridors: [
      road(
        'N1',
        [
          [109.01, 32.69],
          [109.01, 32.73],
        ],
        { width_m: 30 },
      ),
    ],
  });

  it("passes the router's grid, path, match and distance through", () => {
    const r = d.dispatch({ lon: 109.005, lat: 32.705, category: '09009' });
    const route = router.route(109.005, 32.705);
    expect(r).toMatchObject({
      grid_id: route.grid!.id,
      path: route.path,
      match: route.match,
      distance_m: route.distance_m,
      rule: 'category',
      department: '公安交警',
    });
  });

  it('gives a report on the road to the corridor owner and keeps its grid', () => {
    const lon = longitudeAtDistance(109.01, 32.705, 12);
    const r = d.dispatch({ lon, lat: 32.705, category: '06010' });
    expect(r).toMatchObject({ owner: 'corridor', department: '市联勤执法支队', grid_id: router.route(lon, 32.705).grid!.id });
    expect(r.corridor!.distance_m).toBeCloseTo(12, 2);
  });

  it('dispatches a report on the road beyond every grid with no grid', () => {
    const r = d.dispatch({ lon: 109.01, lat: 32.695, category: '06010' });
    expect(r).toMatchObject({ grid_id: null, owner: 'corridor', match: router.route(109.01, 32.695).match });
  });
});
