/**
 * The roles an API key can have. The first four are ordered, each including the ones before
 * it; the five case roles (issue 15, docs/cases.md) sit beside them, each reading like a
 * viewer and doing its own part of the case loop:
 *
 * - `viewer`: read grids, reports, cases, statistics and the live feed
 * - `reporter`: also submit reports (intake clients: the 12345 hotline, the WeChat form)
 * - `planner`: also import grid drafts, validate and repair, diff and impact
 * - `admin`: also publish a version, store a profile, manage keys, import case histories and
 *   verify the audit chain; takes every case action
 * - `operator` 受理员: reads, submits reports, opens cases, reads a reporter's contact
 * - `supervisor` 值班长: as operator
 * - `dispatcher` 派遣员: reads, acts on cases
 * - `department` 专业部门: reads, acts on its department's cases only (a key scoped to one
 *   department code: it sees no other department's cases)
 * - `inspector` 监督员: reads, submits reports (patrol finds), acts on cases in its grids only
 *
 * Which case actions each role takes is the profile's workflow (core: `mayTake`); this table
 * says which routes it may call.
 */
export const ROLES = ['viewer', 'reporter', 'planner', 'admin', 'operator', 'supervisor', 'dispatcher', 'department', 'inspector'] as const;

export type Role = (typeof ROLES)[number];

/** The case roles, each a role of the workflow (core's CASE_ROLES less admin). */
export const CASE_KEY_ROLES = ['operator', 'supervisor', 'dispatcher', 'department', 'inspector'] as const satisfies readonly Role[];

/**
 * What each role may call: the route roles (`config.role`) it satisfies. A route names the
 * role it needs (or several, any of which will do); a key passes if its row lists one of
 * them. Data, not an order: the case roles do not nest in viewer < reporter < planner < admin.
 */
export const GRANTS: Readonly<Record<Role, readonly Role[]>> = {
  viewer: ['viewer'],
  reporter: ['viewer', 'reporter'],
  planner: ['viewer', 'reporter', 'planner'],
  admin: ROLES,
  operator: ['viewer', 'reporter', 'operator'],
  supervisor: ['viewer', 'reporter', 'supervisor'],
  dispatcher: ['viewer', 'dispatcher'],
  department: ['viewer', 'department'],
  inspector: ['viewer', 'reporter', 'inspector'],
};

/** What a route needs: one role, or several of which any will do. */
export type RoleNeed = Role | readonly Role[];

/**
 * Whether a key of role `have` may call a route that needs `need` (one role, or any of several).
 * @example hasRole('planner', 'reporter') // true
 * @example hasRole('reporter', 'planner') // false
 * @example hasRole('dispatcher', ['operator', 'supervisor']) // false
 */
export function hasRole(have: Role, need: RoleNeed): boolean {
  const grants = GRANTS[have];
  return typeof need === 'string' ? grants.includes(need) : need.some((n) => grants.includes(n));
}

/** Whether `text` names a role. */
export function isRole(text: unknown): text is Role {
  return typeof text === 'string' && (ROLES as readonly string[]).includes(text);
}

/**
 * How a need reads in messages: 'a viewer', 'an operator, supervisor or admin'.
 * @example roleNeedText(['operator', 'supervisor']) // 'an operator, supervisor or admin'
 */
export function roleNeedText(need: RoleNeed): string {
  const names = typeof need === 'string' ? [need] : [...need, ...(need.includes('admin') ? [] : ['admin' as const])];
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  return `${/^[aeiou]/.test(list) ? 'an' : 'a'} ${list}`;
}
