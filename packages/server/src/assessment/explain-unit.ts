import { INDICATOR_COUNTS, INDICATORS, isoDate, requiredDays, type AssessmentSettings, type Period, type UnitCounts } from '@citygrid/core';
import { listValue, type Connection, type SqlValue } from '../db/connection.ts';
import type { AssessmentExplained } from './assessment-schemas.ts';
import type { AssessmentLevel } from './assessment-units.ts';
import { CASE_CONDITIONS, factsInWindow, type CaseCountName } from './case-conditions.ts';
import { windowParams, type CountWindow } from './unit-counts.ts';

/** The unit explained: a department by its code, anything else by its grids. */
export interface ExplainedUnit {
  level: AssessmentLevel;
  id: string;
  grids: readonly string[] | null;
}

/**
 * Each indicator of one unit with the ids behind its numerator and denominator: the cases
 * (read with the very conditions the table counts with, case-conditions.ts), the rated cases
 * for satisfaction, and for attendance the `grid day` (or, for a person, the days) patrolled.
 * @example (await explainUnit(conn, { level: 'grid', id: 'A1', grids: ['A1'] }, w, period, settings)).closure.numerator_cases // ['c1']
 */
export async function explainUnit(
  conn: Connection,
  unit: ExplainedUnit,
  w: CountWindow,
  period: Period,
  settings: AssessmentSettings,
): Promise<AssessmentExplained['indicators']> {
  const key = unit.level === 'department' ? 'department' : 'grid_id';
  const only = unit.level === 'department' ? 'f.department = $unit' : 'list_contains($grids, f.grid_id)';
  const unitParams: Record<string, SqlValue> =
    unit.level === 'department' ? { unit: unit.id } : { grids: listValue([...(unit.grids ?? [])]) };
  const names = Object.keys(CASE_CONDITIONS) as CaseCountName[];
  const rows = (
    await conn.runAndReadAll(
      `${factsInWindow(key, only)} SELECT case_id, ${names.map((n) => `coalesce(${CASE_CONDITIONS[n]}, false) AS ${n}`).join(', ')} FROM w ORDER BY case_id`,
      { ...windowParams(w), ...unitParams },
    )
  ).getRowObjectsJS();
  const ids = new Map<keyof UnitCounts, string[]>();
  for (const n of names)
    ids.set(
      n,
      rows.filter((r) => r[n] === true).map((r) => r.case_id as string),
    );
  const rated = (
    await conn.runAndReadAll(
      `SELECT t.case_id, t.rating FROM case_ratings t JOIN case_facts f USING (case_id)
       WHERE ${only} AND f.closed_at >= $s AND f.closed_at < $e ORDER BY t.case_id, t.rater`,
      { s: BigInt(w.start), e: BigInt(w.end), ...unitParams },
    )
  ).getRowObjectsJS();
  ids.set(
    'ratings',
    rated.map((r) => r.case_id as string),
  );
  ids.set(
    'ratings_satisfied',
    rated.filter((r) => Number(r.rating) >= w.satisfied_from).map((r) => r.case_id as string),
  );
  const attendance = await attendanceDays(conn, unit, w, period, settings);
  const out: AssessmentExplained['indicators'] = {};
  for (const i of INDICATORS) {
    const [num, den] = INDICATOR_COUNTS[i.name];
    if (i.name === 'attendance') {
      out[i.name] = { ...attendance.fraction, numerator_cases: [], denominator_cases: [], days: attendance.days };
      continue;
    }
    const n = ids.get(num) ?? [];
    const d = ids.get(den) ?? [];
    out[i.name] = {
      value: d.length ? n.length / d.length : null,
      numerator: n.length,
      denominator: d.length,
      numerator_cases: n,
      denominator_cases: d,
    };
  }
  return out;
}

async function attendanceDays(conn: Connection, unit: ExplainedUnit, w: CountWindow, period: Period, settings: AssessmentSettings) {
  const required = requiredDays(period, settings.attendance_days_per_week);
  const person = unit.level === 'person';
  if (unit.level === 'department') return { fraction: { value: null, numerator: 0, denominator: 0 }, days: [] };
  const rows = (
    await conn.runAndReadAll(
      `SELECT DISTINCT ${person ? "''" : 'grid_id'} AS g, (epoch_ms(checked_in_at) + $off) // 86400000 AS day FROM patrol_checkins
       WHERE ${person ? 'person_id = $unit' : 'list_contains($grids, grid_id)'} AND epoch_ms(checked_in_at) >= $s AND epoch_ms(checked_in_at) < $e
       ORDER BY 1, 2`,
      {
        s: BigInt(w.start),
        e: BigInt(w.end),
        off: BigInt(w.offset_min * 60_000),
        ...(person ? { unit: unit.id } : { grids: listValue([...(unit.grids ?? [])]) }),
      },
    )
  ).getRowObjectsJS();
  const perGrid = new Map<string, number>();
  for (const r of rows) perGrid.set(r.g as string, (perGrid.get(r.g as string) ?? 0) + 1);
  const staffed = new Set(
    (await conn.runAndReadAll('SELECT DISTINCT grid_id FROM people_grids')).getRowObjectsJS().map((r) => r.grid_id as string),
  );
  // As the table counts: a grid without a team needs no days (unit-counts.ts).
  const slots = person ? [''] : (unit.grids ?? []).filter((g) => staffed.has(g) || perGrid.has(g));
  const numerator = slots.reduce((t, g) => t + Math.min(perGrid.get(g) ?? 0, required), 0);
  const denominator = required * slots.length;
  const days = rows.map((r) => `${person ? '' : `${r.g} `}${isoDate(Number(r.day))}`);
  return { fraction: { value: denominator ? numerator / denominator : null, numerator, denominator }, days };
}
