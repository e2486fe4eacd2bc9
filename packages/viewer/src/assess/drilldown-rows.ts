/**
 * One unit's drill-down as rows (pure): per indicator its value and the case ids behind its
 * numerator and its denominator, each linked to the case on the desk.
 */
import type { AssessmentExplain } from '../api/index.ts';
import type { Lang } from '../wall/i18n.ts';
import { indicatorCell } from './assess-rows.ts';
import { indicatorLabel } from './strings.ts';

/** Case links shown per count before "+N more": a closure rate over 5,000 cases stays readable. */
export const SHOWN_CASES = 100;

/** A list of cases behind one count. */
export interface CaseList {
  count: number;
  /** The first {@link SHOWN_CASES}, each with its link on the desk. */
  cases: { id: string; href: string }[];
  /** How many more there are. */
  more: number;
}

/** One indicator of the drill-down. */
export interface DrillRow {
  name: string;
  label: string;
  value: string;
  numerator: CaseList;
  denominator: CaseList;
}

/**
 * The drill-down rows of an explained unit, in the server's indicator order.
 * @example drillRows(explain, 'zh-CN')[0].numerator.cases[0].href // 'cases#c-1'
 */
export function drillRows(explain: Pick<AssessmentExplain, 'indicators'>, lang: Lang): DrillRow[] {
  return Object.entries(explain.indicators).map(([name, v]) => ({
    name,
    label: indicatorLabel(lang, name),
    value: indicatorCell(name, v, lang).text,
    numerator: caseList(v.numerator_cases, v.numerator),
    denominator: caseList(v.denominator_cases, v.denominator),
  }));
}

/**
 * The link to a case on the desk, which opens the case its address names after `#`.
 * @example caseHref('c 1') // 'cases#c%201'
 */
export function caseHref(id: string): string {
  return `cases#${encodeURIComponent(id)}`;
}

function caseList(ids: readonly string[], count: number): CaseList {
  const cases = ids.slice(0, SHOWN_CASES).map((id) => ({ id, href: caseHref(id) }));
  return { count, cases, more: Math.max(0, ids.length - cases.length) };
}
