import { DuckDBTimestampValue, type DuckDBConnection } from '@duckdb/node-api';
import { routePoint, type GridSet } from '@citygrid/core';
import type { CheckedReport } from './check-report-inputs.ts';
import { withAppender } from './with-appender.ts';

/**
 * Routes each report against `gridSet` (grid_id null without grids or outside all of them)
 * and appends it to `reports` with a DuckDB appender: 200k rows take ~0.4 s here, against
 * minutes for row-by-row INSERTs. Must run inside a transaction; a repeated id fails the
 * primary key and the caller's ROLLBACK drops the whole batch.
 *
 * @returns the grid id of each report, in order
 */
export async function appendReports(conn: DuckDBConnection, reports: readonly CheckedReport[], gridSet: GridSet | null): Promise<(string | null)[]> {
  const gridIds = reports.map((r) => (gridSet ? (routePoint(gridSet, r.lon, r.lat)?.id ?? null) : null));
  const receivedAt = new DuckDBTimestampValue(BigInt(Date.now()) * 1000n);
  await withAppender(conn, 'reports', (appender) => {
    reports.forEach((r, i) => {
      appender.appendVarchar(r.id);
      appender.appendDouble(r.lon);
      appender.appendDouble(r.lat);
      appender.appendVarchar(r.category);
      appender.appendVarchar(r.source);
      appender.appendTimestamp(new DuckDBTimestampValue(BigInt(r.createdMs) * 1000n));
      const gridId = gridIds[i];
      if (gridId === null) appender.appendNull();
      else appender.appendVarchar(gridId);
      appender.appendTimestamp(receivedAt);
      appender.endRow();
    });
  });
  return gridIds;
}
