import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CitygridError } from '../../src/errors.ts';
import { DEFAULT_PROFILE } from '../../src/profile/default-profile.ts';
import { profileDispatcher } from '../../src/profile/profile-dispatcher.ts';
import type { CityProfile, DispatchRule } from '../../src/profile/profile-schema.ts';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/profile', name), 'utf8');
const FULL = JSON.parse(fixture('full.json')) as CityProfile;
const ROADS = JSON.parse(fixture('main-roads.geojson'));
// 1 m of latitude near 32.69°N is 1 / 110,900 degrees (WGS84 meridian radius of curvature).
const M = 1 / 110_900;

describe('profileDispatcher', () => {
  const d = profileDispatcher(FULL, [ROADS]);

  // One row per rule kind: the report, the department, level and deciding entry expected.
  const cases: Array<[string, Parameters<typeof d.dispatch>[0], string | null, string, string]> = [
    ['prefix rule', { category: '06010' }, 'cgj', 'district', '/dispatch/0'],
    [
      'attribute rule holds (seed 004: over 500 m² goes up)',
      { category: '06001', attributes: { area_m2: 620 } },
      'cgj-city',
      'city',
      '/dispatch/1',
    ],
    ['attribute rule fails: the prefix rule', { category: '06001', attributes: { area_m2: 300 } }, 'cgj', 'district', '/dispatch/0'],
    ['attribute missing: the condition does not hold', { category: '06001' }, 'cgj', 'district', '/dispatch/0'],
    [
      'a district table (within) beats the city-wide prefix',
      { category: '06010', within: ['610902001001003', '610902001'] },
      'xc-office',
      'street',
      '/dispatch/2',
    ],
    [
      'city code mapped to a standard code takes the standard prefix rule',
      { category: 'Bulky Items', standard: '06036' },
      'cgj',
      'district',
      '/dispatch/0',
    ],
    ['no rule: default department at its level', { category: '10001' }, 'cgj', 'district', 'default'],
    [
      'on a main road (20 m off): the corridor',
      { category: '09006', lon: 109.02, lat: 32.69 + 20 * M },
      'city-team',
      'city',
      '/corridors/0',
    ],
    ['40 m off the road: rules', { category: '06010', lon: 109.02, lat: 32.69 + 40 * M }, 'cgj', 'district', '/dispatch/0'],
    ['on the road, a category it does not own', { category: '08004', lon: 109.02, lat: 32.69 }, 'cgj', 'district', 'default'],
    [
      'corridor beats an attribute rule',
      { category: '06001', attributes: { area_m2: 900 }, lon: 109.02, lat: 32.69 },
      'city-team',
      'city',
      '/corridors/0',
    ],
  ];
  it.each(cases)('%s', (_why, report, department, level, rule) => {
    expect(d.dispatch(report)).toEqual({ department, owner_level: level, dispatch_rule: rule });
  });

  it('the shipped default: exact codes beat the 大类 prefix (4+X, seed 002)', () => {
    const def = profileDispatcher(DEFAULT_PROFILE);
    expect(def.dispatch({ category: '09009' })).toEqual({ department: 'gajj', owner_level: 'district', dispatch_rule: '/dispatch/9' });
    expect(def.dispatch({ category: '09006' }).department).toBe('cgj');
    expect(def.dispatch({ category: '08016' }).department).toBe('zjj');
  });

  it('without departments, reports have no department and stay at the grid', () => {
    expect(profileDispatcher({ name: 'x', timezone: '+08:00' }).dispatch({ category: '06010' })).toEqual({
      department: null,
      owner_level: 'grid',
      dispatch_rule: 'default',
    });
  });

  it('refuses a corridor file that is not line features, naming the entry', () => {
    expect(() => profileDispatcher(FULL, [{ type: 'Feature' }])).toThrow(CitygridError);
    const points = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [109, 32] } }],
    };
    expect(() => profileDispatcher(FULL, [points])).toThrow(/\/corridors\/0 \(main-roads.geojson\)/);
  });

  it('property: the deciding rule applies, and no applicable rule is more specific', () => {
    const codes = ['06001', '06010', '06036', '09009', '08004'];
    const rule = fc.record(
      {
        category: fc.constantFrom('0', '06', '060', '06001', '06010', '09', '09009'),
        within: fc.constantFrom('A', 'B'),
        when: fc.constant({ area_m2: { '>': 500 } }),
        department: fc.constantFrom('cgj', 'cgj-city'),
      },
      { requiredKeys: ['department'] },
    ) as fc.Arbitrary<DispatchRule>;
    fc.assert(
      fc.property(
        fc.array(rule, { maxLength: 8 }),
        fc.constantFrom(...codes),
        fc.integer({ min: 0, max: 1000 }),
        fc.subarray(['A', 'B']),
        (rules, category, area, within) => {
          const profile = { ...FULL, corridors: [], dispatch: rules };
          const report = { category, attributes: { area_m2: area }, within };
          const got = profileDispatcher(profile).dispatch(report);
          const applies = (r: DispatchRule) =>
            (r.category === undefined || category.startsWith(r.category)) &&
            (r.within === undefined || within.includes(r.within)) &&
            (r.when === undefined || area > 500);
          const applicable = rules.filter(applies);
          if (applicable.length === 0) return got.dispatch_rule === 'default';
          const chosen = rules[Number(got.dispatch_rule.split('/')[2])];
          if (!applies(chosen) || chosen.department !== got.department) return false;
          // A rule with a condition that holds beats every rule without one.
          return chosen.when !== undefined || !applicable.some((r) => r.when !== undefined);
        },
      ),
      { numRuns: 300 },
    );
  });
});
