import { DEFAULT_PROFILE, type Department, type TeamRole } from '@citygrid/core';

/** The team roles and departments people are checked against: the city profile's. */
export interface TeamSettings {
  /** Allowed `role` codes; a role with `department: true` needs a department. */
  teamRoles: readonly TeamRole[];
  /** Allowed `department` codes. */
  departments: readonly Department[];
}

/**
 * The shipped default profile's team (seed 001's 1+1+1+5+X) and departments (seed 002's 4+X),
 * until the service is given the profile in use.
 * @example defaultTeamSettings().teamRoles.map((r) => r.code) // ['grid-head', 'instructor', 'full-time', 'specialist', 'optional']
 */
export function defaultTeamSettings(): TeamSettings {
  return { teamRoles: DEFAULT_PROFILE.team_roles ?? [], departments: DEFAULT_PROFILE.departments ?? [] };
}
