import type { DuckDBConnection } from '@duckdb/node-api';
import type { BBox, Grid, GridGeometry } from '@citygrid/core';
import type { HierarchyUnit } from './build-router.ts';
import { withAppender } from './with-appender.ts';

/** The two tables holding areas: routable grids, and context outlines (district, towns). */
export type AreaTable = 'grids' | 'boundaries';

/**
 * Replaces every row of `table` with `areas`, in their order. Must run inside a transaction,
 * so readers keep seeing the previous set until COMMIT.
 */
export async function replaceAreas(conn: DuckDBConnection, table: AreaTable, areas: readonly Grid[]): Promise<void> {
  await conn.run(`DELETE FROM ${table}`);
  await withAppender(conn, table, (appender) => {
    areas.forEach((g, ord) => {
      appender.appendVarchar(g.id);
      appender.appendInteger(ord);
      appender.appendVarchar(g.name);
      appender.appendInteger(g.level);
      if (g.parent === null) appender.appendNull();
      else appender.appendVarchar(g.parent);
      appender.appendVarchar(JSON.stringify(g.properties));
      appender.appendVarchar(JSON.stringify(g.geometry));
      appender.appendDouble(g.area_m2);
      for (const v of g.bbox) appender.appendDouble(v);
      appender.endRow();
    });
  });
}

/** Every row of `table` as core Grid objects, in import order. */
export async function readAreas(conn: DuckDBConnection, table: AreaTable): Promise<Grid[]> {
  const reader = await conn.runAndReadAll(
    `SELECT id, name, level, parent, properties, geometry, area_m2, min_lon, min_lat, max_lon, max_lat FROM ${table} ORDER BY ord`,
  );
  return reader.getRowObjectsJS().map((row) => ({
    id: row.id as string,
    name: row.name as string,
    level: Number(row.level),
    parent: (row.parent as string | null) ?? null,
    properties: JSON.parse(row.properties as string) as Record<string, unknown>,
    geometry: JSON.parse(row.geometry as string) as GridGeometry,
    bbox: [row.min_lon, row.min_lat, row.max_lon, row.max_lat] as BBox,
    area_m2: row.area_m2 as number,
  }));
}

/** The outlines' `{ id, name, level, parent }`, without geometry: the hierarchy above the grids. */
export async function readUnits(conn: DuckDBConnection): Promise<HierarchyUnit[]> {
  const reader = await conn.runAndReadAll('SELECT id, name, level, parent FROM boundaries ORDER BY ord');
  return reader.getRowObjectsJS().map((row) => ({
    id: row.id as string,
    name: row.name as string,
    level: Number(row.level),
    parent: (row.parent as string | null) ?? null,
  }));
}
