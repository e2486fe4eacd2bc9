import { addCounts, attendanceCounts, NO_COUNTS, requiredDays, type Period, type UnitCounts, type UnitInput } from '@citygrid/core';
import type { Connection } from '../db/connection.ts';
import type { AssessmentLevel, LevelMembers } from './assessment-units.ts';
import { caseCounts, patrolDays, type CountWindow } from './unit-counts.ts';

/**
 * Every unit of a level with its counts over one period: a department's own cases; an area's
 * (grid, community, street, district) cases and patrol days summed over its grids, each grid
 * with a team needing its required days; a person's the cases of their grids and their own patrol days.
 * @example await unitInputs(conn, 'street', members, window, period, 2) // [{ id, name, counts }, …]
 */
export async function unitInputs(
  conn: Connection,
  level: AssessmentLevel,
  members: LevelMembers,
  w: CountWindow,
  period: Pick<Period, 'first_day' | 'last_day'>,
  daysPerWeek: number,
): Promise<UnitInput[]> {
  if (level === 'department') {
    const counts = await caseCounts(conn, 'department', w);
    return members.units.map((u) => ({ ...u, counts: counts.get(u.id) ?? NO_COUNTS }));
  }
  const byGrid = await caseCounts(conn, 'grid_id', w);
  const required = requiredDays(period, daysPerWeek);
  const cases = (grids: readonly string[]): UnitCounts => grids.reduce((t, g) => addCounts(t, byGrid.get(g) ?? NO_COUNTS), NO_COUNTS);
  if (level === 'person') {
    const days = await patrolDays(conn, 'person_id', w);
    return members.units.map((u) => ({
      ...u,
      counts: { ...cases(members.grids?.get(u.id) ?? []), ...attendanceCounts(days.get(u.id) ?? 0, required) },
    }));
  }
  const days = await patrolDays(conn, 'grid_id', w);
  return members.units.map((u) => {
    let counts = NO_COUNTS;
    for (const g of members.grids?.get(u.id) ?? []) {
      const d = days.get(g);
      counts = addCounts(counts, { ...(byGrid.get(g) ?? NO_COUNTS), ...(d === undefined ? {} : attendanceCounts(d, required)) });
    }
    return { ...u, counts };
  });
}
