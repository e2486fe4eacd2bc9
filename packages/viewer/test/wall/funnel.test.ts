import { describe, expect, it } from 'vitest';
import type { AssessedUnit } from '../../src/api/index.ts';
import { departmentRanking } from '../../src/wall/funnel/department-ranking.ts';
import { funnelRows } from '../../src/wall/funnel/funnel-rows.ts';
import { DEPT_Q4 } from '../assess/fixtures.ts';

const stage = (code: string, name: string, count: number, overdue = 0) => ({ stage: code, name, en: code, count, overdue });

describe('funnelRows', () => {
  it('keeps the workflow order, widths relative to the fullest stage, a stage with few cases still visible', () => {
    const rows = funnelRows(
      {
        at: '',
        total: 1203,
        stages: [
          stage('reported', '上报', 1000, 20),
          stage('accepted', '受理', 200),
          stage('dispatched', '派遣', 3),
          stage('handled', '处置', 0),
        ],
      },
      'zh-CN',
    );
    expect(rows.map((r) => [r.stage, r.label, r.count, r.overdue, r.width])).toEqual([
      ['reported', '上报', 1000, 20, 100],
      ['accepted', '受理', 200, 0, 20],
      ['dispatched', '派遣', 3, 0, 2],
      ['handled', '处置', 0, 0, 0],
    ]);
  });

  it('names stages in English and draws no bar when nothing is open', () => {
    const rows = funnelRows({ at: '', total: 0, stages: [stage('reported', '上报', 0)] }, 'en');
    expect(rows).toEqual([{ stage: 'reported', label: 'reported', count: 0, overdue: 0, width: 0 }]);
  });
});

const unit = (
  id: string,
  rank: number | null,
  score: number | null,
  previous: number | null = null,
  flags: string[] = [],
): AssessedUnit => ({
  id,
  name: id,
  indicators: {},
  score,
  grade: score === null ? null : score >= 90 ? 'A' : score >= 60 ? 'C' : 'E',
  rank,
  previous: { score: null, rank: previous },
  flags,
});

describe('departmentRanking', () => {
  it('lists every scored department as top when there are at most 2n, none twice', () => {
    const { top, bottom } = departmentRanking(DEPT_Q4.units, 3);
    expect(top.map((r) => [r.rank, r.name, r.score, r.grade, r.arrow, r.failing])).toEqual([
      [1, '城管局', '88.0', 'B', '▬', false],
      [2, '交警大队', '52.0', 'D', '▬', true],
      [2, '市场监管局', '52.0', 'D', '●', false],
    ]);
    expect(bottom).toEqual([]);
  });

  it('shows the best n and the worst n, departments with nothing due left out', () => {
    const units = [
      unit('a', 1, 95, 2),
      unit('b', 2, 90, 1),
      unit('c', 3, 70),
      unit('d', 4, 60, 4),
      unit('e', 5, 40, 3, ['three-fails']),
      unit('z', null, null),
    ];
    const { top, bottom } = departmentRanking(units, 2);
    expect(top.map((r) => `${r.id}${r.arrow}`)).toEqual(['a▲', 'b▼']);
    expect(bottom.map((r) => `${r.id}${r.arrow}`)).toEqual(['d▬', 'e▼']);
    expect(bottom[1].failing).toBe(true);
  });
});
