import type { SqlValue } from './connection.ts';
import type { StoredReport } from '../reports/report-schemas.ts';
import type { Cursor } from './cursor.ts';

// The reports table's rows as every feature reads them: the queries differ, the row does not.

/** The columns {@link reportOf} reads, in this order; created_at as µs since the epoch (`us`). */
export const REPORT_COLUMNS =
  'id, lon, lat, category, source, epoch_us(created_at) AS us, grid_id, routed_version, routed_grid_id, description, address, attributes, department, owner_level, dispatch_rule, category_known';

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
    description: (row.description as string | null) ?? null,
    address: (row.address as string | null) ?? null,
    attributes: row.attributes === null || row.attributes === undefined ? null : JSON.parse(row.attributes as string),
    department: (row.department as string | null) ?? null,
    owner_level: (row.owner_level as string | null) ?? null,
    dispatch_rule: (row.dispatch_rule as string | null) ?? null,
    // Rows stored before profiles were all checked against the standard catalogue.
    category_known: row.category_known !== false,
  };
}

/**
 * The keyset condition for the page after `after` in (created_at, id) order, with its
 * parameters; pushed onto `conditions` and `params`.
 */
export function afterCursor(after: Cursor, conditions: string[], params: Record<string, SqlValue>): void {
  conditions.push('(created_at > make_timestamp($afterUs::BIGINT) OR (created_at = make_timestamp($afterUs::BIGINT) AND id > $afterId))');
  Object.assign(params, { afterUs: after.createdUs, afterId: after.id });
}

/** ISO 8601 UTC for µs since the epoch (sub-millisecond digits dropped). */
export function isoFromMicros(us: bigint): string {
  return new Date(Number(us / 1000n)).toISOString();
}
