import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK, riskLevel, riskScores, type RiskInput } from '../../src/index.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/risk/hand-computed.json', import.meta.url), 'utf8')) as {
  days: number;
  inputs: RiskInput[];
  expected: { id: string; components: Record<string, number>; score: number; level: string }[];
};

describe('riskScores', () => {
  it('matches the hand-computed fixture: components, scores and levels', () => {
    const scores = riskScores(fixture.inputs, fixture.days, DEFAULT_RISK);
    fixture.expected.forEach((want, i) => {
      expect(scores[i].id).toBe(want.id);
      for (const [k, v] of Object.entries(want.components)) expect(scores[i].components[k as 'density']).toBeCloseTo(v, 10);
      expect(scores[i].score).toBeCloseTo(want.score, 10);
      expect(riskLevel(scores[i].score, null, DEFAULT_RISK)).toBe(want.level);
    });
  });

  it('scales a week to 30 days: the same daily rate scores the same', () => {
    const month = riskScores([{ id: 'g', area_m2: 1e6, reports: 120, overdue: 6, repeated: 3 }], 30, DEFAULT_RISK)[0];
    const week = riskScores([{ id: 'g', area_m2: 1e6, reports: 28, overdue: 1.4, repeated: 0.7 }], 7, DEFAULT_RISK)[0];
    expect(week.score).toBeCloseTo(month.score, 10);
  });

  it('reads weights from the settings and divides by their sum', () => {
    const only = { ...DEFAULT_RISK, weights: { density: 0, overdue: 2, repeated: 0 } };
    expect(riskScores([{ id: 'g', area_m2: 1e6, reports: 999, overdue: 5, repeated: 9 }], 30, only)[0].score).toBeCloseTo(25, 10);
  });

  it('stays within 0–100, recomputes from its components, and never falls when an input grows', () => {
    const count = fc.integer({ min: 0, max: 5000 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5e6 }),
        count,
        count,
        count,
        fc.constantFrom('reports', 'overdue', 'repeated'),
        (area, r, o, p, grow) => {
          const input = { id: 'g', area_m2: area, reports: r, overdue: o, repeated: p };
          const [s] = riskScores([input], 30, DEFAULT_RISK);
          const w = DEFAULT_RISK.weights;
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(100);
          const again =
            (100 * (w.density * s.components.density + w.overdue * s.components.overdue + w.repeated * s.components.repeated)) / 1;
          expect(s.score).toBeCloseTo(again, 9);
          const [t] = riskScores([{ ...input, [grow]: input[grow as 'reports'] + 1 }], 30, DEFAULT_RISK);
          expect(t.score).toBeGreaterThanOrEqual(s.score);
        },
      ),
    );
  });
});
