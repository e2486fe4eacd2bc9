import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { StoredReport } from './report-schemas.ts';
import { encodeCursor, type Cursor } from '../db/cursor.ts';
import { reportConditions, whereClause, type ReportFilter } from '../db/report-filter.ts';

/**
 * One page of reports matching `filter`, ordered by (created_at, id), starting after `after`.
 * Reads one row more than asked to know whether there is a next page.
 * @returns the page and the cursor of the next one (null on the last page)
 */
export async function queryReports(
  conn: DuckDBConnection,
  filter: ReportFilter,
  page: { limit: number; after?: Cursor },
): Promise<{ reports: StoredReport[]; next: string | null }> {
  const { conditions, params } = reportConditions(filter);
  if (page.after) afterCursor(page.after, conditions, params);
  const reader = await conn.runAndReadAll(
    `SELECT ${REPORT_COLUMNS} FROM reports ${whereClause(conditions)}
     ORDER BY created_at, id LIMIT ${page.limit + 1}`,
    params,
  );
  const rows = reader.getRowObjectsJS();
  const more = rows.length > page.limit;
  const reports = rows.slice(0, page.limit).map(reportOf);
  const last = rows[page.limit - 1];
  return { reports, next: more ? encodeCursor({ createdUs: last.us as bigint, id: last.id as string }) : null };
}

/** The columns {@link reportOf} reads, in this order; created_at as µs since the epoch (`us`). */
export const REPORT_COLUMNS = 'id, lon, lat, category, source, epoch_us(created_at) AS us, grid_id, routed_version, routed_grid_id';

/** A row of {@link REPORT_COLUMNS} as served. */
export function reportOf(row: Record<string, unknown>): StoredReport {
  return {
    id: row.id as string,
    lon: row.lon as number,
    lat: row.lat as number,
    category: row.category as string,
    source: row.source as string,
    created_at: isoFromMicros(row.us as bigint),
    grid_id: (row.grid_id as string | null) ?? null,
    routed_version: row.routed_version === null ? null : Number(row.routed_version),
    routed_grid_id: (row.routed_grid_id as string | null) ?? null,
  };
}

/**
 * The keyset condition for the page after `after` in (created_at, id) order, with its
 * parameters; pushed onto `conditions` and `params`.
 */
export function afterCursor(after: Cursor, conditions: string[], params: Record<string, DuckDBValue>): void {
  conditions.push('(created_at > make_timestamp($afterUs::BIGINT) OR (created_at = make_timestamp($afterUs::BIGINT) AND id > $afterId))');
  Object.assign(params, { afterUs: after.createdUs, afterId: after.id });
}

/** ISO 8601 UTC for µs since the epoch (sub-millisecond digits dropped). */
export function isoFromMicros(us: bigint): string {
  return new Date(Number(us / 1000n)).toISOString();
}
