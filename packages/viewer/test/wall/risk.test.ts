import { describe, expect, it } from 'vitest';
import type { RiskAnswer } from '../../src/api/index.ts';
import { riskFills } from '../../src/wall/risk/risk-layer.ts';
import { patrolText } from '../../src/wall/risk/risk-legend.ts';
import { riskPeriod } from '../../src/wall/risk/wall-risk.ts';

const level = (code: string, color: string, patrol: number) => ({
  code,
  name: code,
  en: code,
  color,
  min_score: 0,
  patrol_every_days: patrol,
});
const grid = (id: string, lvl: string) => ({
  id,
  name: id,
  score: 0,
  level: lvl,
  previous_level: null,
  components: { density: 0, overdue: 0, repeated: 0 },
  counts: { reports: 0, overdue: 0, repeated: 0, area_m2: 1 },
  patrol_every_days: 1,
});

describe('wall risk layer', () => {
  it("fills each grid with its level's colour, transparent for an unknown level", () => {
    const answer = {
      levels: [level('red', '#d73027', 1), level('blue', '#4575b4', 7)],
      grids: [grid('a', 'red'), grid('b', 'blue'), grid('c', 'gone')],
    } as unknown as RiskAnswer;
    const fills = riskFills(answer, 200);
    expect([fills.get('a'), fills.get('b'), fills.get('c')]).toEqual([
      [215, 48, 39, 200],
      [69, 117, 180, 200],
      [0, 0, 0, 0],
    ]);
  });

  it("asks for the month of the window's last day, or the server's default for an open window", () => {
    expect([riskPeriod('2026-11-30'), riskPeriod('2024-06-01'), riskPeriod('')]).toEqual(['2026-11', '2024-06', undefined]);
  });

  it('says how often a level is patrolled', () => {
    expect([1, 2, 7].map((d) => patrolText(d, 'zh-CN'))).toEqual(['每日巡查', '每2天巡查', '每周巡查']);
    expect([1, 3, 7].map((d) => patrolText(d, 'en'))).toEqual(['patrol daily', 'patrol every 3 days', 'patrol weekly']);
  });
});
