/** The statistics panel: total for the filter and the grids with most reports. */
import type { GridStat, GridStats } from '../api/index.ts';

/** The `n` grids with most reports (ties: denser first, then by name), zero-count grids left out. */
export function topGrids(stats: Pick<GridStats, 'grids'>, n = 10): GridStat[] {
  return stats.grids
    .filter((g) => g.count > 0)
    .sort((a, b) => b.count - a.count || b.per_km2 - a.per_km2 || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, n);
}

/** `1234.5` → `1235` (plain digits, like the counts beside it); under 10 one decimal (`3.2`). */
export function formatDensity(perKm2: number): string {
  return perKm2 < 10 ? perKm2.toFixed(1) : String(Math.round(perKm2));
}

/** Elements of the panel, already in the page. */
export interface PanelElements {
  total: HTMLElement;
  outside: HTMLElement;
  top: HTMLOListElement;
}

/**
 * Shows the total (plain digits: tests and screen readers read it as a number) and the top list.
 * @param onPick called with a grid id when its row is clicked
 */
export function renderPanel(els: PanelElements, stats: GridStats, onPick: (id: string) => void): void {
  els.total.textContent = String(stats.total);
  els.outside.textContent = stats.outside > 0 ? `其中 ${stats.outside} 件不在任何网格内` : '';
  els.top.replaceChildren(
    ...topGrids(stats).map((g) => {
      const li = document.createElement('li');
      li.dataset.gridId = g.id;
      li.title = `${g.name}：${g.count} 件，${formatDensity(g.per_km2)} 件/平方公里`;
      const name = Object.assign(document.createElement('span'), { className: 'name', textContent: g.name });
      const count = Object.assign(document.createElement('span'), { className: 'count', textContent: String(g.count) });
      const density = Object.assign(document.createElement('span'), {
        className: 'density',
        textContent: formatDensity(g.per_km2),
      });
      li.append(name, count, density);
      li.addEventListener('click', () => onPick(g.id));
      return li;
    }),
  );
  if (!els.top.children.length) {
    els.top.append(Object.assign(document.createElement('li'), { className: 'empty', textContent: '该条件下无上报' }));
  }
}
