import type { AddressInfo } from 'node:net';
import { expect, test } from 'vitest';
import { millionReportsAndDraft, parsedGrids } from '../support/spread-reports.ts';
import { probeDuring, reportPoster } from '../support/probe-during.ts';
import { build, fixture, fixtureReports } from '../helper.ts';

// 1M reports over 3,000 Voronoi grids, every one of them moved by a second tiling: routing
// and counting them takes ~0.3–0.4 s of CPU (2 shared cores), what issue 19 measured on the
// main thread. 100k are stored through the API, the rest copied from them in SQL (seconds,
// not minutes), each nudged so they route apart.

// The target is a report's p99 under 100 ms while the heavy work runs. Measured here
// on a real socket (inject would skip the parser and the network), one request after another,
// and with the event loop's own delay, which catches a block between two requests too.
test('GET /health and POST /api/reports answer within 100 ms while an impact of 1M reports routes on a worker', {
  timeout: 180_000,
  // Timing-based: the full suite's Chromium shares the 2 cores; a real stall fails every try.
  retry: 2,
}, async (t) => {
  const { app, version } = await millionReportsAndDraft(t);
  const store = app.store;
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // Only the stored reports (2024): those posted meanwhile are created now.
  const impactUrl = `${base}/api/grids/versions/${version}/impact?to=2025-01-01`;

  // Warm-up: the worker, the draft's router and changed boxes, the intake path.
  const warm = await (await fetch(impactUrl)).json();
  // The same answer as routing in-process, matrix order included.
  expect(warm).toEqual(await store.grids.impact(version, { toMs: Date.parse('2025-01-01') }));
  expect(warm.total).toBe(1_000_000);
  expect(warm.moved).toBeGreaterThan(0.9 * 1_000_000);
  await fetch(`${base}/health`);
  const postReport = reportPoster(base);
  expect((await postReport()).status).toBe(201);

  const {
    value: answered,
    ms,
    times,
    maxDelayMs,
  } = await probeDuring(
    async () => {
      const res = await fetch(impactUrl);
      return { status: res.status, body: await res.text() };
    },
    { health: () => fetch(`${base}/health`), intake: postReport },
  );
  const { health, intake } = times;
  const slowest = (xs: number[]) => Math.max(...xs);
  console.log(
    `impact ${ms.toFixed(0)} ms; during it ${health.length} health (slowest ${slowest(health).toFixed(1)} ms) and ` +
      `${intake.length} reports (slowest ${slowest(intake).toFixed(1)} ms); event loop delay max ${maxDelayMs.toFixed(1)} ms`,
  );
  expect(answered.status).toBe(200);
  expect(JSON.parse(answered.body)).toEqual(warm);
  // The impact ran long enough to overlap several requests (on the main thread it held each of them).
  expect(health.length).toBeGreaterThanOrEqual(3);
  expect(slowest(health)).toBeLessThan(100);
  expect(slowest(intake)).toBeLessThan(100);
  expect(maxDelayMs).toBeLessThan(100);
});

test('an impact past the time limit answers 503 CG_ERR_IMPACT_TIMEOUT naming the version, with a fix; the pool goes on', async (t) => {
  const app = await build(t, { geometry: { size: 1, timeoutMs: 1 } });
  // Straight into the store: an import's check would time out on the pool too.
  await app.store.replaceGrids(parsedGrids(fixture('grid-2x2/grids.geojson')));
  await app.store.insertReports(fixtureReports().inputs);
  expect((await app.store.importGrids(parsedGrids(fixture('grid-2x2/grids-moved.geojson')))).version).toBe(2);
  const res = await app.inject('/api/grids/versions/2/impact');
  expect(res.statusCode).toBe(503);
  expect(res.json()).toMatchObject({
    error: 'CG_ERR_IMPACT_TIMEOUT',
    message: 'the impact of version 2 took longer than 0.001 s, the limit, and was stopped',
    fix: expect.stringContaining('narrow the reports it routes'),
  });
  expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  expect(app.geometry.load()).toEqual({ queued: 0, running: 0 });
  // The pair listing does not route on the pool: it still answers.
  expect((await app.inject('/api/grids/versions/2/impact?pair=A2,A1')).statusCode).toBe(200);
});
