import { describe, expect, it } from 'vitest';
import { assessmentPath } from '../../src/api/index.ts';
import { assessSearch, periodKind, readAssessState } from '../../src/assess/assess-state.ts';
import { scoreBars } from '../../src/assess/bar-chart.ts';
import { caseHref, drillRows, SHOWN_CASES } from '../../src/assess/drilldown-rows.ts';
import { exportFileName } from '../../src/assess/export-file.ts';
import { periodLabel, periodOptions, switchKind } from '../../src/assess/period-picker.ts';
import { EXPLAIN, GRID_NOV } from './fixtures.ts';

const TODAY = '2026-12-07';

describe('the address state', () => {
  it('reads period, level, unit and language, and writes them back', () => {
    const s = readAssessState('?period=2026-Q4&level=street&unit=019&lang=en', TODAY);
    expect(s).toEqual({ period: '2026-Q4', level: 'street', unit: '019', lang: 'en' });
    expect(readAssessState(assessSearch(s), TODAY)).toEqual(s);
  });

  it('falls back to this month, grids and Chinese for what is missing or wrong', () => {
    expect(readAssessState('?period=2026-13&level=planet', TODAY)).toEqual({ period: '2026-12', level: 'grid', unit: null, lang: 'zh-CN' });
    expect(assessSearch({ period: '2026-12', level: 'grid', unit: null, lang: 'zh-CN' })).toBe('?period=2026-12&level=grid');
  });

  it.each([
    ['2026-11', 'month'],
    ['2026-Q4', 'quarter'],
    ['2026', 'year'],
    ['2026-W47', 'week'],
    ['2026-W54', null],
    ['Q4', null],
  ])('%s is a %s', (code, kind) => expect(periodKind(code)).toBe(kind));
});

describe('the period picker', () => {
  it('lists the periods of the kind up to today, newest first', () => {
    expect(periodOptions('2026-11', TODAY).slice(0, 3)).toEqual(['2026-12', '2026-11', '2026-10']);
    expect(periodOptions('2026-Q4', TODAY)).toHaveLength(8);
    expect(periodOptions('2026', TODAY)).toEqual(['2026', '2025', '2024', '2023', '2022']);
    expect(periodOptions('2026-W49', TODAY)[0]).toBe('2026-W50');
  });

  it('keeps an old period a link asks for', () => {
    const options = periodOptions('2019-03', TODAY);
    expect(options.at(-1)).toBe('2019-03');
    expect(options).toHaveLength(25);
  });

  it('switches kind to the period holding the same day, never past today', () => {
    expect(switchKind('2026-11', 'quarter', TODAY)).toBe('2026-Q4');
    expect(switchKind('2026-Q3', 'month', TODAY)).toBe('2026-09');
    expect(switchKind('2026', 'month', TODAY)).toBe('2026-12');
    expect(switchKind('2025', 'week', TODAY)).toBe('2026-W01'); // 2025-12-31 is a Wednesday of ISO week 2026-W01
  });

  it.each([
    ['2026-11', '2026年11月', 'Nov 2026'],
    ['2026-Q4', '2026年第4季度', '2026 Q4'],
    ['2026', '2026年', '2026'],
    ['2026-W07', '2026年第7周', '2026 W07'],
  ])('names %s', (code, zh, en) => {
    expect(periodLabel(code, 'zh-CN')).toBe(zh);
    expect(periodLabel(code, 'en')).toBe(en);
  });
});

describe('the score chart', () => {
  it('draws one bar per unit in rank order, its length the score out of 100', () => {
    const { bars, height, omitted } = scoreBars(GRID_NOV.units, { width: 200, row: 10 });
    expect(bars.map((b) => [b.id, b.y, b.width, b.label, b.grade])).toEqual([
      ['HB-1-1', 0, 192, '96.0', 'A'],
      ['HB-1-2', 10, 156.8, '78.4', 'B'],
      ['HB-2-1', 20, 71, '35.5', 'E'],
      ['HB-2-2', 30, 0, '—', ''],
    ]);
    expect([height, omitted]).toEqual([40, 0]);
  });

  it('leaves out units past the maximum and says how many', () => {
    expect(scoreBars(GRID_NOV.units, { max: 2 })).toMatchObject({ height: 36, omitted: 2 });
  });
});

describe('the drill-down', () => {
  it('lists the cases behind each numerator and denominator, linked to the desk', () => {
    const [discovery, handling] = drillRows(EXPLAIN, 'zh-CN');
    expect(discovery).toMatchObject({ name: 'discovery', label: '发现率', value: '50.0%' });
    expect(discovery.numerator.cases.map((c) => c.id)).toEqual(['c-1', 'c-2', 'c-3']);
    expect(discovery.denominator).toMatchObject({ count: 6, more: 0 });
    expect(discovery.denominator.cases.at(-1)).toEqual({ id: 'c 6', href: 'cases#c%206' });
    expect(handling).toMatchObject({ value: '—', numerator: { count: 0, cases: [], more: 0 } });
  });

  it(`shows the first ${SHOWN_CASES} cases of a long list and counts the rest`, () => {
    const ids = Array.from({ length: 250 }, (_, i) => `c-${i}`);
    const [row] = drillRows(
      { indicators: { closure: { value: 1, numerator: 250, denominator: 250, numerator_cases: ids, denominator_cases: ids } } },
      'en',
    );
    expect(row.numerator.cases).toHaveLength(SHOWN_CASES);
    expect(row.numerator.more).toBe(150);
    expect(caseHref('a/b')).toBe('cases#a%2Fb');
  });
});

describe('the export', () => {
  it('asks the API for the period and level shown, and names the file after them', () => {
    expect(assessmentPath('street', '2026-Q4', 'csv')).toBe('/api/assessment?level=street&period=2026-Q4&format=csv');
    expect(assessmentPath('grid', '2026-11')).toBe('/api/assessment?level=grid&period=2026-11');
    expect(exportFileName('department', '2026', 'xlsx')).toBe('assessment-department-2026.xlsx');
  });
});
