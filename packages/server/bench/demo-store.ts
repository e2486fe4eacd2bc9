// What the server benches share: their flags, and a DuckDB store holding the demo district
// (boundaries and grids, published) plus N synthetic reports drawn from the demo's activity zones.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CitygridError, parseGrids, type GridSet } from '@citygrid/core';
import { openStore, type Store } from '../src/index.ts';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { sig } from '../../core/bench/harness.ts';
import { activityZones } from '../../../scripts/demo/synthetic-district.ts';
import { generateReports } from '../../../scripts/demo/synthetic-reports.ts';

const DEMO = resolve(import.meta.dirname, '../../../data/demo');

/** `--reports n --reps n --seed n --db file`, with defaults (1M reports, 5 reps, seed 1, a temp file). */
export function benchFlags(): { count: number; reps: number; seed: number; db?: string } {
  const { values } = parseArgs({
    options: { reports: { type: 'string' }, reps: { type: 'string' }, seed: { type: 'string' }, db: { type: 'string' } },
  });
  return { count: Number(values.reports ?? 1_000_000), reps: Number(values.reps ?? 5), seed: Number(values.seed ?? 1), db: values.db };
}

export interface DemoStore {
  store: Store;
  dbPath: string;
  gridsFc: FeatureCollection;
  towns: FeatureCollection<Polygon | MultiPolygon>;
  district: FeatureCollection;
  gridSet: GridSet;
  /** Removes the temp file once the store is closed (kept when `--db` named one). */
  remove(): void;
}

/** The demo district with `count` synthetic reports in a DuckDB file; prints how long the load took. */
export async function demoStore(flags: { count: number; seed: number; db?: string }): Promise<DemoStore> {
  const dir = flags.db ? null : mkdtempSync(join(tmpdir(), 'citygrid-bench-'));
  const dbPath = flags.db ?? join(dir!, 'bench.duckdb');
  const read = (name: string) => JSON.parse(readFileSync(resolve(DEMO, name), 'utf8')) as FeatureCollection;
  const gridsFc = read('grids.geojson');
  const towns = read('towns.geojson') as FeatureCollection<Polygon | MultiPolygon>;
  const district = read('district.geojson');
  const parsed = parseGrids(gridsFc);
  if (!parsed.ok) throw new CitygridError(parsed.problems);
  const store = await openStore(dbPath);
  await store.replaceBoundaries({ type: 'FeatureCollection', features: [...district.features, ...towns.features] });
  await store.replaceGrids(parsed.gridSet);
  let t0 = performance.now();
  const reports = generateReports({
    grids: gridsFc,
    zones: activityZones(towns, flags.seed),
    district: district.features[0],
    seed: flags.seed,
    count: flags.count,
  });
  const genMs = performance.now() - t0;
  t0 = performance.now();
  await store.insertReportsBulk(reports);
  console.log(
    `${flags.count.toLocaleString('en-US')} synthetic reports generated in ${sig(genMs / 1000)} s, stored in ${sig((performance.now() - t0) / 1000)} s (${dbPath})`,
  );
  return {
    store,
    dbPath,
    gridsFc,
    towns,
    district,
    gridSet: parsed.gridSet,
    remove() {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
