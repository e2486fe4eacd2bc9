// Impact of a grid version on stored reports (GET /api/grids/versions/:v/impact): how long the
// store takes to route every report of a window with a draft's grids and count the moves, on
// the demo district with 1M synthetic reports in a DuckDB file, against a naïve baseline timed
// in the same run (rows as objects, router.route per report, string-keyed counts).
//
//   pnpm bench impact [--reports 1000000] [--reps 5] [--seed 1] [--db file]
//
// Two drafts: "merge", two neighbouring grids of the demo merged (a planner's edit: ~2 % of
// the reports move), and "re-partition", the district cut into 600 m hexagons (almost every
// report moves: the worst case for the counting). Publish times (re-routing every report in
// the transaction) are printed too, and each draft's "all" through a geometry worker, as the
// server runs it (issue 19: off the event loop). Results go to docs/server.md with the
// machine line.
import { DuckDBInstance } from '@duckdb/node-api';
import { CitygridError, createRouter, mergeGrids, parseGrids, regularGrid, type GridSet } from '@citygrid/core';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { machineFacts, sig, sink, stats } from '../../core/bench/harness.ts';
import { benchFlags, demoStore } from './demo-store.ts';
import { GeometryPool } from '../src/geometry/geometry-pool.ts';
import type { MoveCounter } from '../src/grids/impact/impact.ts';

const { count, reps, seed, db } = benchFlags(); // 1M by default: the issue's "≤ 1 s for 1M reports"
console.log(machineFacts());
const { store, dbPath, district, gridSet: demo, remove } = await demoStore({ count, seed, db });
const pool = new GeometryPool({ size: 1 });
try {
  let t0: number;
  const drafts = {
    merge: (await store.importGrids(mergeNeighbours(demo))).version,
    're-partition': (
      await store.importGrids(gridSetOf(regularGrid(district.features[0] as Feature<Polygon>, { shape: 'hex', size_m: 600 }), 'id'))
    ).version,
  };
  const month = { fromMs: Date.parse('2026-03-01T00:00:00+08:00'), toMs: Date.parse('2026-04-01T00:00:00+08:00') };
  console.log('\ncase                         reports   moved   cells   min ms   mean ± std ms');
  const lines: string[] = [];
  let mergeAllMean = 0;
  for (const [name, version] of Object.entries(drafts)) {
    for (const [window, filter] of [
      ['all', {}],
      ['one month', month],
    ] as const) {
      const last = await store.impact(version, filter);
      const times = await timeAsync(() => store.impact(version, filter), reps);
      const s = stats(times);
      if (name === 'merge' && window === 'all') mergeAllMean = s.mean;
      lines.push(
        `${`${name}, ${window}`.padEnd(26)} ${String(last.total).padStart(9)} ${String(last.moved).padStart(7)} ${String(last.matrix.length).padStart(7)} ${sig(s.min).padStart(8)}   ${sig(s.mean)} ± ${sig(s.std, 2)}`,
      );
      console.log(lines.at(-1));
    }
    // As the server runs it: routed and counted on a geometry worker (transfer and post included).
    const viaPool: MoveCounter = (args, transfer) => pool.run('countMoves', args, 'the bench impact', { transfer });
    const onWorker = await store.grids.impact(version, {}, viaPool);
    if (JSON.stringify(onWorker) !== JSON.stringify(await store.impact(version, {}))) throw new Error('the worker answered differently');
    const workerStats = stats(await timeAsync(() => store.grids.impact(version, {}, viaPool), reps));
    lines.push(
      `${`${name}, all, worker`.padEnd(26)} ${String(onWorker.total).padStart(9)} ${String(onWorker.moved).padStart(7)} ${String(onWorker.matrix.length).padStart(7)} ${sig(workerStats.min).padStart(8)}   ${sig(workerStats.mean)} ± ${sig(workerStats.std, 2)}`,
    );
    console.log(lines.at(-1));
    const top = (await store.impact(version, {})).matrix[0];
    const pairTimes = await timeAsync(() => store.impactReports(version, {}, { from: top.from, to: top.to }, { limit: 100 }), reps);
    console.log(`${`${name}, pair list (100)`.padEnd(26)} ${'(' + top.from + ' → ' + top.to + ')'}  min ${sig(stats(pairTimes).min)} ms`);
  }

  t0 = performance.now();
  const published = await store.publish(drafts.merge);
  const publishMs = performance.now() - t0;
  t0 = performance.now();
  await store.publish(1);
  console.log(
    `\npublish "merge" (re-routes every report in its transaction): ${sig(publishMs)} ms, ${published.rerouted} reports changed grid; publish back: ${sig(performance.now() - t0)} ms`,
  );
  // Baseline in the same run, on the same file: what the impact costs written the obvious way.
  await store.close();
  const baseline = await naiveImpact(dbPath, mergeNeighbours(demo));
  console.log(
    `\nnaïve baseline ("merge", all): ${sig(baseline.ms)} ms for ${baseline.total} reports, ${baseline.moved} moved: ${sig(baseline.ms / mergeAllMean, 2)}× the store's mean`,
  );
} finally {
  await pool.close();
  await store.close();
}
console.log(`sink ${sink.value}`);
remove();

/** Milliseconds per call of `run` over `n` repetitions (the caller ran it once as warm-up). */
async function timeAsync(run: () => Promise<unknown>, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const result = await run();
    times.push(performance.now() - t);
    sink.value += JSON.stringify(result).length;
  }
  return times;
}

/** Rows as objects, one router.route per report, counts keyed by "from|to". */
async function naiveImpact(path: string, draft: GridSet): Promise<{ ms: number; total: number; moved: number }> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  try {
    const router = createRouter(draft);
    const t = performance.now();
    const rows = (await conn.runAndReadAll('SELECT id, lon, lat, grid_id FROM reports')).getRowObjectsJS();
    const cells = new Map<string, number>();
    let moved = 0;
    for (const row of rows) {
      const to = router.route(row.lon as number, row.lat as number).grid?.id ?? null;
      if (to === row.grid_id) continue;
      moved++;
      const key = `${row.grid_id}|${to}`;
      cells.set(key, (cells.get(key) ?? 0) + 1);
    }
    sink.value += cells.size;
    return { ms: performance.now() - t, total: rows.length, moved };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

function gridSetOf(fc: FeatureCollection, idField = 'id'): GridSet {
  const parsed = parseGrids(fc, { idField });
  if (!parsed.ok) throw new CitygridError(parsed.problems);
  return parsed.gridSet;
}

/** The demo with its first grid merged into the first neighbour mergeGrids accepts. */
function mergeNeighbours(gridSet: GridSet): GridSet {
  const [first, ...rest] = gridSet.grids;
  for (const other of rest) {
    try {
      return mergeGrids(gridSet, [first.id, other.id]);
    } catch {
      // not a neighbour: try the next
    }
  }
  throw new Error('no grid of the demo borders the first one');
}
