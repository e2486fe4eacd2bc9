/**
 * The case funnel (pure): open cases per stage in the workflow's order, each bar's width its
 * share of the fullest stage, overdue counted beside it.
 */
import type { StageCounts } from '../../api/index.ts';
import type { Lang } from '../i18n.ts';

/** One stage of the funnel. */
export interface FunnelRow {
  stage: string;
  label: string;
  count: number;
  overdue: number;
  /** Bar width, 0–100 % of the fullest stage (a stage with cases gets at least 2 %, to be seen). */
  width: number;
}

/**
 * The funnel's rows, in the server's (the workflow's) stage order.
 * @example funnelRows({ at, total: 4, stages: [{ stage: 'reported', name: '上报', en: 'Reported', count: 4, overdue: 1 }] }, 'en')[0].width // 100
 */
export function funnelRows(counts: StageCounts, lang: Lang): FunnelRow[] {
  const max = Math.max(0, ...counts.stages.map((s) => s.count));
  return counts.stages.map((s) => ({
    stage: s.stage,
    label: lang === 'en' ? s.en : s.name,
    count: s.count,
    overdue: s.overdue,
    width: max && s.count ? Math.max(2, Math.round((s.count / max) * 1000) / 10) : 0,
  }));
}
