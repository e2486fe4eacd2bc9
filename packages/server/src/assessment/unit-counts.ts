import { NO_COUNTS, type UnitCounts } from '@citygrid/core';
import { listValue, type Connection } from '../db/connection.ts';
import { CASE_CONDITIONS, factsInWindow } from './case-conditions.ts';

/** What the counts are taken over: the period [start, end) in UTC ms and what a source's discovery is. */
export interface CountWindow {
  start: number;
  end: number;
  /** Source codes whose discovery is `patrol` (发现率) and `device` (非现场). */
  patrol_sources: readonly string[];
  device_sources: readonly string[];
  /** A rating at least this is satisfied. */
  satisfied_from: number;
  /** Minutes the city's timezone is ahead of UTC over the period: where local days are cut. */
  offset_min: number;
}

/** What case counts are grouped by: the case's grid (grids and the levels above them) or its department. */
export type CountKey = 'grid_id' | 'department';

/**
 * The case and rating counts of each grid or department over a window, from `case_facts` (one
 * GROUP BY; docs/assessment.md says which case counts where). Ratings count in the period their
 * case was closed in, whenever they were given: a follow-up call a week later still rates that
 * month's work, and a table never depends on when it is read. Units with nothing are absent.
 * @example (await caseCounts(conn, 'grid_id', window)).get('A1')?.registered // 12
 */
export async function caseCounts(conn: Connection, key: CountKey, w: CountWindow): Promise<Map<string, UnitCounts>> {
  const params = windowParams(w);
  const rows = (
    await conn.runAndReadAll(
      `${factsInWindow(key)}
       SELECT ${key} AS unit, ${Object.entries(CASE_CONDITIONS)
         .map(([k, c]) => `count(*) FILTER (WHERE ${c}) AS ${k}`)
         .join(', ')}
       FROM w GROUP BY 1`,
      params,
    )
  ).getRowObjectsJS();
  const out = new Map<string, UnitCounts>();
  for (const r of rows) {
    const c = { ...NO_COUNTS };
    for (const k of Object.keys(c) as (keyof UnitCounts)[]) if (k in r) c[k] = Number(r[k]);
    out.set(r.unit as string, c);
  }
  const ratings = (
    await conn.runAndReadAll(
      `SELECT f.${key} AS unit, count(*) AS ratings, count(*) FILTER (WHERE t.rating >= $sat) AS satisfied
       FROM case_ratings t JOIN case_facts f USING (case_id)
       WHERE f.${key} IS NOT NULL AND f.closed_at >= $s AND f.closed_at < $e GROUP BY 1`,
      { s: params.s, e: params.e, sat: w.satisfied_from },
    )
  ).getRowObjectsJS();
  for (const r of ratings) {
    const c = out.get(r.unit as string) ?? { ...NO_COUNTS };
    c.ratings = Number(r.ratings);
    c.ratings_satisfied = Number(r.satisfied);
    out.set(r.unit as string, c);
  }
  return out;
}

/**
 * Local days with a patrol check-in over a window, per grid or per person (出勤率). Per grid,
 * every grid with a team (people_grids) is there, with 0 when nobody patrolled it; a grid
 * absent has no team, and its attendance is n/a: nobody was asked to patrol it.
 * @example (await patrolDays(conn, 'grid_id', window)).get('A1') // 7
 */
export async function patrolDays(conn: Connection, key: 'grid_id' | 'person_id', w: CountWindow): Promise<Map<string, number>> {
  // Every grid with a team needs its days, patrolled or not: 0 days is a count, not an absence.
  const staffed =
    key === 'grid_id'
      ? (await conn.runAndReadAll('SELECT DISTINCT grid_id FROM people_grids')).getRowObjectsJS().map((r) => r.grid_id as string)
      : [];
  const rows = (
    await conn.runAndReadAll(
      `SELECT ${key} AS unit, count(DISTINCT (epoch_ms(checked_in_at) + $off) // 86400000) AS days FROM patrol_checkins
       WHERE epoch_ms(checked_in_at) >= $s AND epoch_ms(checked_in_at) < $e GROUP BY 1`,
      { s: BigInt(w.start), e: BigInt(w.end), off: BigInt(w.offset_min * 60_000) },
    )
  ).getRowObjectsJS();
  return new Map([...staffed.map((g) => [g, 0] as const), ...rows.map((r) => [r.unit as string, Number(r.days)] as const)]);
}

/** The parameters of {@link factsInWindow} and {@link CASE_CONDITIONS} for a window. */
export function windowParams(w: CountWindow) {
  return { s: BigInt(w.start), e: BigInt(w.end), patrol: listValue([...w.patrol_sources]), device: listValue([...w.device_sources]) };
}
