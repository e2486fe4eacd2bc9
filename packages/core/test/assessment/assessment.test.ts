import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  assessmentSettings,
  assessUnits,
  caseContext,
  caseFacts,
  checkProfile,
  DEFAULT_ASSESSMENT,
  DEFAULT_PROFILE,
  gradeOf,
  INDICATOR_NAMES,
  NO_COUNTS,
  rankScores,
  scoreUnit,
  unitFlags,
  unitIndicators,
  requiredDays,
  parsePeriod,
  type CaseEvent,
  type UnitCounts,
} from '../../src/index.ts';

const ctx = caseContext(DEFAULT_PROFILE);
const at = (local: string) => Date.parse(`${local}+08:00`);
const ev = (action: string, when: string, role: CaseEvent['actor']['role'], extra: Partial<CaseEvent> = {}): CaseEvent => ({
  action,
  at: at(when),
  actor: { role, ...(role === 'department' ? { department: 'cgj' } : {}), ...(role === 'inspector' ? { grids: ['A1'] } : {}) },
  ...extra,
});

describe('caseFacts', () => {
  test('notes first milestones and the due time each stage had when it was left', () => {
    const f = caseFacts(
      { id: 'c1', at: at('2026-11-02T09:00'), category: '06010', grid_id: 'A1', department: 'cgj', reports: ['r1'] },
      [
        ev('accept', '2026-11-02T09:10', 'operator'),
        ev('register', '2026-11-02T09:30', 'supervisor'),
        ev('dispatch', '2026-11-02T10:00', 'dispatcher', { department: 'cgj' }),
        ev('handle', '2026-11-03T10:00', 'department', { note: 'x' }),
        ev('fail-verification', '2026-11-03T11:00', 'inspector', { note: 'x' }),
        ev('handle', '2026-11-03T16:00', 'department', { note: 'x' }),
        ev('verify', '2026-11-04T09:00', 'inspector'),
        ev('close', '2026-11-04T09:30', 'supervisor'),
      ],
      ctx,
      DEFAULT_ASSESSMENT,
    );
    expect(f).toEqual({
      case_id: 'c1',
      grid_id: 'A1',
      department: 'cgj',
      first_report: 'r1',
      opened_at: at('2026-11-02T09:00'),
      merged: false,
      registered_at: at('2026-11-02T09:30'),
      dispatch_due: at('2026-11-02T10:30'), // 1 working hour
      dispatched_at: at('2026-11-02T10:00'),
      handle_due: at('2026-11-04T18:00'), // 2 working days, the start day not counted
      handled_at: at('2026-11-03T10:00'), // the first handling, not the rework's
      check_due: at('2026-11-04T18:00'),
      checked_at: at('2026-11-03T11:00'), // a failed verification is a verification
      verified_at: at('2026-11-04T09:00'),
      closed_at: at('2026-11-04T09:30'),
      reworks: 1,
    });
  });

  test('a case suspended now has nothing due; once resumed its due time has moved by the time lost', () => {
    const opening = { id: 'c4', at: at('2026-11-05T09:00'), category: '06010', department: 'cgj' };
    const upTo = [
      ev('accept', '2026-11-05T09:05', 'operator'),
      ev('register', '2026-11-05T09:20', 'supervisor'),
      ev('dispatch', '2026-11-05T09:40', 'dispatcher', { department: 'cgj' }),
      ev('suspend', '2026-11-06T09:40', 'supervisor', { note: '等待资金' }),
    ];
    expect(caseFacts(opening, upTo, ctx, DEFAULT_ASSESSMENT).handle_due).toBeNull();
    const resumed = caseFacts(opening, [...upTo, ev('resume', '2026-11-13T09:40', 'supervisor')], ctx, DEFAULT_ASSESSMENT);
    expect(resumed.handle_due).toBe(at('2026-11-16T18:00'));
  });
});

describe('scores, grades, ranks, flags', () => {
  test('n/a indicators drop out of the score, and 返工率 counts as 1 − value', () => {
    const only = unitIndicators({ ...NO_COUNTS, handle_due: 4, handled_on_time: 3, handled: 4, handled_reworked: 1 });
    // timely_handling 0.75 (weight 20), rework 1 − 0.25 (weight 10), rectification 0/4 (weight 10): (15 + 7.5 + 0) / 40
    expect(scoreUnit(only, DEFAULT_ASSESSMENT)).toBe(56.25);
    expect(scoreUnit(unitIndicators(NO_COUNTS), DEFAULT_ASSESSMENT)).toBeNull();
  });

  test.each([
    [90, 'A'],
    [89.99, 'B'],
    [75, 'B'],
    [60, 'C'],
    [59.99, 'D'],
    [40, 'D'],
    [0, 'E'],
    [null, null],
  ])('score %s is grade %s', (score, grade) => {
    expect(gradeOf(score, DEFAULT_ASSESSMENT.grades)).toBe(grade);
  });

  test('ties share a rank, the next skips, and no score is unranked', () => {
    expect(rankScores([80, null, 90, 80, 70])).toEqual([2, null, 1, 2, 4]);
  });

  test('three-fails needs three failing grades in a row; n/a breaks the run', () => {
    expect(unitFlags(['D', 'E', 'D'], DEFAULT_ASSESSMENT)).toEqual(['three-fails']);
    expect(unitFlags(['D', 'C', 'D'], DEFAULT_ASSESSMENT)).toEqual([]);
    expect(unitFlags(['D', null, 'D'], DEFAULT_ASSESSMENT)).toEqual([]);
    expect(unitFlags(['D', 'D'], DEFAULT_ASSESSMENT)).toEqual([]);
    expect(unitFlags([null, 'E', 'E'], DEFAULT_ASSESSMENT)).toEqual(['n/a']);
  });

  test('required patrol days: 2 a week, rounded up', () => {
    expect(requiredDays(parsePeriod('2026-11', '+08:00'), 2)).toBe(9);
    expect(requiredDays(parsePeriod('2026-W47', '+08:00'), 2)).toBe(2);
    expect(requiredDays(parsePeriod('2026-Q4', '+08:00'), 2)).toBe(27);
  });
});

const COUNT_KEYS = Object.keys(NO_COUNTS) as (keyof UnitCounts)[];
// Counts as a store could give them: each numerator at most its denominator.
const counts = fc
  .record(Object.fromEntries(COUNT_KEYS.map((k) => [k, fc.nat({ max: 50 })])) as Record<keyof UnitCounts, fc.Arbitrary<number>>)
  .map((c) => ({
    ...c,
    registered_by_patrol: Math.min(c.registered_by_patrol, c.registered),
    reported_registered: Math.min(c.reported_registered, c.reported),
    dispatched_on_time: Math.min(c.dispatched_on_time, c.dispatched),
    handled_on_time: Math.min(c.handled_on_time, c.handle_due),
    registered_closed: Math.min(c.registered_closed, c.registered),
    handled_reworked: Math.min(c.handled_reworked, c.handled),
    handled_verified: Math.min(c.handled_verified, c.handled),
    handled_offsite: Math.min(c.handled_offsite, c.handled),
    checked_on_time: Math.min(c.checked_on_time, c.checked),
    ratings_satisfied: Math.min(c.ratings_satisfied, c.ratings),
    attended_days: Math.min(c.attended_days, c.required_days),
  }));

describe('properties', () => {
  test('every value is in [0, 1], null exactly when its denominator is 0; scores in [0, 100]', () => {
    fc.assert(
      fc.property(counts, (c) => {
        const ind = unitIndicators(c);
        for (const name of INDICATOR_NAMES) {
          const { value, numerator, denominator } = ind[name];
          expect(numerator).toBeLessThanOrEqual(denominator);
          if (denominator === 0) expect(value).toBeNull();
          else expect(value! >= 0 && value! <= 1).toBe(true);
        }
        const score = scoreUnit(ind, DEFAULT_ASSESSMENT);
        if (score !== null) expect(score >= 0 && score <= 100).toBe(true);
      }),
    );
  });

  test('ranks follow scores: a higher score never ranks below a lower one, and n/a units come last', () => {
    fc.assert(
      fc.property(fc.array(counts, { minLength: 1, maxLength: 12 }), (all) => {
        const rows = assessUnits(
          all.map((c, i) => ({ id: `u${i}`, name: `u${i}`, counts: c })),
          [],
          DEFAULT_ASSESSMENT,
        );
        for (let i = 1; i < rows.length; i++) {
          const [a, b] = [rows[i - 1], rows[i]];
          if (b.score !== null) expect(a.score).not.toBeNull();
          if (a.score !== null && b.score !== null) {
            expect(a.score).toBeGreaterThanOrEqual(b.score);
            expect(a.rank! <= b.rank!).toBe(true);
            expect(a.score === b.score).toBe(a.rank === b.rank);
          }
        }
      }),
    );
  });

  test("a unit's row does not depend on the order units are given in", () => {
    fc.assert(
      fc.property(fc.array(counts, { minLength: 2, maxLength: 8 }), fc.nat(), (all, seed) => {
        const units = all.map((c, i) => ({ id: `u${i}`, name: `u${i}`, counts: c }));
        const shuffled = [...units].sort((a, b) => ((a.id.charCodeAt(1) * 31 + seed) % 7) - ((b.id.charCodeAt(1) * 31 + seed) % 7));
        const byId = (rows: ReturnType<typeof assessUnits>) => Object.fromEntries(rows.map((r) => [r.id, r]));
        expect(byId(assessUnits(shuffled, [], DEFAULT_ASSESSMENT))).toEqual(byId(assessUnits(units, [], DEFAULT_ASSESSMENT)));
      }),
    );
  });
});

describe('the profile’s assessment settings', () => {
  test('defaults: all indicators but offsite count, weights sum to 100, pass grade C', () => {
    const s = assessmentSettings(undefined);
    expect(s.indicators).not.toContain('offsite');
    expect(s.indicators.reduce((t, n) => t + s.weights[n], 0)).toBe(100);
    expect(s.pass_grade).toBe('C');
  });

  test('listing indicators without weights weighs them equally', () => {
    const s = assessmentSettings({ indicators: ['timely_handling', 'closure', 'satisfaction', 'attendance'] });
    expect(s.weights.timely_handling).toBe(25);
  });

  test.each([
    [{ weights: { speed: 5 } }, '/assessment/weights/speed'],
    [{ indicators: ['timely_handling', 'speed'] }, '/assessment/indicators/1'],
    [{ weights: { timely_handling: 50 } }, '/assessment/weights'],
    [{ pass_grade: 'Z' }, '/assessment/pass_grade'],
    [
      {
        grades: [
          { grade: 'A', min: 90 },
          { grade: 'B', min: 50 },
        ],
      },
      '/assessment/grades',
    ],
    [{ stages: { closed: 'finished' } }, '/assessment/stages/closed'],
    [{ satisfaction: { scale: 3, satisfied_from: 4 } }, '/assessment/satisfaction/satisfied_from'],
  ])('checkProfile refuses %j at %s', (assessment, path) => {
    const result = checkProfile({ name: '汉滨区', timezone: '+08:00', assessment });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path)).toContain(path);
  });

  test('checkProfile takes a valid assessment key', () => {
    const ok = checkProfile({
      name: '汉滨区',
      timezone: '+08:00',
      assessment: { indicators: ['timely_handling', 'closure'], weights: { timely_handling: 60, closure: 40 }, pass_grade: 'B' },
    });
    expect(ok.ok).toBe(true);
  });
});
