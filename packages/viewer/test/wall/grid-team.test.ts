import { DEFAULT_PROFILE } from '@citygrid/core';
import { describe, expect, it } from 'vitest';
import { teamLines } from '../../src/wall/grid-panel/grid-team.ts';

const ROLES = DEFAULT_PROFILE.team_roles!;
const person = (name: string, role: string, more: { active?: boolean; phone?: string } = {}) => ({
  name,
  role,
  active: more.active ?? true,
  ...(more.phone ? { phone: more.phone } : {}),
});

describe('teamLines', () => {
  it("groups a grid's people by role in the profile's order, 网格长 first, people in the server's order", () => {
    const people = [
      person('李娜', 'full-time'),
      person('赵强', 'specialist'),
      person('王丽', 'grid-head'),
      person('张伟', 'full-time'),
      person('陈静', 'instructor'),
    ];
    expect(teamLines(people, ROLES, 'zh-CN')).toEqual([
      { role: '网格长', names: ['王丽'] },
      { role: '网格指导员', names: ['陈静'] },
      { role: '专职网格员', names: ['李娜', '张伟'] },
      { role: '专业网格员', names: ['赵强'] },
    ]);
  });

  it.each([
    ['English role names on the English wall', [person('王丽', 'grid-head')], ROLES, 'en', [{ role: 'Grid head', names: ['王丽'] }]],
    [
      'roles the profile does not list after its own, by code',
      [person('甲', 'z-volunteer'), person('乙', 'a-police'), person('丙', 'optional')],
      ROLES,
      'zh-CN',
      [
        { role: '选配网格员', names: ['丙'] },
        { role: 'a-police', names: ['乙'] },
        { role: 'z-volunteer', names: ['甲'] },
      ],
    ],
    ['codes when the catalogue could not be read', [person('王丽', 'grid-head')], [], 'zh-CN', [{ role: 'grid-head', names: ['王丽'] }]],
    ['nobody who no longer serves', [person('王丽', 'grid-head', { active: false })], ROLES, 'zh-CN', []],
    ['nothing for a grid without people', [], ROLES, 'zh-CN', []],
  ] as const)('shows %s', (_, people, roles, lang, expected) => {
    expect(teamLines(people, roles, lang)).toEqual(expected);
  });

  it("never shows a phone, even from an admin key's answer", () => {
    const lines = teamLines([person('王丽', 'grid-head', { phone: '13800000000' })], ROLES, 'zh-CN');
    expect(JSON.stringify(lines)).not.toContain('13800000000');
  });
});
