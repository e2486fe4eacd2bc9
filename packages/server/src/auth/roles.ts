/**
 * The roles an API key can have, weakest first. Each includes everything the ones before it
 * may do: a planner may also post reports and read; an admin may do anything.
 *
 * - `viewer`: read grids, reports, statistics and the live feed
 * - `reporter`: also submit reports (intake clients: the 12345 hotline, the WeChat form)
 * - `planner`: also import grid drafts, validate and repair, diff and impact
 * - `admin`: also publish a version and manage keys
 */
export const ROLES = ['viewer', 'reporter', 'planner', 'admin'] as const;

export type Role = (typeof ROLES)[number];

/**
 * Whether a key of role `have` may do what needs `need`.
 * @example hasRole('planner', 'reporter') // true
 * @example hasRole('reporter', 'planner') // false
 */
export function hasRole(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

/** Whether `text` names a role. */
export function isRole(text: unknown): text is Role {
  return typeof text === 'string' && (ROLES as readonly string[]).includes(text);
}
