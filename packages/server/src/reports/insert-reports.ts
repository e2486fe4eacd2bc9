import { listValue, type Connection } from '../db/connection.ts';
import type { ProfileDispatch, Router } from '@citygrid/core';
import { problem, serverError, type Problem } from '../errors/catalogue.ts';
import type { RoutedReport } from './report-schemas.ts';
import type { ReportEvent } from '../live/live-schemas.ts';
import { insertReportRows } from './insert-report-rows.ts';
import type { CheckedReport } from './check-report-inputs.ts';
import { routeWithin } from '../grids/route-within.ts';
import type { CityContext } from '../profile/city-context.ts';
import { ownerOf } from './owner-of.ts';

/** One request's reports in a group commit, and the profile it was checked against. */
export interface InsertRequest {
  reports: readonly CheckedReport[];
  city: CityContext;
}

/** What one request of a group gets: its routed reports, or the error that refused it (nothing of it stored). */
export type InsertOutcome = { routed: RoutedReport[] } | { error: unknown };

/**
 * Stores the checked reports of several requests in one transaction (a group commit),
 * routed by `router` (no nearest-grid slack); the caller holds the write lock. Each request is
 * all or nothing on its own: an id already stored (or earlier in the group) with the same
 * content is not stored again and answers with the stored grid; with different content that
 * request alone is refused with 409 CG_ERR_DUPLICATE_REPORT naming each clash, and the others
 * go on. Content means the stored WGS84 position, so a retry in GCJ-02 matches its first,
 * converted, copy. A retry that let created_at default to "now" is compared without the time,
 * since "now" moved on. If the shared transaction fails, each request is retried in a
 * transaction of its own, so one request's failure never refuses another's reports.
 *
 * @param current the current version and its router (null before any grids are published)
 * @param lastSeq the largest seq stored so far: new reports are numbered from lastSeq + 1
 * @returns `outcomes`, one per request in order (`routed`: `{ id, grid_id, version, match,
 *   path }` per input); `stored`: the reports actually stored (repeats are not), as
 *   live-feed events in seq order. Resolves only after COMMIT: every routed id is durable.
 * @example const { outcomes } = await insertReportGroup(conn, [{ reports: checked, city }], current, lastSeq);
 */
export async function insertReportGroup(
  conn: Connection,
  requests: readonly InsertRequest[],
  current: { version: number; router: Router } | null,
  lastSeq: number,
): Promise<{ outcomes: InsertOutcome[]; stored: ReportEvent[] }> {
  try {
    return await insertTogether(conn, requests, current, lastSeq);
  } catch (e) {
    if (requests.length === 1) return { outcomes: [{ error: duplicateKeyError(e) }], stored: [] };
    // The shared transaction rolled back: nothing of the group is stored. One at a time, so
    // whatever broke it fails only the request that carried it.
    const outcomes: InsertOutcome[] = [];
    const stored: ReportEvent[] = [];
    for (const request of requests) {
      const one = await insertReportGroup(conn, [request], current, lastSeq + stored.length);
      outcomes.push(one.outcomes[0]);
      stored.push(...one.stored);
    }
    return { outcomes, stored };
  }
}

async function insertTogether(
  conn: Connection,
  requests: readonly InsertRequest[],
  current: { version: number; router: Router } | null,
  lastSeq: number,
): Promise<{ outcomes: InsertOutcome[]; stored: ReportEvent[] }> {
  const ids = requests.flatMap((q) => q.reports.filter((r) => r.idGiven).map((r) => r.id));
  // Almost every group carries only new ids: append at once and let the primary key catch a
  // repeat (the append is all or nothing), which saves a lookup per group. Only a group with a
  // repeat pays for reading what is stored and sorting out retries from clashes.
  if (new Set(ids).size === ids.length) {
    try {
      return await storeGroup(conn, requests, new Map(), current, lastSeq);
    } catch (e) {
      if (!/duplicate key/i.test((e as Error)?.message ?? '')) throw e;
    }
  }
  return storeGroup(conn, requests, await findStored(conn, ids), current, lastSeq);
}

/** Stores the group given what each repeated id already is (`known`: stored before). */
async function storeGroup(
  conn: Connection,
  requests: readonly InsertRequest[],
  known: Map<string, KnownReport>,
  current: { version: number; router: Router } | null,
  lastSeq: number,
): Promise<{ outcomes: InsertOutcome[]; stored: ReportEvent[] }> {
  const router = current?.router ?? null;
  const version = current?.version ?? null;
  const fresh: CheckedReport[] = [];
  const freshGrids: (string | null)[] = [];
  const owners: ProfileDispatch[] = [];
  const outcomes: InsertOutcome[] = requests.map(({ reports, city }) => {
    const firstInBatch = new Map<string, CheckedReport>();
    const clashes: Problem[] = [];
    const mine: number[] = []; // indices of the reports this request stores
    reports.forEach((r, index) => {
      const earlier = known.get(r.id) ?? firstInBatch.get(r.id);
      if (earlier && !sameContent(r, earlier))
        clashes.push({ ...problem('CG_ERR_DUPLICATE_REPORT', {}, JSON.stringify(r.id)), index, id: r.id });
      if (earlier) return;
      firstInBatch.set(r.id, r);
      mine.push(index);
    });
    if (clashes.length) return { error: serverError(clashes) };

    // A repeat has the same position as its stored copy, so routing the input gives its match
    // and path; its grid_id is the stored one (re-routing at each publish keeps the two equal).
    const routes = reports.map((r) => routeWithin(router, r.lon, r.lat, 0));
    const routed = reports.map((r, i) => {
      const { match, path, grid } = routes[i];
      const gridId = known.has(r.id) ? known.get(r.id)!.gridId : (grid?.id ?? null);
      return { id: r.id, grid_id: gridId, version, match, path };
    });
    for (const i of mine) {
      const r = reports[i];
      fresh.push(r);
      freshGrids.push(routed[i].grid_id);
      owners.push(ownerOf(city, r, routes[i]));
      known.set(r.id, { ...r, gridId: routed[i].grid_id });
    }
    return { routed };
  });
  if (fresh.length) await insertReportRows(conn, { reports: fresh, gridIds: freshGrids, version, firstSeq: lastSeq + 1, owners });
  return { outcomes, stored: fresh.map((r, i) => reportEvent(r, lastSeq + 1 + i, freshGrids[i], version)) };
}

/** A primary-key failure as the catalogue's 409, naming the id; any other error as it is. */
function duplicateKeyError(e: unknown): unknown {
  const dup = /Duplicate key "id: (.*)"/.exec((e as Error)?.message ?? '');
  return dup ? serverError([{ ...problem('CG_ERR_DUPLICATE_REPORT', {}, JSON.stringify(dup[1])), id: dup[1] }]) : e;
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

type KnownReport = Pick<CheckedReport, 'lon' | 'lat' | 'category' | 'source' | 'createdMs' | 'timeGiven'> & { gridId: string | null };

async function findStored(conn: Connection, ids: string[]): Promise<Map<string, KnownReport>> {
  if (!ids.length) return new Map();
  const reader = await conn.runAndReadAll(
    'SELECT id, lon, lat, category, source, epoch_ms(created_at) AS ms, grid_id FROM reports WHERE id = ANY($ids)',
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
