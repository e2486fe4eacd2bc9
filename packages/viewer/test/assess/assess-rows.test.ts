import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessRows, formatValue, indicatorCell, indicatorColumns, rankChange, rankOrder } from '../../src/assess/assess-rows.ts';
import { DEPT_Q4, GRID_NOV } from './fixtures.ts';

describe('assessRows', () => {
  it('orders the units by rank, the unranked last', () => {
    expect(assessRows(GRID_NOV, 'zh-CN').map((r) => [r.rank, r.id])).toEqual([
      ['1', 'HB-1-1'],
      ['2', 'HB-1-2'],
      ['3', 'HB-2-1'],
      ['–', 'HB-2-2'],
    ]);
  });

  it('shows score, grade and the move against the previous rank', () => {
    const [first, second, third, last] = assessRows(GRID_NOV, 'zh-CN');
    expect([first.score, first.grade, first.change.arrow, first.change.by, first.change.title]).toEqual(['96.0', 'A', '▲', 2, '上升 2 位']);
    expect([second.change.arrow, second.change.by]).toEqual(['▼', 1]);
    expect(third.change).toMatchObject({ arrow: '▬', dir: 'flat' });
    expect([last.score, last.grade, last.change.dir]).toEqual(['—', '', 'new']);
  });

  it('shows n/a as — with 不适用 on hover, never as 0 %', () => {
    const row = assessRows(GRID_NOV, 'zh-CN').find((r) => r.id === 'HB-2-1')!;
    const handling = row.cells.find((c) => c.name === 'timely_handling')!;
    expect(handling).toEqual({ name: 'timely_handling', text: '—', counts: '', title: '及时处置率: 不适用', na: true });
    expect(row.cells.find((c) => c.name === 'closure')).toMatchObject({
      text: '40.0%',
      counts: '2/5',
      title: '结案率 / 办结率: 2/5',
      na: false,
    });
  });

  it('names the three-fails flag in the page language', () => {
    const flagged = (lang: 'zh-CN' | 'en') => assessRows(GRID_NOV, lang).flatMap((r) => r.flags.map((f) => `${r.id} ${f.text}`));
    expect(flagged('zh-CN')).toEqual(['HB-2-1 连续三期不合格']);
    expect(flagged('en')).toEqual(['HB-2-1 Failed three periods in a row']);
  });

  it("names the server's n/a flag (nothing to grade) too", () => {
    const unit = { ...GRID_NOV.units[3], flags: ['n/a'] };
    expect(assessRows({ units: [unit] }, 'zh-CN')[0].flags).toEqual([{ code: 'n/a', text: '无可考核事项' }]);
  });

  it('gives every row one cell per column, a missing indicator as n/a', () => {
    const columns = indicatorColumns(DEPT_Q4.units);
    expect(columns).toEqual(['timely_handling', 'rework', 'offsite']);
    const rows = assessRows(DEPT_Q4, 'en');
    for (const r of rows) expect(r.cells.map((c) => c.name)).toEqual(columns);
    expect(rows.find((r) => r.id === 'cgj')!.cells[2]).toMatchObject({ text: '—', na: true, title: 'Off-site enforcement share: n/a' });
    expect(rows.find((r) => r.id === 'scjg')!.cells[1]).toMatchObject({ text: '0.0%', counts: '0/10', na: false });
  });

  it("keeps the server's order among tied ranks and marks a unit new to the ranking", () => {
    const rows = assessRows(DEPT_Q4, 'zh-CN');
    expect(rows.map((r) => [r.rank, r.name])).toEqual([
      ['1', '城管局'],
      ['2', '交警大队'],
      ['2', '市场监管局'],
    ]);
    expect(rows[2].change).toMatchObject({ arrow: '●', dir: 'new', title: '新进' });
  });
});

describe('formatValue', () => {
  it.each([
    [0, '0.0%'],
    [0.8333333333333334, '83.3%'],
    [1, '100.0%'],
  ])('%s → %s', (value, text) => expect(formatValue(value)).toBe(text));

  it('shows an indicator without counts as n/a', () => {
    expect(indicatorCell('closure', undefined, 'en')).toMatchObject({ text: '—', na: true });
  });
});

describe('rankChange', () => {
  it('points up when the rank number falls, by the places moved', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), (rank, previous) => {
        const c = rankChange(rank, previous, 'en');
        expect(c.by).toBe(Math.abs(previous - rank));
        expect(c.dir).toBe(previous > rank ? 'up' : previous < rank ? 'down' : 'flat');
      }),
    );
  });
});

describe('rankOrder', () => {
  it("never puts a ranked unit after an unranked one, nor a higher rank before a lower; ties keep the server's order", () => {
    const unit = fc.record({ rank: fc.option(fc.integer({ min: 1, max: 20 })) });
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), (units) => {
        const given = units.map((u, i) => ({ ...u, i }));
        const ordered = rankOrder(given);
        const key = (u: { rank: number | null }) => u.rank ?? Number.POSITIVE_INFINITY;
        for (let i = 1; i < ordered.length; i++) {
          expect(key(ordered[i])).toBeGreaterThanOrEqual(key(ordered[i - 1]));
          if (key(ordered[i]) === key(ordered[i - 1])) expect(ordered[i].i).toBeGreaterThan(ordered[i - 1].i);
        }
      }),
    );
  });
});
