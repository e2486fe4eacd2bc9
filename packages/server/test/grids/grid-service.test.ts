import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, test, vi } from 'vitest';
import { createRouter, mulberry32, parseGrids, type GridSet, type Report } from '@citygrid/core';
import { openStore } from '../../src/index.ts';
import { fixture, fixtureReports, tempDir } from '../helper.ts';

function gridSet(name = 'grid-2x2/grids.geojson'): GridSet {
  const parsed = parseGrids(fixture(name));
  if (!parsed.ok) throw new Error('fixture does not parse');
  return parsed.gridSet;
}

describe('Store versions', () => {
  test('a publish that fails inside its transaction leaves the previous version serving, in memory and on disk', async (t) => {
    // Re-routing fails on demand, after the transaction has already made the new version current.
    // The server project shares modules between files (isolate: false), so a hoisted vi.mock may
    // find the store already loaded: load a fresh copy with the mock instead.
    const failReroute = { now: false };
    vi.resetModules();
    vi.doMock('../../src/grids/reroute/reroute-reports.ts', async (original) => {
      const real = await original<typeof import('../../src/grids/reroute/reroute-reports.ts')>();
      return {
        ...real,
        rerouteReports: async (...args: Parameters<typeof real.rerouteReports>) => {
          if (failReroute.now) throw new Error('disk full (simulated)');
          return real.rerouteReports(...args);
        },
      };
    });
    const { openStore: openMocked } = await import('../../src/open-store.ts');
    vi.doUnmock('../../src/grids/reroute/reroute-reports.ts');
    vi.resetModules();
    const path = join(tempDir(t), 'city.duckdb');
    const store = await openMocked(path);
    await store.replaceGrids(gridSet());
    await store.insertReports(fixtureReports().inputs);
    const { version } = await store.importGrids(gridSet('grid-2x2/grids-moved.geojson'));
    const before = await store.gridStats({});
    failReroute.now = true;
    try {
      await expect(store.publish(version)).rejects.toThrow(/disk full/);
      await expect(store.importGrids(gridSet('grid-2x2/grids-moved.geojson'), { publish: true })).rejects.toThrow(/disk full/);
    } finally {
      failReroute.now = false;
    }
    expect(store.currentVersion()).toBe(1);
    expect(await store.gridStats({})).toEqual(before);
    expect((await store.versions()).versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'draft'],
      [1, 'current'],
    ]);
    expect(store.route(109.0105, 32.685)?.grid?.id).toBe('A2');
    await store.close();
    const again = await openStore(path);
    t.onTestFinished(() => again.close());
    expect(again.currentVersion()).toBe(1);
    expect(await again.gridStats({})).toEqual(before);
    // And the draft still publishes once the disk is back.
    expect(await again.publish(2)).toEqual({ version: 2, previous: 1, rerouted: 1 });
  });

  test("versions, the current one and every report's routing history survive a reopen", async (t) => {
    const path = join(tempDir(t), 'city.duckdb');
    const store = await openStore(path);
    await store.replaceGrids(gridSet());
    await store.insertReports(fixtureReports().inputs);
    await store.importGrids(gridSet('grid-2x2/grids-moved.geojson'));
    await store.publish(2);
    await store.importGrids(gridSet());
    await store.close();
    const again = await openStore(path);
    t.onTestFinished(() => again.close());
    expect(again.currentVersion()).toBe(2);
    expect((await again.versions()).versions.map((v) => v.status)).toEqual(['draft', 'current', 'retired']);
    const r5 = (await again.queryReports({}, { limit: 100 })).reports.find((r) => r.id === 'r5');
    expect(r5).toMatchObject({ grid_id: 'A1', routed_version: 1, routed_grid_id: 'A2' });
    expect((await again.impact(3, {})).matrix).toEqual([{ from: 'A1', to: 'A2', count: 1 }]);
  });
});

/** The 2×2 fixture cut into n × n squares: n² grids, every one changed against the 2×2. */
function subdivided(n: number): GridSet {
  const step = 0.02 / n;
  const features = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const [x0, y0] = [109 + i * step, 32.68 + j * step];
      const ring = [
        [x0, y0],
        [x0 + step, y0],
        [x0 + step, y0 + step],
        [x0, y0 + step],
        [x0, y0],
      ];
      features.push({ type: 'Feature', properties: { id: `s${i}_${j}` }, geometry: { type: 'Polygon', coordinates: [ring] } });
    }
  }
  const parsed = parseGrids({ type: 'FeatureCollection', features });
  if (!parsed.ok) throw new Error('subdivision does not parse');
  return parsed.gridSet;
}

/** Random points over the 2×2 and around it, plus every crossing of the fixtures' border lines. */
function reportsOn2x2(n: number): Report[] {
  const rng = mulberry32(7);
  const points: [number, number][] = Array.from({ length: n }, () => [108.998 + rng() * 0.024, 32.678 + rng() * 0.024]);
  for (const x of [109, 109.005, 109.01, 109.011, 109.015, 109.02])
    for (const y of [32.68, 32.685, 32.69, 32.695, 32.7]) points.push([x, y]);
  return points.map(([lon, lat], i) => ({
    id: `p${i}`,
    lon,
    lat,
    category: '06010',
    source: 'patrol',
    created_at: '2024-06-01T00:00:00Z',
  }));
}

describe('Store.impact', () => {
  test("equals routing every report with both versions' routers, whatever the edit", async (t) => {
    const store = await openStore(':memory:');
    t.onTestFinished(() => store.close());
    const base = gridSet();
    await store.replaceGrids(base);
    const reports = reportsOn2x2(3000);
    await store.insertReportsBulk(reports);
    const { A1, A2, B1 } = Object.fromEntries(base.grids.map((g) => [g.id, g]));
    const drafts: Record<string, GridSet> = {
      'moved border': gridSet('grid-2x2/grids-moved.geojson'),
      'B2 removed': { ...base, grids: [A1, A2, B1], byId: new Map([A1, A2, B1].map((g) => [g.id, g])) },
      'subdivided 3 × 3 (9 grids, filtered by boxes)': subdivided(3),
      'subdivided 9 × 9 (81 grids, every row read)': subdivided(9),
    };
    const now = createRouter(base);
    for (const [name, draft] of Object.entries(drafts)) {
      const { version } = await store.importGrids(draft);
      const next = createRouter(draft);
      const expected = new Map<string, number>();
      for (const r of reports) {
        const [f, g] = [now.locate(r.lon, r.lat), next.locate(r.lon, r.lat)];
        const [from, to] = [f < 0 ? null : base.grids[f].id, g < 0 ? null : draft.grids[g].id];
        if (from !== to) expected.set(`${from}→${to}`, (expected.get(`${from}→${to}`) ?? 0) + 1);
      }
      const got = await store.impact(version, {});
      expect(Object.fromEntries(got.matrix.map((c) => [`${c.from}→${c.to}`, c.count])), name).toEqual(Object.fromEntries(expected));
      expect(got.total, name).toBe(reports.length);
      expect(got.moved, name).toBe([...expected.values()].reduce((a, b) => a + b, 0));
    }
  });

  test('publishing re-routes exactly the reports the impact said would move', async (t) => {
    const store = await openStore(':memory:');
    t.onTestFinished(() => store.close());
    await store.replaceGrids(gridSet());
    await store.insertReportsBulk(reportsOn2x2(3000));
    const { version } = await store.importGrids(subdivided(3));
    const impact = await store.impact(version, {});
    expect(impact.moved).toBeGreaterThan(2000);
    expect((await store.publish(version)).rerouted).toBe(impact.moved);
    expect((await store.impact(version, {})).moved).toBe(0);
    expect((await store.impact(1, {})).moved).toBe(impact.moved);
  });
});

describe('openStore on a file from before grid versions', () => {
  // The schema as it was: one grids table replaced by each import, the id field in meta.
  const OLD_DDL = `
    CREATE TABLE grids (id VARCHAR PRIMARY KEY, ord INTEGER NOT NULL, name VARCHAR NOT NULL, level INTEGER NOT NULL, parent VARCHAR,
      properties VARCHAR NOT NULL, geometry VARCHAR NOT NULL, area_m2 DOUBLE NOT NULL,
      min_lon DOUBLE NOT NULL, min_lat DOUBLE NOT NULL, max_lon DOUBLE NOT NULL, max_lat DOUBLE NOT NULL);
    CREATE TABLE boundaries (id VARCHAR PRIMARY KEY, ord INTEGER NOT NULL, name VARCHAR NOT NULL, level INTEGER NOT NULL, parent VARCHAR,
      properties VARCHAR NOT NULL, geometry VARCHAR NOT NULL, area_m2 DOUBLE NOT NULL,
      min_lon DOUBLE NOT NULL, min_lat DOUBLE NOT NULL, max_lon DOUBLE NOT NULL, max_lat DOUBLE NOT NULL);
    CREATE TABLE reports (id VARCHAR PRIMARY KEY, lon DOUBLE NOT NULL, lat DOUBLE NOT NULL, category VARCHAR NOT NULL,
      source VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL, grid_id VARCHAR, received_at TIMESTAMP NOT NULL);
    CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);`;

  async function oldFile(path: string): Promise<void> {
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    await conn.run(OLD_DDL);
    for (const [ord, g] of gridSet().grids.entries()) {
      await conn.run('INSERT INTO grids VALUES ($id, $ord, $name, $level, $parent, $props, $geom, $area, $x0, $y0, $x1, $y1)', {
        id: g.id,
        ord,
        name: g.name,
        level: g.level,
        parent: g.parent ?? 'T1',
        props: JSON.stringify(g.properties),
        geom: JSON.stringify(g.geometry),
        area: g.area_m2,
        x0: g.bbox[0],
        y0: g.bbox[1],
        x1: g.bbox[2],
        y1: g.bbox[3],
      });
    }
    await conn.run("INSERT INTO meta VALUES ('idField', 'code')");
    await conn.run(
      "INSERT INTO reports VALUES ('old1', 109.005, 32.685, '06010', 'app', TIMESTAMP '2024-05-01 00:00:00', 'A1', TIMESTAMP '2024-05-01 00:00:01')",
    );
    conn.closeSync();
    instance.closeSync();
  }

  test('migrates once: the grids become version 1, current; the reports record version 1 as their router', async (t) => {
    const path = join(tempDir(t), 'old.duckdb');
    await oldFile(path);
    const store = await openStore(path);
    expect(store.currentVersion()).toBe(1);
    expect(store.gridSet()?.grids.map((g) => g.id)).toEqual(['A1', 'A2', 'B1', 'B2']);
    expect(store.gridSet()?.idField).toBe('code');
    expect((await store.versions()).versions).toEqual([
      expect.objectContaining({ version: 1, status: 'current', grids: 4, idField: 'code' }),
    ]);
    expect((await store.queryReports({}, { limit: 10 })).reports).toEqual([
      expect.objectContaining({ id: 'old1', grid_id: 'A1', routed_version: 1, routed_grid_id: 'A1' }),
    ]);
    // New reports append after the added columns, as in a new file.
    await store.insertReports([{ id: 'new1', lon: 109.015, lat: 32.695, category: '06010', source: 'app' }]);
    expect((await store.gridStats({})).grids.map((g) => g.count)).toEqual([1, 0, 0, 1]);
    await store.close();
    const again = await openStore(path);
    t.onTestFinished(() => again.close());
    expect((await again.versions()).versions).toHaveLength(1);
    expect(await again.counts()).toEqual({ grids: 4, boundaries: 0, reports: 2 });
  });
});
