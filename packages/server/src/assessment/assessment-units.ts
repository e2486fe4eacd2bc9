import { DEFAULT_PROFILE, gridPaths, type CityProfile } from '@citygrid/core';
import { levelUnits } from '../areas/level-units.ts';
import type { Connection } from '../db/connection.ts';
import type { Snapshot } from '../db/snapshot.ts';

/** The levels an assessment ranks (GET /api/assessment?level=). */
export const ASSESSMENT_LEVELS = ['grid', 'community', 'street', 'district', 'department', 'person'] as const;
export type AssessmentLevel = (typeof ASSESSMENT_LEVELS)[number];

/** The units of a level and which grids each answers for (a department answers for its own cases instead). */
export interface LevelMembers {
  units: Array<{ id: string; name: string }>;
  /** Unit id → the grids whose cases and patrols it answers for; absent for departments. */
  grids: Map<string, string[]> | null;
}

/**
 * The units of a level: grids and the areas above them (through the boundaries' parent chain,
 * as statistics group them; a grid with no district on its chain falls under the city as one
 * unit), the profile's departments, or the active people with the grids they serve (a person
 * answers for the cases and patrols of every grid of theirs).
 * @example (await levelMembers(snapshot, 'street', profile)).units[0] // { id: '610902001', name: '老城街道' }
 */
export async function levelMembers(snapshot: Snapshot, level: AssessmentLevel, profile: CityProfile): Promise<LevelMembers> {
  if (level === 'department')
    return { units: (profile.departments ?? DEFAULT_PROFILE.departments ?? []).map((d) => ({ id: d.code, name: d.name })), grids: null };
  if (level === 'person') return people(snapshot.conn);
  const gridSet = snapshot.gridSet;
  if (!gridSet) return { units: [], grids: new Map() };
  if (level === 'district') return districts(snapshot, profile);
  const { units, unitOf } = levelUnits(gridSet, snapshot.hierarchy, level);
  const grids = new Map<string, string[]>(units.map((u) => [u.id, []]));
  gridSet.grids.forEach((g, i) => {
    grids.get(units[unitOf[i]].id)?.push(g.id);
  });
  return { units: units.map((u) => ({ id: u.id, name: u.name })), grids };
}

function districts(snapshot: Snapshot, profile: CityProfile): LevelMembers {
  const grids = snapshot.gridSet!.grids;
  const paths = gridPaths(grids, snapshot.hierarchy);
  const city = { id: profile.division_code ?? 'city', name: profile.name };
  const units = new Map<string, { id: string; name: string }>();
  const members = new Map<string, string[]>();
  grids.forEach((g, i) => {
    const d = paths[i].find((p) => p.level === 1) ?? city;
    if (!units.has(d.id)) {
      units.set(d.id, { id: d.id, name: d.name });
      members.set(d.id, []);
    }
    members.get(d.id)!.push(g.id);
  });
  return { units: [...units.values()], grids: members };
}

async function people(conn: Connection): Promise<LevelMembers> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT p.id, p.name, list(g.grid_id ORDER BY g.grid_id) FILTER (WHERE g.grid_id IS NOT NULL) AS grids
       FROM people p LEFT JOIN people_grids g ON g.person_id = p.id WHERE p.active GROUP BY p.id, p.name ORDER BY p.id`,
    )
  ).getRowObjectsJS();
  return {
    units: rows.map((r) => ({ id: r.id as string, name: r.name as string })),
    grids: new Map(rows.map((r) => [r.id as string, ((r.grids as string[] | null) ?? []).map(String)])),
  };
}
