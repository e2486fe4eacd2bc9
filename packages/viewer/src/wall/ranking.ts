/** The ranking panel: top units by density with their change against the previous window. */
import type { StatsUnit } from '../api/index.ts';
import { changeText } from './chart.ts';

/** One row of a ranking list. */
export interface RankRow {
  id: string;
  rank: number;
  name: string;
  count: number;
  per_km2: number;
  arrow: string;
  change: string;
  dir: 'up' | 'down' | 'flat' | 'new';
  hot: boolean;
}

/**
 * The first `n` units with reports, densest first (the server's rank order), with arrows.
 * @param hot ids of Gi* hot spots (≥ 90 %), flagged on their rows
 */
export function rankRows(units: readonly StatsUnit[], n = 10, hot: ReadonlySet<string> = new Set()): RankRow[] {
  return [...units]
    .filter((u) => u.count > 0)
    .sort((a, b) => a.rank - b.rank || b.per_km2 - a.per_km2)
    .slice(0, n)
    .map((u) => {
      const c = changeText(u.change);
      return {
        id: u.id,
        rank: u.rank,
        name: u.name,
        count: u.count,
        per_km2: u.per_km2,
        arrow: c.arrow,
        change: c.text,
        dir: c.dir,
        hot: hot.has(u.id),
      };
    });
}

/** Fills an `<ol>` with rank rows; `onPick(id)` on click. */
export function renderRanking(list: HTMLOListElement, rows: readonly RankRow[], empty: string, onPick?: (id: string) => void): void {
  list.replaceChildren(
    ...rows.map((r) => {
      const li = document.createElement('li');
      li.dataset.gridId = r.id;
      li.dataset.count = String(r.count);
      if (r.hot) li.classList.add('hot');
      const cell = (cls: string, text: string) => Object.assign(document.createElement('span'), { className: cls, textContent: text });
      li.append(
        cell('name', r.name),
        cell('density', r.per_km2 < 10 ? r.per_km2.toFixed(1) : String(Math.round(r.per_km2))),
        cell(`change ${r.dir}`, `${r.arrow} ${r.change}`),
      );
      if (onPick) li.addEventListener('click', () => onPick(r.id));
      return li;
    }),
  );
  if (!rows.length) list.append(Object.assign(document.createElement('li'), { className: 'empty', textContent: empty }));
}
