import writeXlsxFile from 'write-excel-file/node';
import { INDICATORS } from '@citygrid/core';
import type { Assessment } from './assessment-schemas.ts';

type Cell = string | number | null;

/**
 * The assessment as a table: a header of Chinese names with the English ones (what a city
 * sends upward, read by people on both sides), then one row per unit in rank order. Every
 * indicator gives three columns, value, numerator and denominator, so the sheet recomputes.
 * @example assessmentTable(answer)[0].slice(0, 3) // ['排名 rank', '编码 id', '名称 name']
 */
export function assessmentTable(a: Assessment): Cell[][] {
  const header = [
    '排名 rank',
    '编码 id',
    '名称 name',
    '得分 score',
    '等次 grade',
    '上期得分 previous score',
    '上期排名 previous rank',
    '标记 flags',
    ...INDICATORS.flatMap((i) => [`${i.zh} ${i.name}`, `${i.zh}分子 ${i.name} numerator`, `${i.zh}分母 ${i.name} denominator`]),
  ];
  const rows = a.units.map((u) => [
    u.rank,
    u.id,
    u.name,
    u.score,
    u.grade,
    u.previous.score,
    u.previous.rank,
    u.flags.join(' '),
    ...INDICATORS.flatMap((i) => {
      const v = u.indicators[i.name];
      return [v.value === null ? null : round(v.value), v.numerator, v.denominator];
    }),
  ]);
  return [header, ...rows];
}

/**
 * The table as CSV (RFC 4180, CRLF, UTF-8 with a BOM so Excel reads the Chinese): text that
 * would start a formula (= + - @, tab, CR) is prefixed with ' (OWASP's CSV injection rule,
 * as the reports export does); n/a is an empty cell.
 * @example assessmentCsv(answer).startsWith('\uFEFF排名 rank,') // true
 */
export function assessmentCsv(a: Assessment): string {
  return `\uFEFF${assessmentTable(a)
    .map((row) => row.map(csvCell).join(','))
    .join('\r\n')}\r\n`;
}

/**
 * The table as an Excel workbook (one sheet named for the period and level), numbers as numbers.
 * @example await assessmentXlsx(answer) // <Buffer 50 4b 03 04 …>
 */
export async function assessmentXlsx(a: Assessment): Promise<Buffer> {
  const data = assessmentTable(a).map((row, r) =>
    row.map((cell) =>
      cell === null
        ? null
        : typeof cell === 'number'
          ? { type: Number, value: cell }
          : { type: String, value: cell, ...(r === 0 ? { fontWeight: 'bold' as const } : {}) },
    ),
  );
  return writeXlsxFile(data, { sheet: `${a.period.code} ${a.level}`.slice(0, 31) }).toBuffer();
}

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

// Six decimals: a fraction to 0.0001 %, enough to recompute and short in a cell.
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
