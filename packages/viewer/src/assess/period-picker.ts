/**
 * The period picker's choices (pure): the periods of a kind up to today's, newest first, their
 * names in the page's language, and what a change of kind keeps (the period holding the same day).
 */
import { parsePeriod, periodOf, shiftPeriod } from '@citygrid/core';
import type { Lang } from '../wall/i18n.ts';
import { periodKind, type PeriodKind } from './assess-state.ts';

/** The kinds the picker offers, in its order (seed 004: 月考核、季排名、年总评; weeks for 日检查 roll-ups). */
export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'year', 'week'];

/** How many periods of each kind the picker lists back from today's: two years of months, etc. */
const BACK: Record<PeriodKind, number> = { month: 24, quarter: 8, year: 5, week: 26 };

/**
 * The periods of `current`'s kind to choose from, newest first: today's and those before it,
 * plus `current` itself when it lies outside them (a link to an old period keeps it).
 * @example periodOptions('2026-Q4', '2026-12-07').slice(0, 3) // ['2026-Q4', '2026-Q3', '2026-Q2']
 */
export function periodOptions(current: string, today: string): string[] {
  const kind = periodKind(current) ?? 'month';
  const newest = periodOf(today, kind);
  const codes = Array.from({ length: BACK[kind] }, (_, i) => shiftPeriod(newest, -i));
  if (!codes.includes(current) && periodKind(current)) codes.push(current);
  return codes.sort((a, b) => start(b) - start(a));
}

/**
 * The period of another kind that holds the same day: the last day of `period`, or today when
 * that is later (switching 2026 to months while in 2026 gives this month, not December).
 * @example switchKind('2026-11', 'quarter', '2026-12-07') // '2026-Q4'
 */
export function switchKind(period: string, kind: PeriodKind, today: string): string {
  const last = periodKind(period) ? parsePeriod(period, '+00:00').last_day : today;
  return periodOf(last < today ? last : today, kind);
}

/**
 * A period's name: 2026年11月 / Nov 2026, 2026年第4季度 / 2026 Q4, 2026年 / 2026, 2026年第47周 / 2026 W47.
 * @example periodLabel('2026-Q4', 'zh-CN') // '2026年第4季度'
 */
export function periodLabel(code: string, lang: Lang): string {
  const kind = periodKind(code);
  const year = code.slice(0, 4);
  if (kind === 'month') {
    const m = Number(code.slice(5, 7));
    return lang === 'en' ? `${MONTHS[m - 1]} ${year}` : `${year}年${m}月`;
  }
  if (kind === 'quarter') return lang === 'en' ? `${year} Q${code.slice(6)}` : `${year}年第${code.slice(6)}季度`;
  if (kind === 'week') return lang === 'en' ? `${year} W${code.slice(6)}` : `${year}年第${Number(code.slice(6))}周`;
  return lang === 'en' ? year : `${year}年`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function start(code: string): number {
  return parsePeriod(code, '+00:00').start;
}
