import { describe, expect, test } from 'vitest';
import { build, buildWithGrids, fixtureReports } from '../helper.ts';

describe('GET /health', () => {
  test('answers ok without reading the store: liveness only', async (t) => {
    const app = await buildWithGrids(t);
    // A store that cannot count must not fail liveness: the route does not ask it.
    app.store.counts = () => Promise.reject(new Error('counted'));
    const res = await app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  test('detail=1 counts grids and reports', async (t) => {
    const app = await buildWithGrids(t);
    expect((await app.inject('/health?detail=1')).json()).toEqual({ status: 'ok', grids: 4, reports: 0 });
    await app.inject({ method: 'POST', url: '/api/reports', payload: fixtureReports().inputs });
    expect((await app.inject('/health?detail=1')).json()).toEqual({ status: 'ok', grids: 4, reports: 8 });
  });

  test('is not counted by the rate limit, nor are static files; the API is', async (t) => {
    const app = await build(t, { rateLimit: { max: 3, window_ms: 60_000 } });
    for (let i = 0; i < 10; i++) expect((await app.inject('/health')).statusCode).toBe(200);
    for (let i = 0; i < 10; i++) expect((await app.inject('/docs/json')).statusCode).toBe(200);
    const api = [];
    for (let i = 0; i < 4; i++) api.push((await app.inject('/api/grids')).statusCode);
    expect(api).toEqual([200, 200, 200, 429]);
  });
});
