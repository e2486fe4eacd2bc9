/** The left panel's numbers: the total with its change, and the daily chart. */
import type { UnitStats } from '../api/index.ts';
import { changeText, seriesPath } from './chart.ts';
import { $ } from './controls.ts';
import { t, type Lang } from './i18n.ts';
import { rankRows, renderRanking } from './ranking.ts';
import type { ViewData } from './wall-state.ts';

/**
 * The panels' numbers for a view: total, daily chart, the densest grids (hot spots marked) and
 * streets (when the city loaded streets).
 * @param onPick called with a grid id when its row is clicked
 * @example renderSummary(view, data.hot, 'zh-CN', pick)
 */
export function renderSummary(view: ViewData, hot: ReadonlySet<string>, lang: Lang, onPick: (id: string) => void): void {
  renderTotals(view.stats.total, view.stats.outside, view.gridUnits, lang);
  renderDaily(view.gridUnits);
  renderRanking($('top-grids') as HTMLOListElement, rankRows(view.gridUnits.units, 10, hot), t(lang, 'noReports'), onPick);
  // Without streets loaded each grid would be its own street: the ranking would repeat the grids.
  $('rank-streets-section').hidden = view.streets === null;
  if (view.streets) renderRanking($('top-streets') as HTMLOListElement, rankRows(view.streets.units, 10), t(lang, 'noReports'));
}

/**
 * The total of the view (plain digits: tests and screen readers read it as a number), against
 * the previous window, and the reports outside every grid.
 * @example renderTotals(1234, 5, gridUnits, 'zh-CN')
 */
export function renderTotals(total: number, outside: number, s: UnitStats, lang: Lang): void {
  $('total-count').textContent = String(total);
  const c = changeText(s.change);
  const compare = $('compare');
  compare.className = `compare ${c.dir}`;
  compare.textContent = `${t(lang, 'previous')} ${s.previous_total} · ${c.arrow} ${c.text}`;
  $('outside').textContent = outside > 0 ? (lang === 'en' ? `${outside} outside every grid` : `其中 ${outside} 件不在任何网格内`) : '';
}

/**
 * The daily series of the view as a line, with its first day, maximum and last day.
 * @example renderDaily(gridUnits)
 */
export function renderDaily(s: UnitStats): void {
  const values = s.series?.total ?? [];
  const svg = $('daily-chart');
  const max = Math.max(0, ...values);
  svg.innerHTML = values.length ? `<path class="series" d="${seriesPath(values, { width: 320, height: 90 })}" />` : '';
  svg.dataset.points = String(values.length);
  const starts = s.series?.starts ?? [];
  $('daily-first').textContent = starts[0]?.slice(0, 10) ?? '';
  $('daily-max').textContent = values.length ? `max ${max}` : '';
  $('daily-last').textContent = starts.at(-1)?.slice(0, 10) ?? '';
}
