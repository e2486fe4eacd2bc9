/**
 * The ranked table as rows to draw (pure: tested in Node on fixture answers): rank order, score
 * and grade, the arrow against the previous period's rank, each indicator as a percentage with
 * its numerator/denominator, n/a as "—" (never 0 %), and the flags in words.
 */
import type { AssessedUnit, Assessment, IndicatorValue } from '../api/index.ts';
import type { Lang } from '../wall/i18n.ts';
import { at, indicatorLabel } from './strings.ts';

/** One indicator cell. */
export interface IndicatorCell {
  name: string;
  /** `87.5%`, or `—` for n/a. */
  text: string;
  /** `7/8`, or '' for n/a. */
  counts: string;
  /** Hover text: the indicator's name with its counts, or 不适用 / n/a. */
  title: string;
  na: boolean;
}

/** Where a unit moved against the previous period's rank. */
export interface RankChange {
  arrow: '▲' | '▼' | '▬' | '●';
  dir: 'up' | 'down' | 'flat' | 'new';
  /** Places moved (0 for flat and new). */
  by: number;
  title: string;
}

/** One row of the table. */
export interface AssessRow {
  id: string;
  name: string;
  /** '–' when the unit has no rank (nothing to score). */
  rank: string;
  score: string;
  /** A–E, or '' when not graded. */
  grade: string;
  change: RankChange;
  cells: IndicatorCell[];
  flags: { code: string; text: string }[];
}

/**
 * The indicator names of a table in the order the server lists them (first unit first; a name
 * only later units carry is appended): the table's columns.
 * @example indicatorColumns([{ indicators: { closure: … } }]) // ['closure']
 */
export function indicatorColumns(units: readonly Pick<AssessedUnit, 'indicators'>[]): string[] {
  const names = new Set<string>();
  for (const u of units) for (const name of Object.keys(u.indicators)) names.add(name);
  return [...names];
}

/**
 * The rows of an answer in rank order, unranked last (see {@link rankOrder}).
 * @example assessRows(answer, 'zh-CN')[0].rank // '1'
 */
export function assessRows(answer: Pick<Assessment, 'units'>, lang: Lang): AssessRow[] {
  const columns = indicatorColumns(answer.units);
  return rankOrder(answer.units).map((u) => ({
    id: u.id,
    name: u.name,
    rank: u.rank === null ? '–' : String(u.rank),
    score: u.score === null ? '—' : u.score.toFixed(1),
    grade: u.grade ?? '',
    change: rankChange(u.rank, u.previous.rank, lang),
    cells: columns.map((name) => indicatorCell(name, u.indicators[name], lang)),
    flags: u.flags.map((code) => ({ code, text: at(lang, `flag.${code}`) })),
  }));
}

/**
 * The units by rank, unranked last; equal ranks keep the server's order (its tie-break, by name
 * in its collation, is the one the CSV and Excel exports have too, so the table matches them).
 * @example rankOrder(units).map((u) => u.rank) // [1, 2, 2, 4, null]
 */
export function rankOrder<U extends Pick<AssessedUnit, 'rank'>>(units: readonly U[]): U[] {
  const key = (r: number | null) => r ?? Number.POSITIVE_INFINITY;
  return [...units].sort((a, b) => key(a.rank) - key(b.rank));
}

/**
 * An indicator as a cell: its fraction as a percentage (one decimal); n/a (nothing was due, or
 * the unit does not report it) as "—".
 * @example indicatorCell('closure', { value: 0.875, numerator: 7, denominator: 8 }, 'en').text // '87.5%'
 */
export function indicatorCell(name: string, v: IndicatorValue | undefined, lang: Lang): IndicatorCell {
  const label = indicatorLabel(lang, name);
  if (!v || v.value === null) return { name, text: '—', counts: '', title: `${label}: ${at(lang, 'na')}`, na: true };
  const counts = `${v.numerator}/${v.denominator}`;
  return { name, text: formatValue(v.value), counts, title: `${label}: ${counts}`, na: false };
}

/**
 * An indicator's fraction (0–1; 满意度 too: satisfied ratings / ratings) as a percentage.
 * @example formatValue(0.5) // '50.0%'
 */
export function formatValue(value: number): string {
  return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

/**
 * The move from the previous period's rank to this one's: ▲ up (a smaller rank number), ▼ down,
 * ▬ unchanged, ● new (no rank before, or none now).
 * @example rankChange(2, 5, 'en') // { arrow: '▲', dir: 'up', by: 3, title: 'up 3' }
 */
export function rankChange(rank: number | null, previous: number | null, lang: Lang): RankChange {
  if (rank === null || previous === null) return { arrow: '●', dir: 'new', by: 0, title: at(lang, 'newRank') };
  const by = previous - rank;
  if (by > 0) return { arrow: '▲', dir: 'up', by, title: at(lang, 'upBy', by) };
  if (by < 0) return { arrow: '▼', dir: 'down', by: -by, title: at(lang, 'downBy', -by) };
  return { arrow: '▬', dir: 'flat', by: 0, title: at(lang, 'same') };
}
