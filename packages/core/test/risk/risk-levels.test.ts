import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK, riskLevel, riskLevelSeries } from '../../src/index.ts';

const codes = DEFAULT_RISK.levels.map((l) => l.code);
const rank = (code: string) => codes.length - 1 - codes.indexOf(code); // blue 0 … red 3
const score = fc.double({ min: 0, max: 100, noNaN: true });
const previous = fc.constantFrom(null, ...codes);

describe('riskLevel', () => {
  it('cuts plain scores at the levels’ min_score', () => {
    expect([0, 19.9, 20, 39.9, 40, 59.9, 60, 100].map((s) => riskLevel(s, null, DEFAULT_RISK))).toEqual([
      'blue',
      'blue',
      'yellow',
      'yellow',
      'orange',
      'orange',
      'red',
      'red',
    ]);
  });

  it('moves up at once, down only past the margin', () => {
    expect(riskLevel(61, 'blue', DEFAULT_RISK)).toBe('red');
    expect(riskLevel(55, 'red', DEFAULT_RISK)).toBe('red'); // 60 − 5
    expect(riskLevel(54.9, 'red', DEFAULT_RISK)).toBe('orange');
    expect(riskLevel(14.9, 'red', DEFAULT_RISK)).toBe('blue'); // 14.9 + 5 < 20
    expect(riskLevel(15, 'red', DEFAULT_RISK)).toBe('yellow');
  });

  it('is monotone: for the same previous level a higher score never gives a lower level', () => {
    fc.assert(
      fc.property(score, score, previous, (a, b, prev) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(rank(riskLevel(hi, prev, DEFAULT_RISK))).toBeGreaterThanOrEqual(rank(riskLevel(lo, prev, DEFAULT_RISK)));
      }),
    );
  });

  it('never sits below the plain level of its score, nor above the higher of that and the previous level', () => {
    fc.assert(
      fc.property(score, previous, (s, prev) => {
        const got = rank(riskLevel(s, prev, DEFAULT_RISK));
        const plain = rank(riskLevel(s, null, DEFAULT_RISK));
        expect(got).toBeGreaterThanOrEqual(plain);
        expect(got).toBeLessThanOrEqual(Math.max(plain, prev === null ? 0 : rank(prev)));
      }),
    );
  });
});

describe('riskLevelSeries', () => {
  it('does not flicker: scores wobbling within a band narrower than the margin never lower the level after the first period', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 95, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 2, maxLength: 30 }),
        (low, offsets) => {
          const series = riskLevelSeries(
            offsets.map((o) => [{ id: 'g', score: low + o * DEFAULT_RISK.margin }]),
            DEFAULT_RISK,
          ).map((p) => rank(p[0].level));
          for (let i = 1; i < series.length; i++) expect(series[i]).toBeGreaterThanOrEqual(series[i - 1]);
        },
      ),
    );
  });

  it('a score alternating across a threshold within the margin keeps one level from the second period on', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(20, 40, 60),
        fc.double({ min: 0.01, max: 2.49, noNaN: true }),
        fc.integer({ min: 2, max: 20 }),
        (t, d, n) => {
          const scores = Array.from({ length: n }, (_, i) => [{ id: 'g', score: i % 2 ? t + d : t - d }]);
          const levels = riskLevelSeries(scores, DEFAULT_RISK).map((p) => p[0].level);
          expect(new Set(levels.slice(1)).size).toBe(1);
        },
      ),
    );
  });

  it('walks a hand-made sequence, with previous levels', () => {
    const scores = [10, 45, 42, 36, 34, 70, 56, 54, 3];
    const steps = riskLevelSeries(
      scores.map((s) => [{ id: 'g', score: s }]),
      DEFAULT_RISK,
    ).map((p) => p[0]);
    expect(steps.map((s) => s.level)).toEqual(['blue', 'orange', 'orange', 'orange', 'yellow', 'red', 'red', 'orange', 'blue']);
    expect(steps.map((s) => s.previous_level)).toEqual([null, 'blue', 'orange', 'orange', 'orange', 'yellow', 'red', 'red', 'orange']);
  });

  it('starts a grid afresh in a period after one it was missing from', () => {
    const steps = riskLevelSeries([[{ id: 'a', score: 70 }], [{ id: 'b', score: 10 }], [{ id: 'a', score: 50 }]], DEFAULT_RISK);
    expect(steps[2]).toEqual([{ id: 'a', level: 'orange', previous_level: null }]);
  });
});
