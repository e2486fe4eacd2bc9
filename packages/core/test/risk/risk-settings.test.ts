import { describe, expect, it } from 'vitest';
import { checkProfile, DEFAULT_RISK, riskSettings } from '../../src/index.ts';

const city = { name: '汉滨区', timezone: '+08:00' };

describe('the profile risk key', () => {
  it('fills the defaults, a part given replacing that part', () => {
    expect(riskSettings({})).toEqual(DEFAULT_RISK);
    const s = riskSettings({ risk: { margin: 8 } });
    expect([s.margin, s.look_back, s.levels.map((l) => l.patrol_every_days)]).toEqual([8, 6, [1, 2, 3, 7]]);
  });

  it('accepts the defaults written out', () => {
    expect(checkProfile({ ...city, risk: DEFAULT_RISK }).ok).toBe(true);
  });

  it('refuses levels out of order, repeated codes, a last level above 0 and all-zero weights, naming each path', () => {
    const [red, orange, yellow, blue] = DEFAULT_RISK.levels;
    const r = checkProfile({
      ...city,
      risk: {
        weights: { density: 0, overdue: 0, repeated: 0 },
        levels: [orange, red, { ...yellow, code: 'orange' }, { ...blue, min_score: 5 }],
      },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path)).toEqual([
      '/risk/weights',
      '/risk/levels/1/min_score',
      '/risk/levels/2/code',
      '/risk/levels/3/min_score',
    ]);
  });

  it('refuses a bad colour or patrol frequency through the schema', () => {
    const bad = { ...DEFAULT_RISK.levels[0], color: 'red', patrol_every_days: 0 };
    const r = checkProfile({ ...city, risk: { levels: [bad, DEFAULT_RISK.levels[3]] } });
    expect(r.ok).toBe(false);
  });
});
