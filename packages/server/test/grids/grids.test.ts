import { describe, expect, test } from 'vitest';
import { build, buildWithGrids, fixture, fixtureText } from '../helper.ts';
import type { FeatureCollection } from 'geojson';

interface Collection {
  type: string;
  features: { id: string; properties: Record<string, unknown>; geometry: { type: string } }[];
}

describe('GET /api/grids', () => {
  test('answers an empty FeatureCollection before any import', async (t) => {
    const app = await build(t);
    const res = await app.inject('/api/grids');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ type: 'FeatureCollection', features: [] });
  });

  test('serves each grid with its original properties plus id, name, level, parent, area_m2', async (t) => {
    const app = await buildWithGrids(t);
    const body = (await app.inject('/api/grids')).json<Collection>();
    expect(body.features.map((f) => f.id)).toEqual(['A1', 'A2', 'B1', 'B2']);
    const a1 = body.features[0];
    expect(a1.geometry.type).toBe('Polygon');
    expect(a1.properties).toMatchObject({ id: 'A1', name: '西南网格', level: 3, parent: 'T1', code: '610902001001000' });
    // 0.01° × 0.01° at 32.685° N: 1113 m × 935 m ≈ 1.04 km².
    expect(a1.properties.area_m2).toBeGreaterThan(1.03e6);
    expect(a1.properties.area_m2).toBeLessThan(1.05e6);
  });
});

describe('POST /api/grids', () => {
  test('imports a FeatureCollection and answers 201 with the count', async (t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: '/api/grids', payload: fixture('grid-2x2/grids.geojson') });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ version: 1, published: true, current: 1, rerouted: 0, imported: 4 });
    expect(app.store.gridSet()?.grids.length).toBe(4);
  });

  test('accepts application/geo+json', async (t) => {
    const app = await build(t);
    const res = await app.inject({
      method: 'POST',
      url: '/api/grids',
      headers: { 'content-type': 'application/geo+json' },
      payload: fixtureText('grid-2x2/grids.geojson'),
    });
    expect(res.statusCode).toBe(201);
  });

  test('reads ids from the property named by idField', async (t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: '/api/grids?idField=code', payload: fixture('grid-2x2/grids.geojson') });
    expect(res.statusCode).toBe(201);
    const ids = (await app.inject('/api/grids')).json<Collection>().features.map((f) => f.id);
    expect(ids).toEqual(['610902001001000', '610902001001001', '610902001001002', '610902001001003']);
  });

  test('with publish=true replaces the previous grids whole', async (t) => {
    const app = await buildWithGrids(t);
    const fc = fixture<Collection>('grid-2x2/grids.geojson');
    fc.features = fc.features.slice(0, 1);
    const res = await app.inject({ method: 'POST', url: '/api/grids?publish=true', payload: fc });
    expect(res.json()).toEqual({ version: 2, published: true, current: 2, rerouted: 0, imported: 1 });
    expect((await app.inject('/api/grids')).json<Collection>().features.map((f) => f.id)).toEqual(['A1']);
  });

  test('lists every bad feature with index, id and fix, and keeps the previous grids', async (t) => {
    const app = await buildWithGrids(t);
    const res = await app.inject({ method: 'POST', url: '/api/grids', payload: fixture('bad-grids.geojson') });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toMatch(/^CG_ERR_/);
    expect(body.fix).toEqual(expect.any(String));
    const found = body.problems.map((p: { code: string; index: number; id: string }) => [p.code, p.index, p.id]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['CG_ERR_RING_UNCLOSED', 1, 'open'],
        ['CG_ERR_COORD_SWAPPED', 2, 'swapped'],
        ['CG_ERR_GEOMETRY_TYPE', 4, 'line'],
        ['CG_ERR_ID_DUPLICATE', 3, 'ok'],
      ]),
    );
    for (const p of body.problems) expect(p.fix).toEqual(expect.any(String));
    expect((await app.inject('/api/grids')).json<Collection>().features).toHaveLength(4);
  });

  test.for([
    ['a Feature', { type: 'Feature', properties: {}, geometry: null }, 'CG_ERR_NOT_FEATURE_COLLECTION'],
    ['an array', [1, 2], 'CG_ERR_NOT_FEATURE_COLLECTION'],
    ['an empty collection', { type: 'FeatureCollection', features: [] }, 'CG_ERR_EMPTY_COLLECTION'],
  ] as const)('refuses %s with 400 %s', async ([, payload, code], t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: '/api/grids', payload: payload as object });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: code, problems: [{ code }] });
    expect(app.store.gridSet()).toBeNull();
  });

  test('refuses malformed JSON with 400 CG_ERR_NOT_JSON quoting the parser', async (t) => {
    const app = await build(t);
    const res = await app.inject({
      method: 'POST',
      url: '/api/grids',
      headers: { 'content-type': 'application/json' },
      payload: '{"type": "FeatureCollection", "features": [',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_NOT_JSON', message: expect.stringMatching(/^not valid JSON: .*JSON/) });
  });

  test('refuses grids that overlap with 422 CG_ERR_COVERAGE_INVALID naming the grids and m², and stores nothing', async (t) => {
    const app = await buildWithGrids(t);
    const before = (await app.inject('/api/grids')).json<Collection>();
    const res = await app.inject({ method: 'POST', url: '/api/grids', payload: fixture('coverage-overlap.geojson') });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body).toMatchObject({ error: 'CG_ERR_COVERAGE_INVALID', fix: expect.stringContaining('force=true') });
    expect(body.problems).toHaveLength(1);
    expect(body.problems[0]).toMatchObject({
      code: 'CG_ERR_COVERAGE_INVALID',
      kind: 'overlap',
      grids: ['A1', 'A2'],
      fix: expect.any(String),
    });
    expect(body.problems[0].area_m2).toBeCloseTo(TRIANGLE_M2, -3);
    expect(body.problems[0].message).toBe('grids A1 and A2 overlap by 52,003 m²');
    expect(body.message).toContain('A1 and A2');
    expect((await app.inject('/api/grids')).json()).toEqual(before);
  });

  test('imports grids with a gap when force=true and lists the problems beside imported', async (t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: '/api/grids?force=true', payload: fixture('coverage-gap.geojson') });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.imported).toBe(4);
    expect(body.problems).toMatchObject([
      {
        kind: 'gap',
        grids: expect.arrayContaining(['A1', 'A2']),
        message: expect.stringMatching(/^gap of 52,003 m² between grids A1, A2/),
      },
    ]);
    expect(app.store.gridSet()?.grids.length).toBe(4);
  });

  test.for([
    ['force=yes', 'querystring/force'],
    ['force=', 'querystring/force'],
    ['idField=', 'querystring/idField'],
  ])('refuses %s with 400 naming %s', async ([query, where], t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: `/api/grids?${query}`, payload: fixture('grid-2x2/grids.geojson') });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_VALIDATION', message: expect.stringContaining(where) });
    expect(app.store.gridSet()).toBeNull();
  });

  test('refuses a non-JSON content type with 415', async (t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: '/api/grids', headers: { 'content-type': 'text/csv' }, payload: 'id,lon,lat\n' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_UNSUPPORTED_MEDIA', message: expect.stringContaining('text/csv') });
  });
});

// The fixtures' defect: A1's midpoint on its border with A2 moved 0.001° east (overlap) or west
// (gap), a triangle 0.001° lon × 0.01° lat / 2. At 32.685° N on WGS84 one degree is
// 93,783.88 m east–west (N·cos φ·π/180) and 110,898.87 m north–south (M·π/180), so
// 0.5 × 93.78388 m × 1108.9887 m = 52,002.6 m².
const TRIANGLE_M2 = 52_002.6;

interface CoverageAnswer {
  valid: boolean;
  problems: {
    kind: string;
    grids: string[];
    geometry: { type: string; coordinates: number[][][] };
    area_m2?: number;
    width_m?: number;
    sliver?: true;
  }[];
  stats: { grids: number; unmatchedEdges: number };
}

describe('POST /api/grids/validate', () => {
  test('finds a clean 2×2 tiling valid, with no problems, and stores nothing', async (t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: '/api/grids/validate', payload: fixture('grid-2x2/grids.geojson') });
    expect(res.statusCode).toBe(200);
    const body = res.json<CoverageAnswer>();
    expect(body).toMatchObject({ valid: true, problems: [], stats: { grids: 4, unmatchedEdges: 0 } });
    expect(app.store.gridSet()).toBeNull();
  });

  test.for([
    // B1 and B2 meet the gap's apex, the central vertex, so core names them too.
    ['coverage-overlap.geojson', 'overlap', ['A1', 'A2'], [109.011, 32.685]],
    ['coverage-gap.geojson', 'gap', ['A1', 'A2', 'B1', 'B2'], [109.009, 32.685]],
  ] as const)('reports %s as one %s of grids %j with its area in m² and its GeoJSON triangle', async ([file, kind, grids, apex], t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: '/api/grids/validate', payload: fixture(file) });
    expect(res.statusCode).toBe(200);
    const body = res.json<CoverageAnswer>();
    expect(body.valid).toBe(false);
    expect(body.problems).toHaveLength(1);
    const [p] = body.problems;
    expect(p).toMatchObject({ kind, grids });
    expect(Math.abs(p.area_m2! / TRIANGLE_M2 - 1)).toBeLessThan(0.01);
    expect(p.geometry.type).toBe('Polygon');
    expect(p.geometry.coordinates[0]).toContainEqual(apex);
    expect(p.width_m).toBeGreaterThan(90);
    expect(p.sliver).toBeUndefined();
  });

  test('flags a piece narrower than sliverWidth as a sliver', async (t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: '/api/grids/validate?sliverWidth=100', payload: fixture('coverage-gap.geojson') });
    expect(res.json<CoverageAnswer>().problems[0].sliver).toBe(true);
  });

  test('lists every unparseable feature with 400, as the import does', async (t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: '/api/grids/validate', payload: fixture('bad-grids.geojson') });
    expect(res.statusCode).toBe(400);
    const codes = res.json().problems.map((p: { code: string }) => p.code);
    expect(codes).toEqual(
      expect.arrayContaining(['CG_ERR_RING_UNCLOSED', 'CG_ERR_COORD_SWAPPED', 'CG_ERR_GEOMETRY_TYPE', 'CG_ERR_ID_DUPLICATE']),
    );
  });

  test.for([
    ['sliverWidth=-1', 'querystring/sliverWidth'],
    ['sliverWidth=', 'querystring/sliverWidth'],
    ['sliverWidth=0x10', 'querystring/sliverWidth'],
    ['sliverWidth=wide', 'querystring/sliverWidth'],
    ['idField=', 'querystring/idField'],
  ])('refuses %s with 400 naming %s', async ([query, where], t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: `/api/grids/validate?${query}`, payload: fixture('grid-2x2/grids.geojson') });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_VALIDATION', message: expect.stringContaining(where) });
  });
});

describe('checking grids against the loaded boundaries', () => {
  const withBoundaries = async (t: Parameters<typeof build>[0]) => {
    const app = await build(t);
    await app.store.replaceBoundaries(fixture<FeatureCollection>('grid-2x2/boundaries.geojson'));
    return app;
  };

  test('parent=T1: the 2×2 covers its town exactly; parent=610902: the rest of the district is an inlet', async (t) => {
    const app = await withBoundaries(t);
    const town = await app.inject({ method: 'POST', url: '/api/grids/validate?parent=T1', payload: fixture('grid-2x2/grids.geojson') });
    expect(town.json<CoverageAnswer>()).toMatchObject({ valid: true, problems: [] });
    const district = (
      await app.inject({ method: 'POST', url: '/api/grids/validate?parent=610902', payload: fixture('grid-2x2/grids.geojson') })
    ).json<CoverageAnswer>();
    expect(district.valid).toBe(false);
    expect(district.problems.map((p) => p.kind)).toEqual(['uncovered-parent']);
    // 0.04° × 0.04° district minus the 0.02° × 0.02° town: three quarters of ~16.6 km².
    expect(district.problems[0].area_m2! / 1e6).toBeCloseTo(12.46, 1);
  });

  test('an unknown parent is a 400 naming it, for validate, repair and import alike', async (t) => {
    const app = await withBoundaries(t);
    for (const url of ['/api/grids/validate?parent=T9', '/api/grids/repair?parent=T9', '/api/grids?parent=T9']) {
      const res = await app.inject({ method: 'POST', url, payload: fixture('grid-2x2/grids.geojson') });
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toMatchObject({ error: 'CG_ERR_UNKNOWN_PARENT', message: expect.stringContaining('"T9"') });
    }
    expect(app.store.gridSet()).toBeNull();
  });

  test('import refuses a grid whose parent is no loaded boundary (hierarchy, 422), and stores nothing', async (t) => {
    const app = await withBoundaries(t);
    const fc = fixture<FeatureCollection>('grid-2x2/grids.geojson');
    fc.features[0].properties!.parent = 'T9';
    const res = await app.inject({ method: 'POST', url: '/api/grids', payload: fc });
    expect(res.statusCode).toBe(422);
    expect(res.json().problems).toEqual([expect.objectContaining({ kind: 'hierarchy', grids: ['A1'] })]);
    expect(app.store.gridSet()).toBeNull();
    expect((await app.inject({ method: 'POST', url: '/api/grids?parent=T1', payload: fixture('grid-2x2/grids.geojson') })).statusCode).toBe(
      201,
    );
  });
});

describe('POST /api/grids/repair', () => {
  test('gives the overlap to one grid, answers the repaired grids and the m² moved; the answer imports cleanly', async (t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: '/api/grids/repair', payload: fixture('coverage-overlap.geojson') });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.valid).toBe(true);
    expect(body.actions).toEqual([expect.objectContaining({ kind: 'overlap', from: [expect.any(String)] })]);
    expect(Math.abs(body.actions[0].area_m2 / TRIANGLE_M2 - 1)).toBeLessThan(0.01);
    expect(body.changes).toHaveLength(1);
    expect(body.grids.features).toHaveLength(4);
    expect(app.store.gridSet()).toBeNull(); // nothing stored
    expect((await app.inject({ method: 'POST', url: '/api/grids', payload: body.grids })).statusCode).toBe(201);
  });

  test('leaves a gap wider than gapWidth (valid: false, listed) and fills it when allowed', async (t) => {
    const app = await build(t);
    const left = (await app.inject({ method: 'POST', url: '/api/grids/repair', payload: fixture('coverage-gap.geojson') })).json();
    expect(left).toMatchObject({ valid: false, actions: [], problems: [expect.objectContaining({ kind: 'gap' })] });
    const filled = (
      await app.inject({
        method: 'POST',
        url: '/api/grids/repair?gapWidth=500&strategy=lowest-id',
        payload: fixture('coverage-gap.geojson'),
      })
    ).json();
    expect(filled).toMatchObject({ valid: true, problems: [], actions: [expect.objectContaining({ kind: 'gap' })] });
  });

  test.for([
    ['strategy=biggest', 'querystring/strategy'],
    ['gapWidth=-1', 'querystring/gapWidth'],
    ['snapTolerance=x', 'querystring/snapTolerance'],
  ])('refuses %s with 400 naming %s', async ([query, where], t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: `/api/grids/repair?${query}`, payload: fixture('grid-2x2/grids.geojson') });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_VALIDATION', message: expect.stringContaining(where) });
  });
});
