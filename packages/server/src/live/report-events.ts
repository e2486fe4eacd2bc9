import { listValue, type Connection, type SqlValue } from '../db/connection.ts';
import type { ReportEvent } from './live-schemas.ts';
import { REPORT_COLUMNS, reportOf } from '../db/report-rows.ts';

/** Which stored reports a live-feed connection wants. Empty lists or absent fields: all. */
export interface EventFilter {
  categories?: readonly string[];
  /** Grid ids as routed on arrival. */
  grids?: readonly string[];
}

/**
 * Stored reports with after < seq ≤ upto matching `filter`, in seq order, at most `limit`.
 * Seq grows with every append, so DuckDB's per-row-group min/max skip everything older: a
 * page at the end of 1M reports reads one row group, not the table.
 */
export async function readReportEvents(
  conn: Connection,
  range: { after: number; upto: number; limit: number },
  filter: EventFilter = {},
): Promise<ReportEvent[]> {
  const conditions = ['seq > $after', 'seq <= $upto'];
  const params: Record<string, SqlValue> = { after: BigInt(range.after), upto: BigInt(range.upto) };
  if (filter.categories?.length) {
    conditions.push('category IN (SELECT unnest($categories::VARCHAR[]))');
    params.categories = listValue([...filter.categories]);
  }
  if (filter.grids?.length) {
    conditions.push('routed_grid_id IN (SELECT unnest($grids::VARCHAR[]))');
    params.grids = listValue([...filter.grids]);
  }
  const reader = await conn.runAndReadAll(
    `SELECT seq, ${REPORT_COLUMNS} FROM reports WHERE ${conditions.join(' AND ')} ORDER BY seq LIMIT ${Math.trunc(range.limit)}`,
    params,
  );
  // An event carries the grid and version that routed the report on arrival, never today's.
  return reader.getRowObjectsJS().map((row) => {
    const { id, lon, lat, category, source, created_at, routed_grid_id, routed_version } = reportOf(row);
    return { seq: Number(row.seq), id, lon, lat, category, source, created_at, grid_id: routed_grid_id, version: routed_version };
  });
}

/** Whether an event passes a filter (the same test {@link readReportEvents} makes in SQL). */
export function eventMatches(event: ReportEvent, filter: EventFilter): boolean {
  if (filter.categories?.length && !filter.categories.includes(event.category)) return false;
  if (filter.grids?.length && (event.grid_id === null || !filter.grids.includes(event.grid_id))) return false;
  return true;
}
