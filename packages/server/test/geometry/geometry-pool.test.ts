import { describe, expect, test } from 'vitest';
import { voronoiTiling } from '../../../core/test/support/voronoi-tiling.ts';
import { GeometryPool } from '../../src/geometry/geometry-pool.ts';
import { build, fixture } from '../helper.ts';

const report = { lon: 109.005, lat: 32.685, category: '06010', source: '12345' };

describe('geometry pool', () => {
  test('runs a task on a worker and answers what core answers in-process', async (t) => {
    const pool = new GeometryPool({ size: 1 });
    t.onTestFinished(() => pool.close());
    const body = fixture('grid-2x2/grids.geojson');
    const { coverage, problems } = await pool.run('checkGrids', { body, idField: 'id', context: {}, keep: false }, 'checking');
    expect(problems).toBeUndefined();
    expect(coverage!.valid).toBe(true);
    // A parse failure travels back as the catalogue's problems.
    const bad = await pool.run(
      'checkGrids',
      { body: { type: 'FeatureCollection', features: [{}] }, idField: 'id', context: {}, keep: false },
      'x',
    );
    expect(bad.problems![0].code).toMatch(/^CG_ERR_/);
  });

  test('a task past the time limit answers 503 CG_ERR_CHECK_TIMEOUT with its fix; the pool goes on with a fresh worker', async (t) => {
    const pool = new GeometryPool({ size: 1, timeoutMs: 1 });
    t.onTestFinished(() => pool.close());
    const body = voronoiTiling({ grids: 200, seed: 1 });
    const error = await pool.run('checkGrids', { body, idField: 'id', context: {}, keep: false }, 'checking 200 grids').catch((e) => e);
    expect(error).toMatchObject({ http: 503, code: 'CG_ERR_CHECK_TIMEOUT' });
    expect(error.problems[0].message).toBe('checking 200 grids took longer than 0.001 s, the limit, and was stopped');
    expect(error.problems[0].fix).toMatch(/raise the limit \(docs\/server.md\)/);
    expect(pool.load()).toEqual({ queued: 0, running: 0 });
  });

  test('POST /api/grids/validate past the limit answers 503 with the catalogue body, no stack', async (t) => {
    const app = await build(t, { geometry: { size: 1, timeoutMs: 1 } });
    const res = await app.inject({ method: 'POST', url: '/api/grids/validate', payload: fixture('grid-2x2/grids.geojson') });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_CHECK_TIMEOUT', fix: expect.stringContaining('split the file') });
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  // On the main thread the check would hold every report for its whole duration. The strict
  // target (p99 under 100 ms) is measured by `pnpm bench server --parts check`; on this shared
  // 2-core machine the worker itself competes for the cores, so the suite checks the median
  // and that no report waited for anything like the check.
  test('reports keep answering while a long validation runs on a worker: median under 100 ms, none held for the check', {
    timeout: 120_000,
  }, async (t) => {
    const app = await build(t, { geometry: { size: 1 } });
    // Warm the worker and the intake path, so the sampling below measures the overlap alone.
    await app.inject({ method: 'POST', url: '/api/grids/validate', payload: fixture('grid-2x2/grids.geojson') });
    for (let i = 0; i < 3; i++) await app.inject({ method: 'POST', url: '/api/reports', payload: { ...report, id: `before-${i}` } });
    const payload = JSON.stringify(voronoiTiling({ grids: 3000, seed: 1 }));
    let started = performance.now();
    const validation = app.inject({ method: 'POST', url: '/api/grids/validate', payload, headers: { 'content-type': 'application/json' } });
    while (app.geometry.load().running === 0 && performance.now() - started < 30_000) await new Promise((r) => setTimeout(r, 1));
    started = performance.now();
    const latencies: number[] = [];
    let done = false;
    void validation.then(() => (done = true));
    for (let i = 0; !done && i < 200; i++) {
      const t0 = performance.now();
      const res = await app.inject({ method: 'POST', url: '/api/reports', payload: { ...report, id: `during-${i}` } });
      latencies.push(performance.now() - t0);
      expect(res.statusCode).toBe(201);
    }
    const checked = await validation;
    const checkMs = performance.now() - started;
    expect(checked.statusCode).toBe(200);
    // The check ran long enough to overlap several reports (on the main thread it would have held every one of them).
    expect(latencies.length).toBeGreaterThanOrEqual(5);
    latencies.sort((a, b) => a - b);
    expect(latencies[Math.floor(latencies.length / 2)]).toBeLessThan(100);
    expect(latencies[latencies.length - 1]).toBeLessThan(checkMs / 2);
  });
});
