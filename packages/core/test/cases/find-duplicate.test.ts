import { describe, expect, it } from 'vitest';
import { findDuplicate } from '../../src/cases/find-duplicate.ts';
import { joinReport, openCase } from '../../src/cases/case-state.ts';
import { caseContext } from '../../src/cases/case-context.ts';
import { DEFAULT_PROFILE } from '../../src/profile/default-profile.ts';

const H = 3_600_000;
const T = Date.parse('2026-06-01T09:00:00+08:00');
// Metres per degree near 32.69°N on WGS84: 1 m north is 1/110,900°, 1 m east 1/93,800°.
const N = 1 / 110_900;
const E = 1 / 93_800;
const at = (id: string, category: string, dNorth: number, dEast: number, hoursAgo: number) => ({
  id,
  category,
  lon: 109.02 + dEast * E,
  lat: 32.69 + dNorth * N,
  opened_at: T - hoursAgo * H,
});
const options = { distance_m: 50, hours: 24 };
const report = { lon: 109.02, lat: 32.69, category: '06010', at: T };

describe('findDuplicate', () => {
  // One row per rule: the open cases, the id expected, why.
  const rows: Array<[string, ReturnType<typeof at>[], string | null]> = [
    ['same category 30 m north, 2 h before: joins', [at('a', '06010', 30, 0, 2)], 'a'],
    ['45 m east is within 50 m', [at('a', '06010', 0, 45, 2)], 'a'],
    ['60 m away is a new problem', [at('a', '06010', 60, 0, 2)], null],
    ['40 m north and 40 m east is 57 m: outside', [at('a', '06010', 40, 40, 2)], null],
    ['another category never joins', [at('a', '06011', 5, 0, 2)], null],
    ['opened 25 h before is outside the window', [at('a', '06010', 5, 0, 25)], null],
    ['opened 23 h before is inside', [at('a', '06010', 5, 0, 23)], 'a'],
    ['a case opened after the report (imports arrive out of order) counts', [at('a', '06010', 5, 0, -3)], 'a'],
    ['the nearest of two wins', [at('far', '06010', 40, 0, 1), at('near', '06010', 10, 0, 20)], 'near'],
    ['at equal distance the earliest opened wins', [at('late', '06010', 10, 0, 1), at('early', '06010', -10, 0, 5)], 'early'],
    ['no cases: none', [], null],
  ];
  it.each(rows)('%s', (_why, cases, expected) => {
    expect(findDuplicate(report, cases, options)?.id ?? null).toBe(expected);
  });

  it('skips cases without a position', () => {
    expect(findDuplicate(report, [{ id: 'x', category: '06010', lon: null, lat: null, opened_at: T }], options)).toBe(null);
  });

  it('finds open case states directly, and the report then joins without a version change', () => {
    const ctx = caseContext(DEFAULT_PROFILE);
    const open = openCase({ id: 'c1', at: T - H, category: '06010', lon: 109.02, lat: 32.69 + 20 * N, reports: ['r1'] }, ctx);
    const hit = findDuplicate(report, [open], DEFAULT_PROFILE.duplicates!);
    expect(hit?.id).toBe('c1');
    const joined = joinReport(hit!, 'r2');
    expect([joined.reports, joined.version]).toEqual([['r1', 'r2'], open.version]);
    expect(joinReport(joined, 'r2')).toBe(joined);
  });
});
