import type { DuckDBConnection } from '@duckdb/node-api';
import type { Router } from '@citygrid/core';
import { locateReports } from './locate-reports.ts';
import { withAppender } from './with-appender.ts';

/**
 * Re-routes every stored report with the router of a new grid set and updates the grid_id of
 * those that moved, so statistics never count reports under grids that no longer exist. Runs
 * inside the grid replacement's transaction. The lookups go through `routeBatch` (cell order,
 * no per-point objects); only changed rows are written, through a temp table and one
 * UPDATE … FROM.
 *
 * @returns how many reports changed grid
 */
export async function rerouteReports(conn: DuckDBConnection, router: Router): Promise<number> {
  const columns = (await conn.runAndReadAll('SELECT id, lon, lat, grid_id FROM reports')).getColumnsJS();
  const [ids, lons, lats, oldGrids] = columns as [string[], number[], number[], (string | null)[]];
  if (!ids?.length) return 0;
  const gridIds = locateReports(router, lons, lats);
  await conn.run('CREATE OR REPLACE TEMP TABLE rerouted (id VARCHAR, grid_id VARCHAR)');
  let changed = 0;
  await withAppender(
    conn,
    'rerouted',
    (appender) => {
      for (let i = 0; i < ids.length; i++) {
        const gridId = gridIds[i];
        if (gridId === oldGrids[i]) continue;
        changed++;
        appender.appendVarchar(ids[i]);
        if (gridId === null) appender.appendNull();
        else appender.appendVarchar(gridId);
        appender.endRow();
      }
    },
    { schema: 'main', catalog: 'temp' },
  );
  if (changed) await conn.run('UPDATE reports SET grid_id = r.grid_id FROM rerouted r WHERE reports.id = r.id');
  await conn.run('DROP TABLE rerouted');
  return changed;
}
