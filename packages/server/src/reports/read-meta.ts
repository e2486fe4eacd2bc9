import type { Connection } from '../db/connection.ts';
import { CASE_TYPES, type BBox, type CityCatalogue, type GridSet } from '@citygrid/core';
import type { Meta } from './meta-schemas.ts';
import { isoFromMicros } from '../db/report-rows.ts';

/**
 * What the viewer builds its filters and initial view from: categories with counts, sources,
 * the time range and the extent. The extent is the grids' (already in memory), else the
 * context outlines', else the reports'. Categories are those of the city profile's catalogue
 * worth a filter entry: the profile's own, the common standard ones (CASE_TYPES) when it
 * includes the standard catalogue, and any with reports (kept under its own text if unknown).
 */
export async function readMeta(conn: Connection, gridSet: GridSet | null, catalogue: CityCatalogue): Promise<Meta> {
  const byCategory = new Map<string, number>();
  for (const row of (
    await conn.runAndReadAll('SELECT category, count(*)::INTEGER AS n FROM reports GROUP BY category ORDER BY category')
  ).getRowObjectsJS()) {
    byCategory.set(row.category as string, Number(row.n));
  }
  const listed = new Set([
    ...CASE_TYPES.map((t) => t.code).filter((code) => catalogue.category(code)?.origin === 'standard'),
    ...catalogue.categories.filter((c) => c.origin === 'city').map((c) => c.code),
    ...byCategory.keys(),
  ]);
  const categories = [...listed].map((code) => {
    const c = catalogue.category(code);
    return { code, name: c?.name ?? code, en: c?.en ?? c?.name ?? code, count: byCategory.get(code) ?? 0 };
  });

  const dataSources = (await conn.runAndReadAll('SELECT DISTINCT source FROM reports ORDER BY source')).getColumnsJS()[0] as
    | string[]
    | undefined;
  const known = catalogue.sources.map((s) => s.code);
  const sources = [...known, ...(dataSources ?? []).filter((s) => !known.includes(s))];

  const r = (
    await conn.runAndReadAll(
      `SELECT count(*)::INTEGER AS n, epoch_us(min(created_at)) AS t0, epoch_us(max(created_at)) AS t1,
              min(lon) AS x0, min(lat) AS y0, max(lon) AS x1, max(lat) AS y1 FROM reports`,
    )
  ).getRowObjectsJS()[0];
  const reports = Number(r.n);
  return {
    categories,
    sources,
    time: reports ? { min: isoFromMicros(r.t0 as bigint), max: isoFromMicros(r.t1 as bigint) } : null,
    grids: gridSet?.grids.length ?? 0,
    reports,
    bbox: gridSet
      ? unionBBox(gridSet.grids.map((g) => g.bbox))
      : ((await boundariesBBox(conn)) ?? (reports ? ([r.x0, r.y0, r.x1, r.y1].map(Number) as BBox) : null)),
  };
}

async function boundariesBBox(conn: Connection): Promise<BBox | null> {
  const b = (
    await conn.runAndReadAll(
      'SELECT count(*)::INTEGER AS n, min(min_lon) x0, min(min_lat) y0, max(max_lon) x1, max(max_lat) y1 FROM boundaries',
    )
  ).getRowObjectsJS()[0];
  return Number(b.n) ? ([b.x0, b.y0, b.x1, b.y1].map(Number) as BBox) : null;
}

function unionBBox(boxes: readonly BBox[]): BBox {
  const out: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x0, y0, x1, y1] of boxes) {
    out[0] = Math.min(out[0], x0);
    out[1] = Math.min(out[1], y0);
    out[2] = Math.max(out[2], x1);
    out[3] = Math.max(out[3], y1);
  }
  return out;
}
