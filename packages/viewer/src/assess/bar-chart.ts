/**
 * The score chart (pure geometry, drawn as plain SVG by the page): one horizontal bar per unit
 * in rank order, its length the score out of 100, its colour the unit's grade.
 */
import type { AssessedUnit } from '../api/index.ts';
import { rankOrder } from './assess-rows.ts';

/** One bar, in SVG user units. */
export interface Bar {
  id: string;
  name: string;
  /** Top of the bar. */
  y: number;
  /** Length (0 for a unit without a score). */
  width: number;
  /** `87.5`, or `—`. */
  label: string;
  grade: string;
}

/** Layout of the chart. */
export interface BarLayout {
  /** Width of the bar area (the names sit left of it, the scores right). @default 360 */
  width?: number;
  /** Height of one bar's row. @default 18 */
  row?: number;
  /** At most this many bars (a district's 200 grids do not fit a chart). @default 30 */
  max?: number;
}

const DEFAULTS = {
  width: 360, // leaves room for names and scores in a 640-wide panel
  row: 18, // 12 px text with a 6 px gap
  max: 30, // ~540 px tall at most
} satisfies Required<BarLayout>;

/**
 * The bars of the first `max` units in rank order; scores are out of 100 (clamped).
 * @returns the bars, the chart's height, and how many units were left out
 * @example scoreBars([{ id: 'a', name: 'A', score: 50, grade: 'D', rank: 1 }], { width: 100 }).bars[0].width // 50
 */
export function scoreBars(
  units: readonly Pick<AssessedUnit, 'id' | 'name' | 'score' | 'grade' | 'rank'>[],
  layout: BarLayout = {},
): { bars: Bar[]; height: number; omitted: number } {
  const { width, row, max } = { ...DEFAULTS, ...layout };
  const shown = rankOrder(units).slice(0, max);
  const bars = shown.map((u, i) => ({
    id: u.id,
    name: u.name,
    y: i * row,
    width: u.score === null ? 0 : (Math.max(0, Math.min(100, u.score)) / 100) * width,
    label: u.score === null ? '—' : u.score.toFixed(1),
    grade: u.grade ?? '',
  }));
  return { bars, height: shown.length * row, omitted: units.length - shown.length };
}
