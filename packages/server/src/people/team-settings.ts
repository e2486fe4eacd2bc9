import { DEFAULT_PROFILE, type CityProfile, type Department, type TeamRole } from '@citygrid/core';

/** The team roles and departments people are checked against: the city profile's. */
export interface TeamSettings {
  /** Allowed `role` codes; a role with `department: true` needs a department. */
  teamRoles: readonly TeamRole[];
  /** Allowed `department` codes. */
  departments: readonly Department[];
}

/**
 * A profile's team roles (absent: the shipped 1+1+1+5+X of seed 001) and departments.
 * @example teamSettings(DEFAULT_PROFILE).teamRoles.map((r) => r.code) // ['grid-head', 'instructor', 'full-time', 'specialist', 'optional']
 */
export function teamSettings(profile: CityProfile = DEFAULT_PROFILE): TeamSettings {
  return { teamRoles: profile.team_roles ?? DEFAULT_PROFILE.team_roles ?? [], departments: profile.departments ?? [] };
}
