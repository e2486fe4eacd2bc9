import { describe, expect, it } from 'vitest';
import { checkAttributes } from '../../src/profile/check-attributes.ts';
import type { CategoryAttribute } from '../../src/profile/profile-schema.ts';

const DEFS: CategoryAttribute[] = [
  { key: 'area_m2', type: 'number', min: 0, name: '面积', required: true, unit: 'm²' },
  { key: 'floors', type: 'integer', min: 1, max: 100, name: '层数' },
  { key: 'material', type: 'enum', options: ['砖混', '彩钢'], name: '材质' },
  { key: 'occupied', type: 'boolean', name: '是否有人居住' },
  { key: 'owner', type: 'string', max_length: 5, name: '业主' },
];

describe('checkAttributes', () => {
  it('keeps valid values of every type', () => {
    const values = { area_m2: 620.5, floors: 3, material: '彩钢', occupied: false, owner: '张三' };
    expect(checkAttributes(DEFS, values)).toEqual({ values, problems: [] });
  });

  it('leaves out optional attributes not given; treats null and "" as not given', () => {
    expect(checkAttributes(DEFS, { area_m2: 1, floors: null, owner: '' })).toEqual({ values: { area_m2: 1 }, problems: [] });
  });

  const bad: Array<[string, unknown, string, string]> = [
    ['required missing', {}, 'attributes/area_m2', 'is required (面积, m²)'],
    ['number as text', { area_m2: '620' }, 'attributes/area_m2', 'must be a number'],
    ['number below min', { area_m2: -1 }, 'attributes/area_m2', 'at least 0'],
    ['not finite', { area_m2: Infinity }, 'attributes/area_m2', 'must be a number'],
    ['integer with a fraction', { area_m2: 1, floors: 2.5 }, 'attributes/floors', 'whole number'],
    ['integer above max', { area_m2: 1, floors: 101 }, 'attributes/floors', 'at most 100'],
    ['enum not an option', { area_m2: 1, material: '木' }, 'attributes/material', 'one of 砖混, 彩钢'],
    ['boolean as text', { area_m2: 1, occupied: 'yes' }, 'attributes/occupied', 'true or false'],
    ['string too long', { area_m2: 1, owner: '一二三四五六' }, 'attributes/owner', 'at most 5 characters'],
    ['string as number', { area_m2: 1, owner: 5 }, 'attributes/owner', 'must be text'],
    ['unknown key', { area_m2: 1, colour: 'red' }, 'attributes/colour', 'takes area_m2, floors, material, occupied, owner'],
    ['not an object', [1], 'attributes', 'must be an object'],
  ];
  it.each(bad)('%s: refused at %s', (_why, input, path, words) => {
    const { problems } = checkAttributes(DEFS, input);
    expect(problems).toContainEqual({ path, message: expect.stringContaining(words) });
  });

  it('a category without attributes refuses any', () => {
    expect(checkAttributes([], { a: 1 }).problems[0].message).toContain('takes no attributes');
    expect(checkAttributes([], undefined)).toEqual({ values: {}, problems: [] });
  });
});
