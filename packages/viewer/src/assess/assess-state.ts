/**
 * What the page shows, kept in its address (`/assess?period=2026-Q4&level=street&unit=…`) so a
 * link reproduces the view: period, level, the unit drilled into, and the language.
 */
import { parsePeriod, periodOf, type Period } from '@citygrid/core';
import { ASSESS_LEVELS, type AssessLevel } from '../api/index.ts';
import type { Lang } from '../wall/i18n.ts';

/** The page's state. */
export interface AssessState {
  /** `2026-11`, `2026-Q4`, `2026` or `2026-W47`. */
  period: string;
  level: AssessLevel;
  /** The unit whose cases are shown, or null. */
  unit: string | null;
  lang: Lang;
}

/** The kinds of period the picker offers. */
export type PeriodKind = Period['kind'];

/**
 * The state an address asks for; what is missing or wrong falls back to the month holding
 * `today` (a local `YYYY-MM-DD`), grids and Chinese.
 * @example readAssessState('?period=2026-Q4&level=street', '2026-12-07').period // '2026-Q4'
 */
export function readAssessState(search: string, today: string): AssessState {
  const q = new URLSearchParams(search);
  const period = q.get('period') ?? '';
  const level = q.get('level') as AssessLevel;
  return {
    period: periodKind(period) ? period : periodOf(today, 'month'),
    level: ASSESS_LEVELS.includes(level) ? level : 'grid',
    unit: q.get('unit') || null,
    lang: q.get('lang') === 'en' ? 'en' : 'zh-CN',
  };
}

/**
 * The address query of a state; the default language is left out.
 * @example assessSearch({ period: '2026-11', level: 'grid', unit: null, lang: 'zh-CN' }) // '?period=2026-11&level=grid'
 */
export function assessSearch(state: AssessState): string {
  const q = new URLSearchParams({ period: state.period, level: state.level });
  if (state.unit) q.set('unit', state.unit);
  if (state.lang === 'en') q.set('lang', 'en');
  return `?${q}`;
}

/**
 * A period code's kind, or null when it is not one.
 * @example periodKind('2026-W47') // 'week'
 */
export function periodKind(code: string): PeriodKind | null {
  try {
    // The timezone only moves the instants, which are not wanted here.
    return parsePeriod(code, '+00:00').kind;
  } catch {
    return null;
  }
}
