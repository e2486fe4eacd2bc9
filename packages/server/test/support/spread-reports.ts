import { mulberry32, parseGrids, type GridSet } from '@citygrid/core';
import { voronoiTiling } from '../../../core/test/support/voronoi-tiling.ts';
import type { TestContext } from 'vitest';
import type { Store } from '../../src/index.ts';
import { build } from '../helper.ts';

/**
 * A FeatureCollection's grids, parsed (throws on a bad one: test input).
 * @example const gridSet = parsedGrids(fixture('grid-2x2/grids.geojson'));
 */
export function parsedGrids(body: unknown): GridSet {
  const result = parseGrids(body);
  if (!result.ok) throw new Error(result.problems[0].message);
  return result.gridSet;
}

/**
 * A Voronoi tiling of `grids` grids (the 0.5° square the reports below fall in), parsed.
 * @example await store.replaceGrids(voronoiGrids(3000, 1));
 */
export function voronoiGrids(grids: number, seed: number): GridSet {
  return parsedGrids(voronoiTiling({ grids, seed }));
}

/**
 * Stores `count` patrol reports of 2024-06-01 spread over that square, bulk-loaded; with
 * `copies` > 1, copies of each made in SQL (seconds for 1M, not minutes), each nudged so they
 * route apart. For the tests that need the event loop to face a million reports.
 * @example await storeSpreadReports(store, 100_000, 5, 10); // 1M reports
 */
export async function storeSpreadReports(store: Store, count: number, seed: number, copies = 1): Promise<void> {
  const rng = mulberry32(seed);
  await store.insertReportsBulk(
    Array.from({ length: count }, (_, i) => ({
      id: `r${i}`,
      lon: 109 + rng() * 0.5,
      lat: 32.7 + rng() * 0.5,
      category: '06010',
      source: 'patrol',
      created_at: '2024-06-01T00:00:00Z',
    })),
  );
  if (copies > 1)
    await store.db.write((conn) =>
      conn.run(
        `INSERT INTO reports SELECT r.* REPLACE (r.id || '-' || c.k AS id, r.lon + (hash(r.id || c.k) % 1000) * 1e-6 AS lon)
         FROM reports r, range(1, ${copies}) c(k)`,
      ),
    );
}

/**
 * An app on one geometry worker with 3,000 Voronoi grids, 1M reports spread over them (100k
 * stored, 9 copies of each) and a draft version, a second tiling that moves nearly every
 * report: routing them all is ~0.3–0.4 s of CPU, what issue 19 measured on the main thread.
 * @example const { app, version } = await millionReportsAndDraft(t);
 */
export async function millionReportsAndDraft(t: TestContext) {
  const app = await build(t, { geometry: { size: 1 } });
  await app.store.replaceGrids(voronoiGrids(3000, 1));
  await storeSpreadReports(app.store, 100_000, 5, 10);
  const { version } = await app.store.importGrids(voronoiGrids(3000, 2));
  return { app, version };
}
