import { describe, expect, it } from 'vitest';
import { fiveFixRows } from '../../src/wall/grid-panel/five-fixes.ts';
import { shownLevels } from '../../src/wall/levels.ts';

describe('shownLevels', () => {
  it('offers only the boundary levels the city loaded, never a level that would repeat the grids', () => {
    expect(shownLevels({ levels: [] })).toEqual(['grid']);
    expect(shownLevels({ levels: [{ level: 'street', units: 13 }] })).toEqual(['grid', 'street']);
    expect(
      shownLevels({
        levels: [
          { level: 'district', units: 1 },
          { level: 'community', units: 40 },
          { level: 'street', units: 7 },
        ],
      }),
    ).toEqual(['grid', 'community', 'street']);
  });

  it('offers every level to a server that does not say', () => {
    expect(shownLevels({})).toEqual(['grid', 'community', 'street']);
  });
});

describe('fiveFixRows', () => {
  it('names the 五定 of seed 000 in order, from the attributes a grid carries', () => {
    expect(
      fiveFixRows({ 定奖惩: '月考核', gridman: '张伟', 网格员: '李娜', duty: '巡查上报', 定区域: '老城一网格', 定任务: '每日两巡' }),
    ).toEqual([
      ['定区域', '老城一网格'],
      ['定人员', '张伟 · 李娜'],
      ['定职责', '巡查上报'],
      ['定任务', '每日两巡'],
      ['定奖惩', '月考核'],
    ]);
  });

  it('leaves out terms the grid carries nothing for', () => {
    expect(fiveFixRows({ name: 'x', staff: '' })).toEqual([]);
  });
});
