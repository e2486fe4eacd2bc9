import type { SqlValue } from './connection.ts';
import { listValue } from '@duckdb/node-api';
import type { BBox } from '@citygrid/core';

/** Which reports a query covers. Every field narrows; an empty filter means all reports. */
export interface ReportFilter {
  /** `[minLon, minLat, maxLon, maxLat]`, WGS84 degrees, edges included. */
  bbox?: BBox;
  /** created_at ≥ this, ms since the epoch. */
  fromMs?: number;
  /** created_at < this (exclusive), ms since the epoch. */
  toMs?: number;
  /** Event type codes; a report matches any of them. */
  categories?: string[];
  /** Grid id the report was routed to. */
  grid?: string;
  /** Report sources (`12345`, `app`, …); a report matches any of them. */
  sources?: string[];
  /** Grid ids of the current version; a report matches when routed to any of them (a community's or street's grids). */
  grids?: string[];
  /** Department codes (the city profile's dispatch); a report matches any of them. */
  departments?: string[];
}

/**
 * SQL conditions and named parameters for a filter over `reports` (aliased `alias`). Returned
 * as a list so callers can place them in WHERE or, for a LEFT JOIN, in ON.
 * @example reportConditions({ categories: ['06010'] }, 'r') // { conditions: ['r.category IN …'], params: { categories: … } }
 */
export function reportConditions(filter: ReportFilter, alias = ''): { conditions: string[]; params: Record<string, SqlValue> } {
  const c = alias ? `${alias}.` : '';
  const conditions: string[] = [];
  const params: Record<string, SqlValue> = {};
  if (filter.bbox) {
    const [minLon, minLat, maxLon, maxLat] = filter.bbox;
    conditions.push(`${c}lon BETWEEN $minLon AND $maxLon`, `${c}lat BETWEEN $minLat AND $maxLat`);
    Object.assign(params, { minLon, minLat, maxLon, maxLat });
  }
  if (filter.fromMs !== undefined) {
    conditions.push(`${c}created_at >= make_timestamp($fromUs::BIGINT)`);
    params.fromUs = BigInt(filter.fromMs) * 1000n;
  }
  if (filter.toMs !== undefined) {
    conditions.push(`${c}created_at < make_timestamp($toUs::BIGINT)`);
    params.toUs = BigInt(filter.toMs) * 1000n;
  }
  if (filter.categories?.length) {
    conditions.push(`${c}category IN (SELECT unnest($categories::VARCHAR[]))`);
    params.categories = listValue(filter.categories);
  }
  if (filter.grid !== undefined) {
    conditions.push(`${c}grid_id = $grid`);
    params.grid = filter.grid;
  }
  if (filter.sources?.length) {
    conditions.push(`${c}source IN (SELECT unnest($sources::VARCHAR[]))`);
    params.sources = listValue(filter.sources);
  }
  if (filter.departments?.length) {
    conditions.push(`${c}department IN (SELECT unnest($departments::VARCHAR[]))`);
    params.departments = listValue(filter.departments);
  }
  if (filter.grids?.length === 0)
    conditions.push('false'); // an empty list parameter has no type
  else if (filter.grids !== undefined) {
    conditions.push(`${c}grid_id IN (SELECT unnest($grids::VARCHAR[]))`);
    params.grids = listValue(filter.grids);
  }
  return { conditions, params };
}

/** `WHERE a AND b`, or nothing. */
export function whereClause(conditions: readonly string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}
