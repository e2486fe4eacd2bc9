import { listValue, type Connection } from '../db/connection.ts';
import { type Router } from '@citygrid/core';
import { problem, serverError, type Problem } from '../errors/catalogue.ts';
import type { RoutedReport } from './report-schemas.ts';
import type { ReportEvent } from '../live/live-schemas.ts';
import { appendReports } from './append-reports.ts';
import type { CheckedReport } from './check-report-inputs.ts';
import { routeWithin } from '../grids/route-within.ts';
import { transaction } from '../db/transaction.ts';
import type { CityContext } from '../profile/city-context.ts';
import { ownerOf } from './owner-of.ts';

/**
 * Stores checked reports, routed by `router` (no nearest-grid slack), all or nothing; the
 * caller holds the write lock. An id already stored (or repeated in the batch) with the same
 * content is not stored again and answers with the stored grid; with different content the
 * whole batch is refused with 409 CG_ERR_DUPLICATE_REPORT naming each clash. Content means the
 * stored WGS84 position, so a retry in GCJ-02 matches its first, converted, copy. A retry that
 * let created_at default to "now" is compared without the time, since "now" moved on.
 *
 * @param current the current version and its router (null before any grids are published)
 * @param lastSeq the largest seq stored so far: new reports are numbered from lastSeq + 1
 * @param city the profile in use: each new report's department, owner level and rule
 * @returns `routed`: `{ id, grid_id, version, match, path }` per input, in input order;
 *   `stored`: the reports actually stored (repeats are not), as live-feed events
 */
export async function insertReports(
  conn: Connection,
  reports: readonly CheckedReport[],
  current: { version: number; router: Router } | null,
  lastSeq: number,
  city: CityContext,
): Promise<{ routed: RoutedReport[]; stored: ReportEvent[] }> {
  const router = current?.router ?? null;
  const version = current?.version ?? null;
  const stored = await findStored(
    conn,
    reports.filter((r) => r.idGiven).map((r) => r.id),
  );
  const firstInBatch = new Map<string, CheckedReport>();
  const fresh: CheckedReport[] = [];
  const clashes: Problem[] = [];
  reports.forEach((r, index) => {
    const earlier = stored.get(r.id) ?? firstInBatch.get(r.id);
    if (earlier && !sameContent(r, earlier))
      clashes.push({ ...problem('CG_ERR_DUPLICATE_REPORT', {}, JSON.stringify(r.id)), index, id: r.id });
    if (earlier) return;
    firstInBatch.set(r.id, r);
    fresh.push(r);
  });
  if (clashes.length) throw serverError(clashes);

  // A repeat has the same position as its stored copy, so routing the input gives its match
  // and path; its grid_id is the stored one (re-routing at each publish keeps the two equal).
  const routes = new Map(reports.map((r) => [r.id, routeWithin(router, r.lon, r.lat, 0)]));
  const gridOf = (id: string) => (stored.has(id) ? stored.get(id)!.gridId : (routes.get(id)!.grid?.id ?? null));
  const owners = fresh.map((r) => ownerOf(city, r, routes.get(r.id)!));
  if (fresh.length)
    await transaction(conn, () =>
      appendReports(
        conn,
        fresh,
        fresh.map((r) => gridOf(r.id)),
        version,
        lastSeq + 1,
        owners,
      ),
    );
  const routed = reports.map((r) => {
    const { match, path } = routes.get(r.id)!;
    return { id: r.id, grid_id: gridOf(r.id), version, match, path };
  });
  return { routed, stored: fresh.map((r, i) => reportEvent(r, lastSeq + 1 + i, gridOf(r.id), version)) };
}

/** A stored report as the live feed sends it (what readReportEvents reads back). */
function reportEvent(r: CheckedReport, seq: number, gridId: string | null, version: number | null): ReportEvent {
  return {
    seq,
    id: r.id,
    lon: r.lon,
    lat: r.lat,
    category: r.category,
    source: r.source,
    created_at: new Date(r.createdMs).toISOString(),
    grid_id: gridId,
    version,
  };
}

type StoredReport = Pick<CheckedReport, 'lon' | 'lat' | 'category' | 'source' | 'createdMs'> & { gridId: string | null; timeGiven: true };

async function findStored(conn: Connection, ids: string[]): Promise<Map<string, StoredReport>> {
  if (!ids.length) return new Map();
  const reader = await conn.runAndReadAll(
    'SELECT id, lon, lat, category, source, epoch_ms(created_at) AS ms, grid_id FROM reports WHERE id IN (SELECT unnest($ids))',
    { ids: listValue(ids) },
  );
  return new Map(
    reader.getRowObjectsJS().map((row) => [
      row.id as string,
      {
        lon: row.lon as number,
        lat: row.lat as number,
        category: row.category as string,
        source: row.source as string,
        createdMs: Number(row.ms),
        gridId: (row.grid_id as string | null) ?? null,
        timeGiven: true,
      },
    ]),
  );
}

function sameContent(a: CheckedReport, b: Pick<CheckedReport, 'lon' | 'lat' | 'category' | 'source' | 'createdMs' | 'timeGiven'>): boolean {
  const sameTime = !a.timeGiven || !b.timeGiven || a.createdMs === b.createdMs;
  return a.lon === b.lon && a.lat === b.lat && a.category === b.category && a.source === b.source && sameTime;
}
