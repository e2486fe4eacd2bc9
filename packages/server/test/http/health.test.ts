import { describe, expect, test } from 'vitest';
import { build, buildWithGrids, fixtureReports } from '../helper.ts';

describe('GET /health', () => {
  test('answers ok with zero counts on an empty store', async (t) => {
    const app = await build(t);
    const res = await app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', grids: 0, reports: 0 });
  });

  test('counts grids and reports', async (t) => {
    const app = await buildWithGrids(t);
    await app.inject({ method: 'POST', url: '/api/reports', payload: fixtureReports().inputs });
    expect((await app.inject('/health')).json()).toEqual({ status: 'ok', grids: 4, reports: 8 });
  });
});
