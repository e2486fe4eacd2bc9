import { describe, expect, test } from 'vitest';
import { toWgs84 } from '@citygrid/core';
import { build, buildWithGrids, fixture, FIXTURE_PATH, fixtureReports, loadBoundaries, loadFixture, sharedApp } from '../helper.ts';

// 0.0011° of longitude at 32.685° N is ~103 m: this point lies that far east of A2's east edge.
const EAST_OF_A2 = 'lon=109.0211&lat=32.685';

describe('GET /api/route', () => {
  const app = sharedApp(async (a) => {
    await loadFixture(a, false);
    await loadBoundaries(a);
  });

  test('answers the grid, its path, the match and the WGS84 point', async () => {
    const res = await app().inject('/api/route?lon=109.005&lat=32.685');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      grid: { id: 'A1', name: '西南网格', level: 3, parent: 'T1' },
      path: FIXTURE_PATH,
      match: 'inside',
      distance_m: 0,
      wgs84: [109.005, 32.685],
    });
  });

  test.for(fixtureReports().expected.map((r) => [r.id, r] as const))('routes fixture point %s as POST /api/reports does', async ([, r]) => {
    const body = (await app().inject(`/api/route?lon=${r.lon}&lat=${r.lat}`)).json();
    expect([body.grid?.id ?? null, body.match], r.why).toEqual([r.expect, r.match]);
  });

  test.for([
    ['a point on the A1|A2 north–south border goes east', 'lon=109.01&lat=32.685', 'A2'],
    ['the vertex all four share goes north-east', 'lon=109.01&lat=32.69', 'B2'],
    ['a point on the B1|B2 border goes east', 'lon=109.01&lat=32.695', 'B2'],
  ] as const)('%s', async ([, query, grid]) => {
    const body = (await app().inject(`/api/route?${query}`)).json();
    expect(body).toMatchObject({ grid: { id: grid }, match: 'border', distance_m: 0, path: FIXTURE_PATH });
  });

  test('matches the nearest grid within maxDistance metres', async () => {
    const body = (await app().inject(`/api/route?${EAST_OF_A2}&maxDistance=200`)).json();
    expect(body).toMatchObject({ grid: { id: 'A2' }, match: 'nearest', path: FIXTURE_PATH });
    expect(body.distance_m).toBeGreaterThan(95);
    expect(body.distance_m).toBeLessThan(110);
  });

  test.for([
    ['without maxDistance', ''],
    ['with maxDistance=0', '&maxDistance=0'],
    ['when the nearest grid is farther than maxDistance', '&maxDistance=50'],
  ])('answers outside %s', async ([, extra]) => {
    const body = (await app().inject(`/api/route?${EAST_OF_A2}${extra}`)).json();
    expect(body).toEqual({ grid: null, path: [], match: 'outside', distance_m: null, wgs84: [109.0211, 32.685] });
  });

  test('converts a gcj02 point before routing, into a different grid than the same numbers in WGS84', async () => {
    const gps = (await app().inject('/api/route?lon=109.012&lat=32.6885')).json();
    const mars = (await app().inject('/api/route?lon=109.012&lat=32.6885&crs=GCJ-02')).json();
    expect(gps.grid.id).toBe('A2');
    expect(mars.grid.id).toBe('B1');
    expect(mars.wgs84).toEqual(toWgs84(109.012, 32.6885, 'gcj02'));
  });

  test.for([
    ['lon missing', 'lat=32.685', 'CG_ERR_VALIDATION', 'querystring/lon is required'],
    ['lat missing', 'lon=109.005', 'CG_ERR_VALIDATION', 'querystring/lat is required'],
    ['lat not a number', 'lon=109.005&lat=north', 'CG_ERR_VALIDATION', 'querystring/lat must be a decimal number, got "north"'],
    ['lon empty (not 0)', 'lon=&lat=32.685', 'CG_ERR_VALIDATION', 'querystring/lon must be a decimal number, got ""'],
    ['lon in hex', 'lon=0x6d&lat=32.685', 'CG_ERR_VALIDATION', 'querystring/lon'],
    ['lon given twice', 'lon=109&lon=110&lat=32.685', 'CG_ERR_VALIDATION', 'querystring/lon'],
    ['swapped lon/lat', 'lon=32.685&lat=109.005', 'CG_ERR_COORD_SWAPPED', 'look like [lat, lon]'],
    ['lat out of range', 'lon=150&lat=120', 'CG_ERR_COORD_OUT_OF_RANGE', 'outside'],
    ['an unknown crs', 'lon=109.005&lat=32.685&crs=EPSG:3857', 'CG_ERR_CRS_UNKNOWN', 'querystring/crs: coordinate system "EPSG:3857"'],
    ['maxDistance over 1000 m', 'lon=109.005&lat=32.685&maxDistance=5000', 'CG_ERR_VALIDATION', 'querystring/maxDistance must be <= 1000'],
    ['a negative maxDistance', 'lon=109.005&lat=32.685&maxDistance=-1', 'CG_ERR_VALIDATION', 'querystring/maxDistance'],
  ] as const)('refuses %s with 400 naming the parameter', async ([, query, code, text]) => {
    const res = await app().inject(`/api/route?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: code, message: expect.stringContaining(text), fix: expect.any(String) });
  });

  test('answers 409 CG_ERR_NO_GRIDS before any grids are loaded', async (t) => {
    const empty = await build(t);
    const res = await empty.inject('/api/route?lon=109.005&lat=32.685');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_NO_GRIDS', fix: expect.stringContaining('POST /api/grids') });
  });

  test('without boundaries a path still names the parent town, by its id', async (t) => {
    const bare = await buildWithGrids(t);
    expect((await bare.inject('/api/route?lon=109.005&lat=32.685')).json().path).toEqual([{ id: 'T1', name: 'T1', level: 2 }]);
  });

  test('boundaries loaded before the grids give the same path', async (t) => {
    const first = await build(t);
    await loadBoundaries(first);
    await loadFixture(first, false);
    expect((await first.inject('/api/route?lon=109.005&lat=32.685')).json().path).toEqual(FIXTURE_PATH);
  });

  test('follows a grid replacement', async (t) => {
    const replaced = await buildWithGrids(t);
    const fc = fixture<{ features: { properties: { id: string } }[] }>('grid-2x2/grids.geojson');
    fc.features = fc.features.filter((f) => f.properties.id !== 'A1');
    await replaced.inject({ method: 'POST', url: '/api/grids?publish=true', payload: fc });
    expect((await replaced.inject('/api/route?lon=109.005&lat=32.685')).json().match).toBe('outside');
    // Without A1 the old A1|A2 border is A2's outer west side: still A2, still a border.
    expect((await replaced.inject('/api/route?lon=109.01&lat=32.685')).json()).toMatchObject({ grid: { id: 'A2' }, match: 'border' });
  });
});
