import { listValue, type Connection, type SqlValue } from '../db/connection.ts';
import type { CheckedPatrol } from './check-patrol.ts';
import type { CheckinRecord } from './patrol-checkins.ts';
import type { Patrol } from './patrol-schemas.ts';

/** Which patrols {@link readPatrols} reads: by ids, or by person and start time (UTC ms, `to` exclusive). */
export interface PatrolFilter {
  ids?: readonly string[];
  person?: string;
  from?: number;
  to?: number;
  limit?: number;
}

const us = (ms: number) => BigInt(Math.round(ms)) * 1000n;

/**
 * Writes one patrol and its check-ins; the caller holds the write lock and a transaction.
 * @example await insertPatrol(conn, patrol, 'P1', 1234.5, [{ gridId: 'A1', at, lon, lat }], Date.now())
 */
export async function insertPatrol(
  conn: Connection,
  patrol: CheckedPatrol,
  personId: string,
  distance_m: number,
  entered: readonly CheckinRecord[],
  receivedAt: number,
): Promise<void> {
  await conn.run(
    `INSERT INTO patrols (id, person_id, started_at, ended_at, points, distance_m, track, received_at)
     VALUES ($id, $person, make_timestamp($started::BIGINT), CASE WHEN $ended::BIGINT IS NULL THEN NULL ELSE make_timestamp($ended::BIGINT) END,
             $points, $distance, $track, make_timestamp($received::BIGINT))`,
    {
      id: patrol.id,
      person: personId,
      started: us(patrol.startedAt),
      ended: patrol.endedAt === null ? null : us(patrol.endedAt),
      points: patrol.track.length,
      distance: distance_m,
      track: JSON.stringify(patrol.track),
      received: us(receivedAt),
    },
  );
  if (!entered.length) return;
  const column = (f: (c: CheckinRecord) => SqlValue) => listValue(entered.map(f));
  await conn.run(
    `INSERT INTO patrol_checkins (patrol_id, person_id, grid_id, checked_in_at, lon, lat)
     SELECT $id, $person, g, make_timestamp(t), x, y FROM (SELECT unnest($grids::VARCHAR[]) AS g, unnest($ts::BIGINT[]) AS t,
       unnest($xs::DOUBLE[]) AS x, unnest($ys::DOUBLE[]) AS y)`,
    {
      id: patrol.id,
      person: personId,
      grids: column((c) => c.gridId),
      ts: column((c) => us(c.at)),
      xs: column((c) => c.lon),
      ys: column((c) => c.lat),
    },
  );
}

/**
 * Patrols with their check-ins, newest start first.
 * @example await readPatrols(conn, { person: 'P1', from: Date.parse('2026-12-01') })
 */
export async function readPatrols(conn: Connection, filter: PatrolFilter): Promise<Patrol[]> {
  const conditions: string[] = [];
  const params: Record<string, SqlValue> = {};
  if (filter.ids) {
    conditions.push('list_contains($ids::VARCHAR[], p.id)');
    params.ids = listValue([...filter.ids]);
  }
  if (filter.person !== undefined) {
    conditions.push('p.person_id = $person');
    params.person = filter.person;
  }
  if (filter.from !== undefined) {
    conditions.push('p.started_at >= make_timestamp($from::BIGINT)');
    params.from = us(filter.from);
  }
  if (filter.to !== undefined) {
    conditions.push('p.started_at < make_timestamp($to::BIGINT)');
    params.to = us(filter.to);
  }
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const limit = filter.limit === undefined ? '' : `LIMIT ${Math.floor(filter.limit)}`;
  const rows = (
    await conn.runAndReadAll(
      `SELECT p.id, p.person_id, epoch_ms(p.started_at) AS started, epoch_ms(p.ended_at) AS ended, p.points, p.distance_m, p.track,
              epoch_ms(p.received_at) AS received
       FROM patrols p ${where} ORDER BY p.started_at DESC, p.id ${limit}`,
      params,
    )
  ).getRowObjectsJS();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id as string);
  const checkinRows = (
    await conn.runAndReadAll(
      `SELECT patrol_id, grid_id, epoch_ms(checked_in_at) AS at, lon, lat FROM patrol_checkins
       WHERE list_contains($ids::VARCHAR[], patrol_id) ORDER BY checked_in_at, grid_id`,
      { ids: listValue(ids) },
    )
  ).getRowObjectsJS();
  const byPatrol = new Map<string, Patrol['checkins']>();
  for (const c of checkinRows) {
    const list = byPatrol.get(c.patrol_id as string) ?? [];
    list.push({ grid_id: c.grid_id as string, checked_in_at: iso(c.at), lon: c.lon as number, lat: c.lat as number });
    byPatrol.set(c.patrol_id as string, list);
  }
  return rows.map((r) => ({
    id: r.id as string,
    person_id: r.person_id as string,
    started_at: iso(r.started),
    ended_at: r.ended === null || r.ended === undefined ? null : iso(r.ended),
    points: Number(r.points),
    distance_m: r.distance_m as number,
    track: JSON.parse(r.track as string) as Patrol['track'],
    received_at: iso(r.received),
    checkins: byPatrol.get(r.id as string) ?? [],
  }));
}

function iso(ms: unknown): string {
  return new Date(Number(ms)).toISOString();
}
