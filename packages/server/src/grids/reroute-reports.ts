import type { Connection } from '../db/connection.ts';
import type { Router } from '@citygrid/core';
import { readPoints } from '../db/read-points.ts';
import { withAppender } from '../db/with-appender.ts';

// The old grid of a report whose grid_id the new version does not have (−1 is outside).
const GONE = -2;

/**
 * Re-routes every stored report with the router of the version being published and updates
 * the grid_id of those that moved, so statistics never count reports under grids that are no
 * longer current. Runs inside the publish transaction, after the version was made current: the
 * `grids` view then shows the new grids, and the old grid_id is joined to them as an index.
 *
 * Only numbers cross into JS (lon, lat, that index): reading the 1M ids and grid ids as strings
 * took 4–7 s on the demo with 1M reports, this ~0.3 s. Changed rows are written back by rowid
 * (DuckDB's, not portable SQL, but free here: the write lock holds, so no row moves meanwhile)
 * through a temp table and one UPDATE … FROM.
 *
 * @returns how many reports changed grid
 */
export async function rerouteReports(conn: Connection, router: Router): Promise<number> {
  const grids = router.gridSet.grids;
  const indexOf = new Map(grids.map((g, i) => [g.id, i]));
  const byOrd = new Map<number, number>();
  for (const row of (await conn.runAndReadAll('SELECT id, ord FROM grids')).getRowObjectsJS())
    byOrd.set(Number(row.ord), indexOf.get(row.id as string) ?? GONE);
  const result = await conn.run(
    `SELECT r.lon, r.lat, CASE WHEN r.grid_id IS NULL THEN -1 ELSE coalesce(g.ord, ${GONE}) END::INTEGER AS old, r.rowid AS rid
     FROM reports r LEFT JOIN grids g ON g.id = r.grid_id`,
  );
  const { coords, ords, at } = readPoints(result);
  if (!ords.length) return 0;
  const found = router.routeBatch(coords);
  await conn.run('CREATE OR REPLACE TEMP TABLE rerouted (rid BIGINT, grid_id VARCHAR)');
  let changed = 0;
  await withAppender(
    conn,
    'rerouted',
    (appender) => {
      for (let k = 0; k < ords.length; k++) {
        const old = ords[k] < 0 ? ords[k] : (byOrd.get(ords[k]) ?? GONE);
        const now = found[k];
        if (now === old) continue;
        changed++;
        appender.appendBigInt(at(k, 3) as bigint);
        if (now < 0) appender.appendNull();
        else appender.appendVarchar(grids[now].id);
        appender.endRow();
      }
    },
    { schema: 'main', catalog: 'temp' },
  );
  if (changed) await conn.run('UPDATE reports SET grid_id = t.grid_id FROM rerouted t WHERE reports.rowid = t.rid');
  await conn.run('DROP TABLE rerouted');
  return changed;
}
