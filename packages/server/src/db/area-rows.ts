import type { Connection } from './connection.ts';
import type { BBox, Grid, GridGeometry } from '@citygrid/core';
import { withAppender } from './with-appender.ts';

/**
 * Where areas are read from: the current grids (a view), the context outlines (district,
 * towns), or one grid version.
 */
export type AreaSource = 'grids' | 'boundaries' | { version: number };

/**
 * Replaces every context outline with `areas`, in their order. Must run inside a transaction,
 * so readers keep seeing the previous set until COMMIT.
 */
export async function replaceBoundaryRows(conn: Connection, areas: readonly Grid[]): Promise<void> {
  await conn.run('DELETE FROM boundaries');
  await appendAreas(conn, 'boundaries', areas);
}

/** Writes the grids of a new version, in their order. Inside the import's transaction. */
export async function appendVersionGrids(conn: Connection, version: number, grids: readonly Grid[]): Promise<void> {
  await appendAreas(conn, 'version_grids', grids, version);
}

// Areas appended per appender, with a turn of the event loop between: a page of Voronoi test
// grids is ~0.6 MB of JSON, ~10 ms. 5k of them in one appender held every request ~0.3 s.
const AREAS_PER_PAGE = 100;

async function appendAreas(
  conn: Connection,
  table: 'boundaries' | 'version_grids',
  areas: readonly Grid[],
  version?: number,
): Promise<void> {
  for (let start = 0; start < areas.length || start === 0; start += AREAS_PER_PAGE) {
    // createAppender resolves without a turn of the event loop: yield, or the pages run as one.
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    await withAppender(conn, table, (appender) => {
      for (let ord = start; ord < Math.min(areas.length, start + AREAS_PER_PAGE); ord++) {
        const g = areas[ord];
        if (version !== undefined) appender.appendInteger(version);
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
      }
    });
  }
}

/** Every area of `source` as core Grid objects, in import order. */
export async function readAreas(conn: Connection, source: AreaSource): Promise<Grid[]> {
  const [from, params] =
    typeof source === 'string' ? [source, undefined] : ['version_grids WHERE version = $version', { version: source.version }];
  const reader = await conn.runAndReadAll(
    `SELECT id, name, level, parent, properties, geometry, area_m2, min_lon, min_lat, max_lon, max_lat FROM ${from} ORDER BY ord`,
    params,
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
