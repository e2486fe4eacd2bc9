// A cell a spreadsheet (Excel, WPS) would run as a formula: it starts with = + - @, a tab or a
// CR (OWASP's CSV injection list). A plain decimal number (-3.5, +1e3) is a number, not a formula.
const FORMULA_START = /^[=+\-@\t\r]/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The same rule as POSIX regular expressions, for a database that writes CSV itself (DuckDB's
 * COPY): a cell matching `start` and not `number` gets the ' prefix.
 * @example `CASE WHEN regexp_matches(c, '${CSV_FORMULA_SQL.start}') AND NOT regexp_matches(c, '${CSV_FORMULA_SQL.number}') THEN '''' || c ELSE c END`
 */
export const CSV_FORMULA_SQL = { start: '^[=+\\-@\t\r]', number: '^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$' } as const;

/**
 * A text cell made safe to open in a spreadsheet: one that would run as a formula gets a
 * leading `'` (shown as text, not run); anything else, numbers included, is unchanged. Every
 * CSV citygrid writes passes its text cells through this (or {@link CSV_FORMULA_SQL}).
 * @example csvSafeCell('=HYPERLINK("http://x","y")') // '\'=HYPERLINK("http://x","y")'
 * @example csvSafeCell('-118.25') // '-118.25'
 */
export function csvSafeCell(text: string): string {
  return FORMULA_START.test(text) && !DECIMAL.test(text) ? `'${text}` : text;
}
