import { describe, expect, test } from 'vitest';
import { ellipsoidalArea } from '@citygrid/core';
import type { FastifyInstance } from 'fastify';
import { build, buildWithGrids, fixture, fixtureReports, loadFixture, sharedApp } from '../helper.ts';

interface Collection {
  type: string;
  version?: number;
  features: { id: string; geometry: { coordinates: number[][][] } }[];
}

const MOVED = 'grid-2x2/grids-moved.geojson';
// The strip A1 takes from A2 when their border moves 0.001° east: 93.78 m × 1108.99 m.
const STRIP_M2 = ellipsoidalArea({
  type: 'Polygon',
  coordinates: [
    [
      [109.01, 32.68],
      [109.011, 32.68],
      [109.011, 32.69],
      [109.01, 32.69],
      [109.01, 32.68],
    ],
  ],
});

// Two more reports inside that strip (A2 now, A1 once the moved grids are current), after the
// fixture's eight: with r5 (on the old border, routed east to A2) three reports would move.
const STRIP_REPORTS = [
  { id: 's1', lon: 109.0105, lat: 32.683, category: '06010', source: 'patrol', created_at: '2024-05-09T08:00:00Z' },
  { id: 's2', lon: 109.0105, lat: 32.687, category: '09006', source: 'app', created_at: '2024-05-10T08:00:00Z' },
];

/** The 2×2 fixture published as version 1 with its reports and two in the strip, and the moved grids as draft 2. */
async function withDraft(app: FastifyInstance): Promise<void> {
  await loadFixture(app);
  expect((await app.inject({ method: 'POST', url: '/api/reports', payload: STRIP_REPORTS })).statusCode).toBe(201);
  const res = await app.inject({ method: 'POST', url: '/api/grids', payload: fixture(MOVED) });
  expect(res.json()).toMatchObject({ version: 2, published: false, current: 1 });
}

const ids = (c: Collection) => c.features.map((f) => f.id);
const counts = (stats: { grids: { id: string; count: number }[] }) => Object.fromEntries(stats.grids.map((g) => [g.id, g.count]));
const A1_EAST = (c: Collection) => Math.max(...c.features[0].geometry.coordinates[0].map(([x]) => x));

describe('POST /api/grids makes versions', () => {
  test('the first import is published; the next is a draft that nothing serves until it is published', async (t) => {
    const app = await build(t);
    await withDraft(app);
    // Served: still version 1, for the grids, routing, statistics and new reports.
    const grids = (await app.inject('/api/grids')).json<Collection>();
    expect(grids.version).toBe(1);
    expect(A1_EAST(grids)).toBe(109.01);
    expect((await app.inject('/api/route?lon=109.0105&lat=32.685')).json().grid.id).toBe('A2');
    const stats = (await app.inject('/api/stats/grids')).json();
    expect(stats).toMatchObject({ version: 1, total: 10, outside: 1 });
    expect(counts(stats)).toEqual({ A1: 2, A2: 4, B1: 1, B2: 2 });
    const posted = await app.inject({ method: 'POST', url: '/api/reports', payload: { ...STRIP_REPORTS[0], id: 's3' } });
    expect(posted.json().reports[0]).toMatchObject({ grid_id: 'A2', version: 1 });
    // The draft is there for whoever asks for it by number.
    const draft = (await app.inject('/api/grids?version=2')).json<Collection>();
    expect(draft.version).toBe(2);
    expect(A1_EAST(draft)).toBe(109.011);
  });

  test('publish=true imports and publishes in one step', async (t) => {
    const app = await buildWithGrids(t);
    const res = await app.inject({ method: 'POST', url: '/api/grids?publish=true', payload: fixture(MOVED) });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ version: 2, published: true, current: 2, rerouted: 0, imported: 4 });
    expect((await app.inject('/api/grids')).json<Collection>().version).toBe(2);
  });

  test('a refused import makes no version and leaves the previous one serving', async (t) => {
    const app = await buildWithGrids(t);
    const before = (await app.inject('/api/grids')).json();
    expect((await app.inject({ method: 'POST', url: '/api/grids', payload: fixture('coverage-overlap.geojson') })).statusCode).toBe(422);
    expect(
      (await app.inject({ method: 'POST', url: '/api/grids?publish=true', payload: fixture('coverage-overlap.geojson') })).statusCode,
    ).toBe(422);
    expect((await app.inject({ method: 'POST', url: '/api/grids?publish=true', payload: fixture('bad-grids.geojson') })).statusCode).toBe(
      400,
    );
    expect((await app.inject('/api/grids')).json()).toEqual(before);
    expect((await app.inject('/api/grids/versions')).json().versions.map((v: { version: number }) => v.version)).toEqual([1]);
    expect((await app.inject({ method: 'POST', url: '/api/grids', payload: fixture(MOVED) })).json().version).toBe(2);
  });

  test('drafts get the coverage check too; force=true stores one and records how many problems it had', async (t) => {
    const app = await buildWithGrids(t);
    const forced = await app.inject({ method: 'POST', url: '/api/grids?force=true', payload: fixture('coverage-gap.geojson') });
    expect(forced.statusCode).toBe(201);
    expect(forced.json()).toMatchObject({ version: 2, published: false, current: 1, imported: 4, problems: [{ kind: 'gap' }] });
    const [draft] = (await app.inject('/api/grids/versions')).json().versions;
    expect(draft).toMatchObject({ version: 2, status: 'draft', problems: 1 });
  });
});

describe('GET /api/grids/versions', () => {
  test('lists every version newest first with its status, times, grid count, area and id field', async (t) => {
    const app = await build(t);
    expect((await app.inject('/api/grids/versions')).json()).toEqual({ current: null, versions: [] });
    await withDraft(app);
    const body = (await app.inject('/api/grids/versions')).json();
    expect(body.current).toBe(1);
    expect(body.versions).toEqual([
      {
        version: 2,
        status: 'draft',
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        published_at: null,
        grids: 4,
        area_m2: expect.any(Number),
        problems: 0,
        idField: 'id',
      },
      {
        version: 1,
        status: 'current',
        created_at: expect.any(String),
        published_at: expect.any(String),
        grids: 4,
        area_m2: expect.any(Number),
        problems: 0,
        idField: 'id',
      },
    ]);
    // Moving a border inside the 2×2 keeps its outline: the same 4.15 km² either way.
    expect(body.versions[0].area_m2).toBeCloseTo(body.versions[1].area_m2, 0);
    expect(body.versions[1].area_m2 / 1e6).toBeCloseTo(4.16, 1);
  });
});

describe('GET /api/grids?version=', () => {
  test('serves any version by number, and 404 CG_ERR_UNKNOWN_VERSION for one that does not exist', async (t) => {
    const app = await build(t);
    await withDraft(app);
    expect(ids((await app.inject('/api/grids?version=1')).json())).toEqual(['A1', 'A2', 'B1', 'B2']);
    const missing = await app.inject('/api/grids?version=9');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({
      error: 'CG_ERR_UNKNOWN_VERSION',
      message: 'grid version 9 does not exist',
      fix: expect.stringContaining('/api/grids/versions'),
    });
    expect((await app.inject('/api/grids?version=0')).statusCode).toBe(400);
    expect((await app.inject('/api/grids?version=two')).statusCode).toBe(400);
  });
});

describe('POST /api/grids/versions/:v/publish', () => {
  test('makes the draft current: grids, routing and statistics follow; each report keeps the version that routed it', async (t) => {
    const app = await build(t);
    await withDraft(app);
    const res = await app.inject({ method: 'POST', url: '/api/grids/versions/2/publish' });
    expect(res.statusCode).toBe(200);
    // r5, s1 and s2 change grid; so does nothing else.
    expect(res.json()).toEqual({ version: 2, previous: 1, rerouted: 3 });
    expect((await app.inject('/api/grids')).json<Collection>().version).toBe(2);
    expect((await app.inject('/api/route?lon=109.0105&lat=32.685')).json().grid.id).toBe('A1');
    const stats = (await app.inject('/api/stats/grids')).json();
    expect(stats.version).toBe(2);
    expect(counts(stats)).toEqual({ A1: 5, A2: 1, B1: 1, B2: 2 });
    const reports = (await app.inject('/api/reports?grid=A1')).json().reports;
    expect(reports.map((r: { id: string }) => r.id)).toEqual(['r1', 'r2', 'r5', 's1', 's2']);
    expect(reports.find((r: { id: string }) => r.id === 's1')).toMatchObject({ grid_id: 'A1', routed_version: 1, routed_grid_id: 'A2' });
    // A report arriving now is routed, and recorded, by version 2.
    const posted = (await app.inject({ method: 'POST', url: '/api/reports', payload: { ...STRIP_REPORTS[0], id: 's3' } })).json()
      .reports[0];
    expect(posted).toMatchObject({ grid_id: 'A1', version: 2 });
    const s3 = (await app.inject('/api/reports?grid=A1')).json().reports.find((r: { id: string }) => r.id === 's3');
    expect(s3).toMatchObject({ routed_version: 2, routed_grid_id: 'A1' });
    const versions = (await app.inject('/api/grids/versions')).json();
    expect(versions.current).toBe(2);
    expect(versions.versions.map((v: { status: string }) => v.status)).toEqual(['current', 'retired']);
  });

  test('publishing a retired version rolls back; publishing the current one changes nothing', async (t) => {
    const app = await build(t);
    await withDraft(app);
    await app.inject({ method: 'POST', url: '/api/grids/versions/2/publish' });
    expect((await app.inject({ method: 'POST', url: '/api/grids/versions/2/publish' })).json()).toEqual({
      version: 2,
      previous: 2,
      rerouted: 0,
    });
    expect((await app.inject({ method: 'POST', url: '/api/grids/versions/1/publish' })).json()).toEqual({
      version: 1,
      previous: 2,
      rerouted: 3,
    });
    expect(counts((await app.inject('/api/stats/grids')).json())).toEqual({ A1: 2, A2: 4, B1: 1, B2: 2 });
    expect((await app.inject('/api/grids/versions')).json().versions.map((v: { status: string }) => v.status)).toEqual([
      'retired',
      'current',
    ]);
  });

  test('404 CG_ERR_UNKNOWN_VERSION for a version that does not exist, 400 for one that is not a number', async (t) => {
    const app = await buildWithGrids(t);
    const res = await app.inject({ method: 'POST', url: '/api/grids/versions/7/publish' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_UNKNOWN_VERSION' });
    expect((await app.inject({ method: 'POST', url: '/api/grids/versions/latest/publish' })).statusCode).toBe(400);
    expect((await app.inject('/api/grids/versions')).json().current).toBe(1);
  });

  test('is atomic: reads during a publish see the old version or the new, never a mix', async (t) => {
    const app = await build(t);
    await withDraft(app);
    // Enough reports that the re-routing transaction takes a while: 40k in and around the strip.
    const many = Array.from({ length: 40_000 }, (_, i) => ({
      id: `m${i}`,
      lon: 109.0095 + (i % 200) * 0.00001,
      lat: 32.6805 + Math.floor(i / 200) * 0.00004,
      category: '06010',
      source: 'patrol',
      created_at: '2024-06-01T00:00:00Z',
    }));
    await app.store.insertReportsBulk(many);
    const before = { stats: (await app.inject('/api/stats/grids')).json(), grids: (await app.inject('/api/grids')).json() };

    const reads: Promise<{ stats: unknown; grids: unknown }>[] = [];
    const publishing = app.inject({ method: 'POST', url: '/api/grids/versions/2/publish' });
    let done = false;
    void publishing.then(() => (done = true));
    while (!done) {
      reads.push(
        Promise.all([app.inject('/api/stats/grids'), app.inject('/api/grids')]).then(([s, g]) => ({ stats: s.json(), grids: g.json() })),
      );
      await new Promise((r) => setTimeout(r, 2));
    }
    expect((await publishing).json()).toMatchObject({ version: 2, previous: 1 });
    const published = { stats: (await app.inject('/api/stats/grids')).json(), grids: (await app.inject('/api/grids')).json() };
    expect(published.stats.version).toBe(2);
    expect(counts(published.stats)).not.toEqual(counts(before.stats));

    const seen = await Promise.all(reads);
    expect(seen.length).toBeGreaterThan(1);
    if (process.env.LOG)
      console.log(
        `${seen.length} reads during the publish, ${seen.filter((r) => (r.stats as { version: number }).version === 1).length} saw version 1`,
      );
    for (const { stats, grids } of seen) {
      expect([before.stats, published.stats]).toContainEqual(stats);
      expect([before.grids, published.grids]).toContainEqual(grids);
    }
  }, 30_000);
});

describe('GET /api/grids/diff', () => {
  const app = sharedApp(withDraft);

  test('moving the A1|A2 border: A1 gained the strip taken from A2, A2 lost it to A1; B2 got a vertex, nothing else', async () => {
    const res = await app().inject('/api/grids/diff?from=1&to=2');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ from: 1, to: 2, added: 0, removed: 0, changed: 3, unchanged: 1 });
    const [a1, a2, b2] = body.changes;
    expect(a1).toMatchObject({ id: 'A1', change: 'changed', lost_m2: 0, given_to: [] });
    expect(a1.gained_m2).toBeCloseTo(STRIP_M2, 1);
    expect(a1.taken_from).toEqual([{ id: 'A2', area_m2: expect.closeTo(STRIP_M2, 1) }]);
    expect(a2).toMatchObject({
      id: 'A2',
      change: 'changed',
      gained_m2: 0,
      taken_from: [],
      given_to: [{ id: 'A1', area_m2: expect.closeTo(STRIP_M2, 1) }],
    });
    expect(b2).toMatchObject({ id: 'B2', change: 'changed', gained_m2: 0, lost_m2: 0, taken_from: [], given_to: [] });
    expect(STRIP_M2).toBeCloseTo(104_005.3, 0);
  });

  test('from defaults to the current version; the reverse diff mirrors it', async () => {
    expect((await app().inject('/api/grids/diff?to=2')).json()).toEqual((await app().inject('/api/grids/diff?from=1&to=2')).json());
    const back = (await app().inject('/api/grids/diff?from=2&to=1')).json();
    expect(back.changes[0]).toMatchObject({ id: 'A1', taken_from: [], given_to: [{ id: 'A2' }] });
  });

  test.for([
    ['to=9', 404, 'CG_ERR_UNKNOWN_VERSION'],
    ['from=9&to=1', 404, 'CG_ERR_UNKNOWN_VERSION'],
    ['from=1', 400, 'CG_ERR_VALIDATION'],
    ['to=x', 400, 'CG_ERR_VALIDATION'],
  ] as const)('%s: %i %s', async ([query, status, code]) => {
    const res = await app().inject(`/api/grids/diff?${query}`);
    expect(res.statusCode).toBe(status);
    expect(res.json().error).toBe(code);
  });
});

describe('GET /api/grids/versions/:v/impact', () => {
  const app = sharedApp(withDraft);

  test('counts the reports that would move, as a from-grid → to-grid matrix', async () => {
    const res = await app().inject('/api/grids/versions/2/impact');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ version: 2, current: 1, total: 10, moved: 3, matrix: [{ from: 'A2', to: 'A1', count: 3 }] });
  });

  test('counts only the window [from, to) and the categories asked for', async () => {
    expect((await app().inject('/api/grids/versions/2/impact?from=2024-05-06&to=2024-05-10')).json()).toMatchObject({
      total: 4,
      moved: 1,
      matrix: [{ from: 'A2', to: 'A1', count: 1 }],
    });
    expect((await app().inject('/api/grids/versions/2/impact?category=09006')).json()).toMatchObject({ total: 3, moved: 1 });
    expect((await app().inject('/api/grids/versions/2/impact?from=2030-01-01')).json()).toMatchObject({ total: 0, moved: 0, matrix: [] });
  });

  test('the current version moves nothing; the published one seen from a draft of fewer grids moves reports outside', async () => {
    expect((await app().inject('/api/grids/versions/1/impact')).json()).toMatchObject({
      version: 1,
      current: 1,
      total: 10,
      moved: 0,
      matrix: [],
    });
  });

  test('pair=A2,A1 lists the reports of that cell, paged by (created_at, id)', async () => {
    const first = (await app().inject('/api/grids/versions/2/impact?pair=A2,A1&limit=2')).json();
    expect(first).toMatchObject({ version: 2, current: 1, pair: { from: 'A2', to: 'A1' } });
    expect(first.reports.map((r: { id: string }) => r.id)).toEqual(['r5', 's1']);
    expect(first.reports[0]).toMatchObject({ grid_id: 'A2', routed_version: 1, routed_grid_id: 'A2', lon: 109.01, lat: 32.685 });
    const second = (await app().inject(`/api/grids/versions/2/impact?pair=A2,A1&limit=2&cursor=${encodeURIComponent(first.next)}`)).json();
    expect(second.reports.map((r: { id: string }) => r.id)).toEqual(['s2']);
    expect(second.next).toBeNull();
    const windowed = (await app().inject('/api/grids/versions/2/impact?pair=A2,A1&from=2024-05-09T12:00:00Z')).json();
    expect(windowed.reports.map((r: { id: string }) => r.id)).toEqual(['s2']);
    expect((await app().inject('/api/grids/versions/2/impact?pair=A1,A2')).json()).toMatchObject({ reports: [], next: null });
  });

  test('an empty side of the pair means outside every grid', async () => {
    const res = (await app().inject('/api/grids/versions/2/impact?pair=,A1')).json();
    expect(res).toMatchObject({ pair: { from: null, to: 'A1' }, reports: [] });
  });

  test.for([
    ['pair=A2', 'querystring/pair'],
    ['pair=A2,A1,B1', 'querystring/pair'],
    ['pair=Z9,A1', 'not in the current version'],
    ['pair=A2,Z9', 'not in this version'],
    ['pair=A1,A1', 'same grid'],
    ['pair=A2,A1&cursor=nonsense', 'querystring/cursor'],
    ['from=yesterday', 'querystring/from'],
    ['limit=0', 'querystring/limit'],
  ])('%s: 400 naming %s', async ([query, where]) => {
    const res = await app().inject(`/api/grids/versions/2/impact?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_VALIDATION', message: expect.stringContaining(where) });
  });

  test('404 CG_ERR_UNKNOWN_VERSION for a version that does not exist', async () => {
    const res = await app().inject('/api/grids/versions/3/impact');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe('CG_ERR_UNKNOWN_VERSION');
  });
});

describe('report rows carry the version', () => {
  test('POST answers the version that routed each report; GET lists routed_version and routed_grid_id', async (t) => {
    const app = await build(t);
    const early = (
      await app.inject({ method: 'POST', url: '/api/reports', payload: { ...fixtureReports().inputs[0], id: 'early' } })
    ).json().reports[0];
    expect(early).toMatchObject({ grid_id: null, version: null });
    await loadFixture(app);
    const rows = (await app.inject('/api/reports')).json().reports;
    expect(rows.find((r: { id: string }) => r.id === 'r1')).toMatchObject({ grid_id: 'A1', routed_version: 1, routed_grid_id: 'A1' });
    // Arrived before any grids: re-routed into A1 by the first publish, but routed by no version.
    expect(rows.find((r: { id: string }) => r.id === 'early')).toMatchObject({ grid_id: 'A1', routed_version: null, routed_grid_id: null });
  });
});
