/** The grid panel's team under 定人员: the people serving a grid, grouped by their team role. */
import type { TeamRole } from '@citygrid/core';
import type { Person } from '@citygrid/server';
import type { Lang } from '../i18n.ts';

/** One line of the team: a role's name and the names of the people in it. */
export interface TeamLine {
  role: string;
  names: string[];
}

/**
 * The team of a grid as lines, one per role, in the order of the profile's team roles (seed
 * 001's 1+1+1+5+X: 网格长 first), roles the profile does not list after them by code; people
 * keep the server's order within a role. Only the name is read: a phone is never shown, even
 * when an admin key's answer carries one. People no longer serving are left out.
 * @param people `GET /api/people?grid=<id>`'s people
 * @param roles the team roles of `GET /api/profile/catalogue` (empty when it could not be read: the codes are shown)
 * @example teamLines([{ name: '王丽', role: 'grid-head', active: true }], [{ code: 'grid-head', name: '网格长' }], 'zh-CN') // [{ role: '网格长', names: ['王丽'] }]
 */
export function teamLines(people: readonly Pick<Person, 'name' | 'role' | 'active'>[], roles: readonly TeamRole[], lang: Lang): TeamLine[] {
  const rank = new Map(roles.map((r, i) => [r.code, i]));
  const byRole = new Map<string, string[]>();
  for (const p of people) {
    if (!p.active) continue;
    const names = byRole.get(p.role);
    if (names) names.push(p.name);
    else byRole.set(p.role, [p.name]);
  }
  const order = (code: string) => rank.get(code) ?? roles.length;
  return [...byRole.keys()]
    .sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map((code) => {
      const role = roles[rank.get(code) ?? -1];
      return { role: (lang === 'en' ? role?.en : undefined) ?? role?.name ?? code, names: byRole.get(code)! };
    });
}
