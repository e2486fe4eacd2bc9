import { describe, expect, test } from 'vitest';
import { countByGrid, parseGrids } from '@citygrid/core';
import { build, buildWithGrids, fixture, fixtureReports, loadFixture, sharedApp } from '../helper.ts';

interface Stats {
  total: number;
  outside: number;
  grids: { id: string; name: string; parent: string | null; count: number; area_m2: number; per_km2: number }[];
}

const counts = (s: Stats) => Object.fromEntries(s.grids.map((g) => [g.id, g.count]));

describe('GET /api/stats/grids', () => {
  const shared = sharedApp(loadFixture);

  test('counts per grid match the hand-computed routing of the 2×2 fixture, empty grids included', async (t) => {
    const app = await buildWithGrids(t);
    await app.inject({ method: 'POST', url: '/api/reports', payload: fixtureReports().inputs });
    const res = await app.inject('/api/stats/grids');
    expect(res.statusCode).toBe(200);
    const stats = res.json<Stats>();
    expect(stats.total).toBe(8);
    expect(stats.outside).toBe(1);
    expect(counts(stats)).toEqual({ A1: 2, A2: 2, B1: 1, B2: 2 });
    expect(stats.grids.map((g) => g.id)).toEqual(['A1', 'A2', 'B1', 'B2']);
    for (const g of stats.grids) {
      expect(g.per_km2).toBeCloseTo(g.count / (g.area_m2 / 1e6), 12);
      expect(g.parent).toBe('T1');
    }
  });

  test('agrees with core countByGrid on the same points', async (t) => {
    const app = await buildWithGrids(t);
    const { inputs } = fixtureReports();
    await app.inject({ method: 'POST', url: '/api/reports', payload: inputs });
    const parsed = parseGrids(fixture('grid-2x2/grids.geojson'));
    if (!parsed.ok) throw new Error('fixture does not parse');
    const core = countByGrid(parsed.gridSet, inputs);
    const stats = (await app.inject('/api/stats/grids')).json<Stats>();
    expect(stats.outside).toBe(core.outside);
    expect(counts(stats)).toEqual(Object.fromEntries(core.counts.map((c) => [c.id, c.count])));
  });

  test.for([
    ['category', 'category=06010', { A1: 1, A2: 2, B1: 0, B2: 1 }, 5, 1],
    ['several categories', 'category=09006,07001', { A1: 1, A2: 0, B1: 1, B2: 1 }, 3, 0],
    ['time range', 'from=2024-05-04&to=2024-05-07', { A1: 0, A2: 1, B1: 1, B2: 1 }, 3, 0],
    ['a range with nothing', 'from=2030-01-01', { A1: 0, A2: 0, B1: 0, B2: 0 }, 0, 0],
  ] as const)('filters by %s', async ([, query, expected, total, outside]) => {
    const stats = (await shared().inject(`/api/stats/grids?${query}`)).json<Stats>();
    expect(counts(stats)).toEqual(expected);
    expect([stats.total, stats.outside]).toEqual([total, outside]);
  });

  test('follows a grid replacement: stored reports are re-routed', async (t) => {
    const app = await buildWithGrids(t);
    await app.inject({ method: 'POST', url: '/api/reports', payload: fixtureReports().inputs });
    const fc = fixture<{ features: { properties: { id: string } }[] }>('grid-2x2/grids.geojson');
    fc.features = fc.features.filter((f) => f.properties.id !== 'A1');
    expect((await app.inject({ method: 'POST', url: '/api/grids?publish=true', payload: fc })).statusCode).toBe(201);
    const stats = (await app.inject('/api/stats/grids')).json<Stats>();
    // Without A1, r1 and r2 fall outside; r5, now on A2's outer west side, stays in A2.
    expect(counts(stats)).toEqual({ A2: 2, B1: 1, B2: 2 });
    expect(stats.outside).toBe(3);
  });

  test('without grids every report is outside', async (t) => {
    const app = await build(t);
    await app.inject({ method: 'POST', url: '/api/reports', payload: fixtureReports().inputs });
    expect((await app.inject('/api/stats/grids')).json()).toEqual({ version: null, total: 8, outside: 8, grids: [] });
  });

  test('refuses a bad date with 400 naming the parameter', async (t) => {
    const app = await build(t);
    const res = await app.inject('/api/stats/grids?to=31/12/2024');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_VALIDATION', message: expect.stringContaining('querystring/to') });
  });
});
