import { describe, expect, test } from 'vitest';
import { build, buildWithGrids, fixture, fixtureText } from '../helper.ts';

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
    expect(res.json()).toEqual({ imported: 4 });
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

  test('replaces the previous grids whole', async (t) => {
    const app = await buildWithGrids(t);
    const fc = fixture<Collection>('grid-2x2/grids.geojson');
    fc.features = fc.features.slice(0, 1);
    expect((await app.inject({ method: 'POST', url: '/api/grids', payload: fc })).statusCode).toBe(201);
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
    const res = await app.inject({ method: 'POST', url: '/api/grids', headers: { 'content-type': 'application/json' }, payload: '{"type": "FeatureCollection", "features": [' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_NOT_JSON', message: expect.stringMatching(/^not valid JSON: .*JSON/) });
  });

  test('refuses a non-JSON content type with 415', async (t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: '/api/grids', headers: { 'content-type': 'text/csv' }, payload: 'id,lon,lat\n' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_UNSUPPORTED_MEDIA', message: expect.stringContaining('text/csv') });
  });
});
