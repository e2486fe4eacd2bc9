import type { Connection } from '../../db/connection.ts';
import { routerIndex, type Router } from '@citygrid/core';
import { readPointsInSlices } from '../../db/read-points.ts';
import { withAppender } from '../../db/with-appender.ts';
import { findRerouted, type RerouteArgs, type Rerouted } from './find-rerouted.ts';

// The old grid of a report whose grid_id the new version does not have (−1 is outside).
const GONE = -2;
// Chunks read between two yields to the event loop (~65k rows), as impact.ts reads them.
const CHUNKS_PER_SLICE = 32;
// Changed rows appended per appender: ~20k rows of (BIGINT, VARCHAR) are appender
// calls and a sync flush, ~7 ms; 1M in one appender held every request for ~0.3 s.
const ROWS_PER_PAGE = 20_000;

/**
 * Routes the reports and picks those that change grid ({@link findRerouted}) somewhere: the
 * server passes its geometry pool, so the routing runs on a worker thread; the arrays in
 * `transfer` move there instead of being copied.
 */
export type Rerouter = (args: RerouteArgs, transfer: ArrayBuffer[]) => Promise<Rerouted>;

/** Re-routes in-process: for callers without a pool (scripts, the store's own tests). */
export const rerouteInProcess: Rerouter = async (args) => findRerouted(args);

/**
 * Re-routes every stored report with the router of the version being published and updates
 * the grid_id of those that moved, so statistics never count reports under grids that are no
 * longer current. Runs inside the publish transaction, after the version was made current: the
 * `grids` view then shows the new grids, and the old grid_id is joined to them as an index.
 *
 * Only numbers cross into JS (lon, lat, that index, the rowid): reading the 1M ids and grid ids
 * as strings took 4–7 s on the demo with 1M reports. They are read a slice of rows at a time,
 * yielding between slices, and `reroute` routes them: on the server a worker thread, sent the
 * router's shared index and the arrays themselves (issue 19: on the main thread the routing
 * held every request for ~0.5 s per 1M reports). Changed rows are written back by rowid
 * (DuckDB's, not portable SQL, but free here: the write lock holds, so no row moves meanwhile)
 * through a temp table, appended a page at a time, and one UPDATE … FROM. The awaits between
 * the steps never release the write lock: the re-route and the version switch stay one
 * transaction.
 *
 * @returns how many reports changed grid
 */
export async function rerouteReports(conn: Connection, router: Router, reroute: Rerouter = rerouteInProcess): Promise<number> {
  const grids = router.gridSet.grids;
  const indexOf = new Map(grids.map((g, i) => [g.id, i]));
  const ordRows = (await conn.runAndReadAll('SELECT id, ord FROM grids')).getRowObjectsJS();
  const targetOf = new Int32Array(ordRows.reduce((n, row) => Math.max(n, Number(row.ord) + 1), 0)).fill(GONE);
  for (const row of ordRows) targetOf[Number(row.ord)] = indexOf.get(row.id as string) ?? GONE;
  const result = await conn.run(
    `SELECT r.lon, r.lat, CASE WHEN r.grid_id IS NULL THEN -1 ELSE coalesce(g.ord, ${GONE}) END::INTEGER AS old, r.rowid::DOUBLE AS rid
     FROM reports r LEFT JOIN grids g ON g.id = r.grid_id`,
  );
  const { coords, ords: from, ids } = await readPointsInSlices(result, CHUNKS_PER_SLICE, true);
  if (!from.length) return 0;
  const { rows, to } = await reroute({ index: routerIndex(router), coords, from, targetOf }, [
    coords.buffer as ArrayBuffer,
    from.buffer as ArrayBuffer,
    targetOf.buffer as ArrayBuffer,
  ]);
  if (!rows.length) return 0;
  await conn.run('CREATE OR REPLACE TEMP TABLE rerouted (rid BIGINT, grid_id VARCHAR)');
  for (let start = 0; start < rows.length; start += ROWS_PER_PAGE) {
    // createAppender resolves without a turn of the event loop: yield, or the pages run as one.
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    const end = Math.min(rows.length, start + ROWS_PER_PAGE);
    await withAppender(
      conn,
      'rerouted',
      (appender) => {
        for (let n = start; n < end; n++) {
          appender.appendBigInt(BigInt(ids![rows[n]]));
          if (to[n] < 0) appender.appendNull();
          else appender.appendVarchar(grids[to[n]].id);
          appender.endRow();
        }
      },
      { schema: 'main', catalog: 'temp' },
    );
  }
  await conn.run('UPDATE reports SET grid_id = t.grid_id FROM rerouted t WHERE reports.rowid = t.rid');
  await conn.run('DROP TABLE rerouted');
  return rows.length;
}
