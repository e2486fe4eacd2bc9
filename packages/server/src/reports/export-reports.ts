import { CSV_FORMULA_SQL } from '@citygrid/core';
import { join } from 'node:path';
import type { Connection, SqlValue } from '../db/connection.ts';
import { reportConditions, whereClause, type ReportFilter } from '../db/report-filter.ts';

/** File formats `GET /api/reports` exports. */
export type ExportFormat = 'csv' | 'geojson' | 'parquet';

/** What {@link exportReports} wrote: files to send one after the other, and the row count. */
export interface ExportFiles {
  /** In order; CSV: the first has the header line; GeoJSON: newline-delimited Features. */
  files: string[];
  rows: number;
}

/** Options of {@link exportReports}. */
export interface ExportOptions {
  /** [100000] Most rows DuckDB sorts at once for CSV and GeoJSON. */
  sliceRows?: number;
}

const DEFAULTS: Required<ExportOptions> = {
  // Sorting is what costs DuckDB memory: one COPY … ORDER BY of 1M rows peaked at ~300 MiB
  // (CSV) and ~530 MiB (GeoJSON) above its cache; 100k-row slices at ~50 and ~80 MiB.
  sliceRows: 100_000,
};

// created_at as ISO 8601 UTC with milliseconds, as the JSON pages serve it.
const ISO = "strftime(created_at, '%Y-%m-%dT%H:%M:%S.%gZ')";
// What a report carries beyond where and when: the same in every format, as in the JSON page.
const CARRIED = ['description', 'address', 'attributes', 'department', 'owner_level', 'dispatch_rule', 'category_known'];
// Every text column goes into spreadsheets, not only what a reporter typed: a client chooses
// the id, a kept unknown category is its own text, grid ids come from a planner's file. A cell
// that would run as a formula in Excel/WPS gets core's csvSafeCell rule (a ' prefix), in SQL.
const TEXT = new Set([
  'id',
  'category',
  'source',
  'grid_id',
  'routed_grid_id',
  'description',
  'address',
  'attributes',
  'department',
  'owner_level',
  'dispatch_rule',
]);
const csvText = (column: string, as = column) =>
  TEXT.has(column)
    ? `CASE WHEN regexp_matches(${column}, '${CSV_FORMULA_SQL.start}') AND NOT regexp_matches(${column}, '${CSV_FORMULA_SQL.number}') THEN '''' || ${column} ELSE ${column} END AS ${as}`
    : column;
// GeoJSON properties: attributes as a JSON object, not its text.
const property = (column: string) => `'${column}': ${column === 'attributes' ? 'attributes::JSON' : column}`;

/**
 * The SELECT each format copies. CSV and GeoJSON carry created_at as ISO text; Parquet keeps
 * the types (DOUBLE, INTEGER, TIMESTAMP WITH TIME ZONE in UTC) so DuckDB, pandas or Arrow read
 * it without parsing. GeoJSON rows are Features built by DuckDB (a struct per row becomes a
 * JSON object), so no row crosses into JavaScript.
 */
const SELECTS: Record<ExportFormat, string> = {
  csv: `SELECT ${['id', 'lon', 'lat', 'category', 'source'].map((c) => csvText(c)).join(', ')}, ${ISO} AS created_at, ${['grid_id', 'routed_version', 'routed_grid_id', ...CARRIED].map((c) => csvText(c)).join(', ')}`,
  parquet: `SELECT id, lon, lat, category, source, timezone('UTC', created_at) AS created_at, grid_id, routed_version, routed_grid_id, ${CARRIED.join(', ')}`,
  geojson: `SELECT 'Feature' AS type, {'type': 'Point', 'coordinates': [lon, lat]} AS geometry,
    {${['id', 'category', 'source', 'grid_id', 'routed_version', 'routed_grid_id', ...CARRIED].map(property).join(', ')}, 'created_at': ${ISO}} AS properties`,
};

/**
 * Writes every report matching `filter` into files in `dir` with DuckDB's COPY, ordered by
 * (created_at, id) like the JSON pages (the table's columns, qualified: the CSV's created_at
 * alias is text). DuckDB writes the rows to disk, not to JavaScript; the caller streams the
 * files out and deletes them.
 *
 * The sort is what costs memory, so CSV and GeoJSON are cut into time slices of about
 * `sliceRows` reports at created_at quantiles (one aggregate query), each COPYed sorted into
 * its own file: the slices follow each other in time and the rows of one created_at never
 * straddle two, so the files in order are the whole export in order. Parquet is one file (a
 * file per slice would not concatenate); its writer sorts narrow typed columns, ~25–100 MiB for
 * 1M reports.
 *
 * @param dir a fresh temporary directory
 * @param [options.sliceRows=100000] most rows sorted at once
 */
export async function exportReports(
  conn: Connection,
  filter: ReportFilter,
  format: ExportFormat,
  dir: string,
  options: ExportOptions = {},
): Promise<ExportFiles> {
  const { sliceRows } = { ...DEFAULTS, ...options };
  const { conditions, params } = reportConditions(filter);
  const bounds = format === 'parquet' ? [] : await sliceBounds(conn, conditions, params, sliceRows);
  const files: string[] = [];
  let rows = 0;
  for (let k = 0; k <= bounds.length; k++) {
    const slice = [...conditions];
    const bound: Record<string, SqlValue> = {};
    if (k > 0) {
      slice.push('created_at >= make_timestamp($lo::BIGINT)');
      bound.lo = bounds[k - 1];
    }
    if (k < bounds.length) {
      slice.push('created_at < make_timestamp($hi::BIGINT)');
      bound.hi = bounds[k];
    }
    const path = join(dir, `${k}.${format}`);
    rows += await copy(
      conn,
      `${SELECTS[format]} FROM reports ${whereClause(slice)} ORDER BY reports.created_at, reports.id`,
      { ...params, ...bound },
      path,
      copyOptions(format, k),
    );
    files.push(path);
  }
  return { files, rows };
}

/** COPY options: a header on the first CSV file only; Features one per line for GeoJSON. */
function copyOptions(format: ExportFormat, k: number): string {
  if (format === 'csv') return `FORMAT csv, HEADER ${k === 0}`;
  // zstd: ~35 % smaller than snappy on these columns, and DuckDB writes it as fast.
  if (format === 'parquet') return 'FORMAT parquet, COMPRESSION zstd';
  return 'FORMAT json';
}

/** COPYs `select` to `path`; the rows written. */
async function copy(conn: Connection, select: string, params: Record<string, SqlValue>, path: string, options: string): Promise<number> {
  const reader = await conn.runAndReadAll(`COPY (${select}) TO '${path.replaceAll("'", "''")}' (${options})`, params);
  return Number(reader.getRows()[0]?.[0] ?? 0);
}

/**
 * created_at values (µs) cutting the matching reports into slices of about `sliceRows`,
 * ascending and distinct; none when one slice holds them all.
 */
async function sliceBounds(conn: Connection, conditions: string[], params: Record<string, SqlValue>, sliceRows: number): Promise<bigint[]> {
  const where = whereClause(conditions);
  const n = Number((await conn.runAndReadAll(`SELECT count(*) AS n FROM reports ${where}`, params)).getRowObjectsJS()[0].n);
  const slices = Math.ceil(n / sliceRows);
  if (slices <= 1) return [];
  const fractions = Array.from({ length: slices - 1 }, (_, k) => ((k + 1) / slices).toFixed(6)).join(', ');
  const row = (
    await conn.runAndReadAll(`SELECT quantile_disc(epoch_us(created_at), [${fractions}]) AS b FROM reports ${where}`, params)
  ).getRowObjectsJS()[0];
  const bounds = (row.b as { items: bigint[] } | bigint[]) ?? [];
  const list = Array.isArray(bounds) ? bounds : bounds.items;
  return [...new Set(list.map(BigInt))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
