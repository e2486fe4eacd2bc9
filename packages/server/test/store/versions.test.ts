import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, test, vi } from 'vitest';
import { parseGrids, type GridSet } from '@citygrid/core';
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
    vi.doMock('../../src/store/reroute-reports.ts', async (original) => {
      const real = await original<typeof import('../../src/store/reroute-reports.ts')>();
      return {
        ...real,
        rerouteReports: async (...args: Parameters<typeof real.rerouteReports>) => {
          if (failReroute.now) throw new Error('disk full (simulated)');
          return real.rerouteReports(...args);
        },
      };
    });
    const { openStore: openMocked } = await import('../../src/store/store.ts');
    vi.doUnmock('../../src/store/reroute-reports.ts');
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
    expect((await store.versions()).versions.map((v) => [v.version, v.status])).toEqual([[2, 'draft'], [1, 'current']]);
    expect(store.route(109.0105, 32.685)?.grid?.id).toBe('A2');
    await store.close();
    const again = await openStore(path);
    t.onTestFinished(() => again.close());
    expect(again.currentVersion()).toBe(1);
    expect(await again.gridStats({})).toEqual(before);
    // And the draft still publishes once the disk is back.
    expect(await again.publish(2)).toEqual({ version: 2, previous: 1, rerouted: 1 });
  });

  test('versions, the current one and every report\'s routing history survive a reopen', async (t) => {
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
        id: g.id, ord, name: g.name, level: g.level, parent: g.parent ?? 'T1', props: JSON.stringify(g.properties), geom: JSON.stringify(g.geometry),
        area: g.area_m2, x0: g.bbox[0], y0: g.bbox[1], x1: g.bbox[2], y1: g.bbox[3],
      });
    }
    await conn.run("INSERT INTO meta VALUES ('idField', 'code')");
    await conn.run("INSERT INTO reports VALUES ('old1', 109.005, 32.685, '06010', 'app', TIMESTAMP '2024-05-01 00:00:00', 'A1', TIMESTAMP '2024-05-01 00:00:01')");
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
    expect((await store.versions()).versions).toEqual([expect.objectContaining({ version: 1, status: 'current', grids: 4, idField: 'code' })]);
    expect((await store.queryReports({}, { limit: 10 })).reports).toEqual([expect.objectContaining({ id: 'old1', grid_id: 'A1', routed_version: 1, routed_grid_id: 'A1' })]);
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
