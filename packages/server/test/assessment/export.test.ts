import { describe, expect, test } from 'vitest';
import { INDICATOR_NAMES } from '@citygrid/core';
import { assessmentCsv, assessmentTable, assessmentXlsx } from '../../src/assessment/assessment-export.ts';
import type { Assessment } from '../../src/assessment/assessment-schemas.ts';
import { sharedApp } from '../helper.ts';
import { loadScenario } from './scenario.ts';

const value = (numerator: number, denominator: number) => ({ value: denominator ? numerator / denominator : null, numerator, denominator });
const unit = (id: string, name: string, rank: number | null) => ({
  id,
  name,
  indicators: Object.fromEntries(INDICATOR_NAMES.map((n) => [n, value(1, 3)])) as Assessment['units'][number]['indicators'],
  score: rank === null ? null : 50,
  grade: rank === null ? null : 'D',
  rank,
  previous: { score: null, rank: null },
  flags: rank === null ? ['n/a'] : ['three-fails'],
});
const ANSWER = {
  period: { code: '2026-11', kind: 'month', first_day: '2026-11-01', last_day: '2026-11-30', start: '', end: '', timezone: '+08:00' },
  level: 'grid',
  units: [unit('A1', '=HYPERLINK("http://x")', 1), unit('B1', '东, "北"', null)],
  formulas: {},
  grades: [],
  pass_grade: 'C',
} satisfies Assessment;

describe('assessment exports', () => {
  test('the table: Chinese and English headers, value, numerator and denominator per indicator', () => {
    const [header, first] = assessmentTable(ANSWER);
    expect(header.slice(0, 8)).toEqual([
      '排名 rank',
      '编码 id',
      '名称 name',
      '得分 score',
      '等次 grade',
      '上期得分 previous score',
      '上期排名 previous rank',
      '标记 flags',
    ]);
    expect(header.slice(8, 11)).toEqual(['发现率 discovery', '发现率分子 discovery numerator', '发现率分母 discovery denominator']);
    expect(header).toHaveLength(8 + 3 * INDICATOR_NAMES.length);
    expect(first.slice(8, 11)).toEqual([0.333333, 1, 3]);
  });

  test('CSV: a BOM, CRLF, formula-looking text prefixed with a quote, quotes doubled, n/a empty', () => {
    const csv = assessmentCsv(ANSWER);
    expect(csv.startsWith('\uFEFF排名 rank,编码 id,')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(4); // header, two units, the final empty line
    expect(lines[1].startsWith(`1,A1,"'=HYPERLINK(""http://x"")",50,D,,,three-fails,`)).toBe(true);
    expect(lines[2].startsWith(',B1,"东, ""北""",,,,,n/a,')).toBe(true);
  });

  test('Excel: a workbook (a zip) with one sheet', async () => {
    const xlsx = await assessmentXlsx(ANSWER);
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    expect(xlsx.length).toBeGreaterThan(1000);
  });
});

describe('GET /api/assessment?format=', () => {
  const app = sharedApp(loadScenario);

  test('csv and xlsx download the same table as the JSON, named for level and period', async () => {
    const json = (await app().inject('/api/assessment?level=grid&period=2026-11')).json();
    const csv = await app().inject('/api/assessment?level=grid&period=2026-11&format=csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="assessment-grid-2026-11.csv"');
    expect(csv.body).toBe(assessmentCsv(json));
    const xlsx = await app().inject('/api/assessment?level=grid&period=2026-11&format=xlsx');
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  test('refuses another format with 400', async () => {
    expect((await app().inject('/api/assessment?level=grid&period=2026-11&format=pdf')).statusCode).toBe(400);
  });
});
