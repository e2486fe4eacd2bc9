import { describe, expect, test } from 'vitest';
import { sharedApp } from '../helper.ts';
import { loadScenario } from './scenario.ts';

// The scenario (fixtures/README.md, times in +08:00, the shipped time limits: register→dispatch
// 1 working hour, dispatch→handle 2 working days, handle→verify 1 working day):
//  A1  c1 patrol find, all on time, closed 11-03, rated 5
//      c2 handled Mon 11-09 (due Thu 11-05 18:00: late), failed verification once, closed 11-10, rated 2
//      c3 camera find, dispatched 14:45 (due 10:30: late), handled with no patrol check-in in A1 between dispatch and handling (off-site)
//      c4 suspended Fri 11-06 09:40 → Fri 11-13 09:40 (35 working hours): due Mon 11-09 18:00 → Mon 11-16 18:00, handled Mon 11-16 10:00 (on time),
//         verified Wed 11-18 09:00 (due Tue 11-17 18:00: late)
//      c6 rejected (不予立案); c7 merged into c1 (left out); c8 reported 2026-10-31T16:30Z = 11-01 00:30 local (November), registered, not dispatched
//      check-ins on 6 local days of November (one at 2026-10-31T17:00Z = 11-01 01:00), one on 10-31 23:00 (October)
//  A2  c9 patrol find, all on time, closed 11-03, rated 4; 10 check-in days (capped at the 9 required)
//      c5 dispatched 09-30 09:00: 2 working days skip National Day (10-01..07) → due 10-09 18:00; handled 10-09 10:00 (on time only thanks to the holiday)
//      c10 reported 2026-10-31T15:30Z = 10-31 23:30 local (October)
//  B1  nothing, no team: every indicator n/a, no score, unranked
//  B2  c11 (gajj) dispatched, never handled (due Wed 11-11 18:00); a team, no patrol all autumn: E in September, October, November → three-fails
// Required patrol days: ceil(30 × 2 / 7) = 9 for November and September, ceil(31 × 2 / 7) = 9 for October.

type Fraction = [numerator: number, denominator: number];
const f = ([numerator, denominator]: Fraction) => ({ value: denominator ? numerator / denominator : null, numerator, denominator });
const NA: Fraction = [0, 0];
const NAMES = [
  'discovery',
  'registration',
  'timely_dispatch',
  'timely_handling',
  'closure',
  'rework',
  'rectification',
  'timely_verification',
  'satisfaction',
  'attendance',
  'offsite',
] as const;
const indicators = (...fractions: Fraction[]) => Object.fromEntries(NAMES.map((n, i) => [n, f(fractions[i])]));

describe('GET /api/assessment on the hand-computed scenario', () => {
  const app = sharedApp(loadScenario);
  const get = async (query: string) => {
    const res = await app().inject({ url: `/api/assessment?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  test('grids, November: every indicator, score, grade, rank, previous and flags as computed by hand', async () => {
    const table = await get('level=grid&period=2026-11');
    expect(table.period).toMatchObject({
      code: '2026-11',
      start: '2026-10-31T16:00:00.000Z',
      end: '2026-11-30T16:00:00.000Z',
      timezone: '+08:00',
    });
    expect(table.units).toEqual([
      {
        id: 'A2',
        name: '东南网格',
        //                     discovery registration dispatch handling closure rework rectif. verif. satisf. attend. offsite
        indicators: indicators([1, 1], [1, 1], [1, 1], [1, 1], [1, 1], [0, 1], [1, 1], [1, 1], [1, 1], [9, 9], [0, 1]),
        score: 100,
        grade: 'A',
        rank: 1,
        // October: registration 0/1 (c10), handling 1/1 (c5), rework 0/1, rectification 1/1, verification 1/1, attendance 0/9 → 45/55
        previous: { score: 81.82, rank: 1 },
        flags: [],
      },
      {
        id: 'A1',
        name: '西南网格',
        indicators: indicators([2, 5], [5, 6], [3, 4], [3, 4], [4, 5], [1, 4], [4, 4], [3, 4], [1, 2], [6, 9], [1, 4]),
        // 0.4×10 + 5/6×5 + 0.75×10 + 0.75×20 + 0.8×15 + (1 − 0.25)×10 + 1×10 + 0.75×5 + 0.5×10 + 6/9×5 = 72.25 (offsite is not scored)
        score: 72.25,
        grade: 'C',
        rank: 2,
        previous: { score: 11.11, rank: 2 }, // October: attendance 1/9 alone
        flags: [],
      },
      {
        id: 'B2',
        name: '东北网格',
        indicators: indicators([0, 1], [1, 1], [1, 1], [0, 1], [0, 1], NA, NA, NA, NA, [0, 9], NA),
        // (0×10 + 1×5 + 1×10 + 0×20 + 0×15 + 0×5) / 65 = 23.08
        score: 23.08,
        grade: 'E',
        rank: 3,
        previous: { score: 0, rank: 3 },
        flags: ['three-fails'],
      },
      {
        id: 'B1',
        name: '西北网格',
        indicators: indicators(NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA),
        score: null,
        grade: null,
        rank: null,
        previous: { score: null, rank: null },
        flags: ['n/a'],
      },
    ]);
  });

  test('grids, October: the holiday case is on time, and 2026-10-31 23:30 local counts in October', async () => {
    const table = await get('level=grid&period=2026-10');
    const a2 = table.units.find((u: { id: string }) => u.id === 'A2');
    expect(a2.indicators).toEqual(indicators(NA, [0, 1], NA, [1, 1], NA, [0, 1], [1, 1], [1, 1], NA, [0, 9], [0, 1]));
    expect(a2).toMatchObject({ score: 81.82, grade: 'B', rank: 1, previous: { score: 66.67, rank: 1 } });
    const a1 = table.units.find((u: { id: string }) => u.id === 'A1');
    expect(a1.indicators.attendance).toEqual(f([1, 9]));
    expect(a1.indicators.registration).toEqual(f(NA)); // c8 (11-01 00:30 local) is November's
  });

  test('departments, November: a department answers for its cases wherever they are; no attendance', async () => {
    const table = await get('level=department&period=2026-11');
    const [cgj, gajj, ...rest] = table.units;
    expect(cgj).toMatchObject({
      id: 'cgj',
      indicators: indicators([3, 6], [6, 7], [4, 5], [4, 5], [5, 6], [1, 5], [5, 5], [4, 5], [2, 3], NA, [1, 5]),
      // (0.5×10 + 6/7×5 + 0.8×10 + 0.8×20 + 5/6×15 + 0.8×10 + 1×10 + 0.8×5 + 2/3×10) / 95 = 78.37
      score: 78.37,
      grade: 'B',
      rank: 1,
    });
    expect(gajj).toMatchObject({
      id: 'gajj',
      indicators: indicators([0, 1], [1, 1], [1, 1], [0, 1], [0, 1], NA, NA, NA, NA, NA, NA),
      score: 25,
      grade: 'E',
      rank: 2,
    });
    for (const u of rest) expect(u).toMatchObject({ score: null, rank: null, flags: ['n/a'] });
  });

  test("people, November: a person's cases are their grids', their attendance their own days", async () => {
    const { units } = await get('level=person&period=2026-11');
    expect(units.map((u: { id: string; rank: number }) => [u.id, u.rank])).toEqual([
      ['P1', 1],
      ['P2', 2],
    ]);
    // P1 patrolled 12 distinct local days in A1 or A2: capped at the 9 required.
    expect(units[0].indicators.attendance).toEqual(f([9, 9]));
    expect(units[0].score).toBe(79.45); // (74.45 of cgj's + 1×5) / 100
    expect(units[1]).toMatchObject({ score: 23.08, grade: 'E' });
  });

  test('the whole scenario counts once at every area level', async () => {
    const { units } = await get('level=district&period=2026-11');
    expect(units).toHaveLength(1);
    expect(units[0].indicators.registration).toEqual(f([7, 8]));
    expect(units[0].indicators.attendance).toEqual(f([15, 27])); // A1 6 + A2 9 (capped) + B2 0, of 9 each for the 3 grids with a team
  });

  test('explains a unit: the cases behind each numerator and denominator', async () => {
    const res = await app().inject({ url: '/api/assessment/grid/A1?period=2026-11' });
    expect(res.statusCode, res.body).toBe(200);
    const { indicators: explained, unit } = res.json();
    expect(unit).toEqual({ id: 'A1', name: '西南网格', grids: ['A1'] });
    expect(explained.timely_handling).toMatchObject({
      numerator: 3,
      numerator_cases: ['c1', 'c3', 'c4'],
      denominator_cases: ['c1', 'c2', 'c3', 'c4'],
    });
    expect(explained.registration).toMatchObject({
      numerator_cases: ['c1', 'c2', 'c3', 'c4', 'c8'],
      denominator_cases: ['c1', 'c2', 'c3', 'c4', 'c6', 'c8'],
    });
    expect(explained.offsite).toMatchObject({ numerator_cases: ['c3'] });
    expect(explained.rework).toMatchObject({ numerator_cases: ['c2'] });
    expect(explained.timely_verification).toMatchObject({ numerator_cases: ['c1', 'c2', 'c3'] });
    expect(explained.satisfaction).toMatchObject({ numerator_cases: ['c1'], denominator_cases: ['c1', 'c2'] });
    expect(explained.attendance).toMatchObject({
      value: 6 / 9,
      days: ['A1 2026-11-01', 'A1 2026-11-02', 'A1 2026-11-03', 'A1 2026-11-09', 'A1 2026-11-10', 'A1 2026-11-16'],
    });
    const table = await get('level=grid&period=2026-11');
    const row = table.units.find((u: { id: string }) => u.id === 'A1');
    for (const name of NAMES)
      expect([explained[name].numerator, explained[name].denominator]).toEqual([
        row.indicators[name].numerator,
        row.indicators[name].denominator,
      ]);
  });

  test('an ISO week and a quarter are periods too', async () => {
    const week = await get('level=grid&period=2026-W46'); // Mon 11-09 … Sun 11-15
    expect(week.period).toMatchObject({ first_day: '2026-11-09', last_day: '2026-11-15' });
    expect(week.units.find((u: { id: string }) => u.id === 'B2').indicators.timely_handling).toEqual(f([0, 1]));
    const quarter = await get('level=grid&period=2026-Q4');
    expect(quarter.units.find((u: { id: string }) => u.id === 'A2').indicators.registration).toEqual(f([1, 2])); // c9 and c10
  });

  test.each([
    ['level=town&period=2026-11', 'level "town" is not one of grid, community, street, district, department, person'],
    ['level=grid&period=2026-13', 'period "2026-13" is not a period'],
    ['level=grid&period=2026-W54', 'period "2026-W54" is not a period'],
  ])('refuses %s with 400 naming what it takes', async (query, message) => {
    const res = await app().inject({ url: `/api/assessment?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_ASSESSMENT_QUERY' });
    expect(res.json().message).toContain(message);
  });

  test('404 for a unit the level does not have', async () => {
    const res = await app().inject({ url: '/api/assessment/grid/Z9?period=2026-11' });
    expect(res.statusCode).toBe(404);
  });
});
