import { describe, expect, it } from 'vitest';
import { joinPlan, type JoinPlan } from '../../src/split-area/join-parts.ts';

const CASES: Array<[string, number[], number, JoinPlan | null]> = [
  [
    'an enclave lighter than a piece and one heavier both join the host',
    [6, 0.7, 1.3],
    8,
    {
      host: 0,
      parts: [
        { full: 0, rest: 0 },
        { full: 0, rest: 0.7 },
        { full: 1, rest: 0.3 },
      ],
      hostFull: 5,
    },
  ],
  ['parts holding whole pieces within 5 % need no joining', [6, 1.02, 0.98], 8, null],
  [
    'a part of two whole pieces keeps them, the light one joins',
    [5.46, 2.04, 0.5],
    8,
    {
      host: 0,
      parts: [
        { full: 0, rest: 0 },
        { full: 2, rest: 0 },
        { full: 0, rest: 0.5 },
      ],
      hostFull: 5,
    },
  ],
  ['too many remainders for the host: none', [0.5, 0.5, 0.5, 0.5], 2, null],
];

describe('joinPlan', () => {
  it.each(CASES)('%s', (_why, sizes, count, plan) => {
    const got = joinPlan(sizes, count);
    if (plan === null) return expect(got).toBeNull();
    expect(got!.host).toBe(plan.host);
    expect(got!.hostFull).toBe(plan.hostFull);
    plan.parts.forEach((p, i) => {
      expect(got!.parts[i].full).toBe(p.full);
      expect(got!.parts[i].rest).toBeCloseTo(p.rest, 9);
    });
  });
});
