import { describe, expect, it } from 'vitest';
import { stageLimit, type LimitKey } from '../../src/cases/stage-limit.ts';
import { DEFAULT_TIME_LIMITS } from '../../src/profile/default-time-limits.ts';
import type { Limit, TimeLimit } from '../../src/profile/profile-schema.ts';

const rules: TimeLimit[] = [
  { stage: 'dispatched', limit: { working_days: 2 } },
  { stage: 'dispatched', category: '06', limit: { working_days: 3 } },
  { stage: 'dispatched', category: '0601', limit: { working_days: 4 } },
  { stage: 'dispatched', category: '06010', limit: { working_days: 5 } },
  { stage: 'dispatched', urgency: 'urgent', limit: { working_hours: 4 } },
  { stage: 'dispatched', category: '06', urgency: 'urgent', limit: { hours: 2 } },
  { stage: 'handled', limit: { working_days: 1 } },
];

describe('stageLimit', () => {
  // One row per rule of specificity: the case, the limit expected, why.
  const rows: Array<[string, Omit<LimitKey, 'stage'> & { stage?: string }, Limit | null]> = [
    ['no category rule matches: the stage default', { category: '09001', urgency: 'normal' }, { working_days: 2 }],
    ['a 大类 prefix beats the default', { category: '06020', urgency: 'normal' }, { working_days: 3 }],
    ['a longer prefix beats a shorter', { category: '06011', urgency: 'normal' }, { working_days: 4 }],
    ['an exact code beats any prefix', { category: '06010', urgency: 'normal' }, { working_days: 5 }],
    ['urgency beats category', { category: '06010', urgency: 'urgent' }, { hours: 2 }],
    ['urgency alone beats a category rule without urgency', { category: '09001', urgency: 'urgent' }, { working_hours: 4 }],
    [
      'a city code matches through its standard code',
      { category: 'Bulky Items', standard: '06036', urgency: 'normal' },
      { working_days: 3 },
    ],
    ['another stage has its own', { stage: 'handled', category: '06010', urgency: 'urgent' }, { working_days: 1 }],
    ['a stage without rules has no clock', { stage: 'verified', category: '06010', urgency: 'normal' }, null],
  ];
  it.each(rows)('%s', (_why, key, expected) => {
    expect(stageLimit(rules, { stage: 'dispatched', ...key })).toEqual(expected);
  });

  it('ships a limit for every non-terminal stage of the default workflow (local defaults)', () => {
    for (const stage of ['reported', 'accepted', 'registered', 'dispatched', 'handled', 'verified']) {
      expect(stageLimit(DEFAULT_TIME_LIMITS, { stage, category: '06010', urgency: 'normal' }), stage).not.toBe(null);
    }
  });
});
