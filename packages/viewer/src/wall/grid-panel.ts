/** The grid panel: a clicked grid's attributes (五定), its categories and trend for the filter. */
import type { Api, Filter, GridFeature, Meta } from '../api/index.ts';
import { changeText, seriesPath } from './chart.ts';
import { $ } from './controls.ts';
import { fiveFixRows } from './five-fixes.ts';
import { t, type Lang } from './i18n.ts';


/** Opens the panel on a grid; the last grid asked wins over answers still on their way. */
export class GridPanel {
  #requests = 0;

  /** @example const panel = new GridPanel(api); await panel.open(grid, filter, meta, 'zh-CN'); */
  constructor(private readonly api: Api) {
    $('grid-close').addEventListener('click', () => ($('grid-panel').hidden = true));
  }

  /** Shows the grid's attributes at once, then its statistics for `filter` once counted. */
  async open(grid: GridFeature, filter: Filter, meta: Meta, lang: Lang): Promise<void> {
    const p = grid.properties;
    const panel = $('grid-panel');
    panel.hidden = false;
    panel.dataset.gridId = p.id;
    $('grid-name').textContent = p.name || p.id;
    const attrs: [string, string][] = [
      [t(lang, 'code'), String(p.code ?? p.id)],
      [t(lang, 'parent'), [p.town, p.parent].filter(Boolean).join(' · ')],
      [t(lang, 'area'), (p.area_m2 / 1e6).toFixed(2)],
    ];
    attrs.push(...fiveFixRows(p));
    $('grid-attrs').replaceChildren(...attrs.flatMap(([k, v]) => [Object.assign(document.createElement('dt'), { textContent: k }), Object.assign(document.createElement('dd'), { textContent: v })]));
    // Counted by the server: a busy grid has tens of thousands of reports a year.
    const asked = ++this.#requests;
    const stats = await this.api.categories(filter, p.id, 'grid', 'day');
    if (asked !== this.#requests) return; // another click (or the same grid again) came meanwhile
    const change = changeText(stats.change);
    $('grid-attrs').append(
      Object.assign(document.createElement('dt'), { textContent: t(lang, 'total') }),
      Object.assign(document.createElement('dd'), { textContent: `${stats.total} · ${t(lang, 'previous')} ${stats.previous_total} ${change.arrow} ${change.text}` }),
    );
    const list = $('grid-categories');
    list.replaceChildren(
      ...stats.categories
        .filter((c) => c.count > 0)
        .map((c) => {
          const name = lang === 'en' ? meta.categories.find((m) => m.code === c.code)?.en || c.name : c.name;
          const { arrow } = changeText(c.change);
          return Object.assign(document.createElement('li'), { textContent: `${name}（${c.code}） ${c.count} ${arrow}`, title: `${t(lang, 'previous')} ${c.previous}` });
        }),
    );
    if (!list.children.length) list.append(Object.assign(document.createElement('li'), { textContent: t(lang, 'noReports') }));
    $('grid-trend').innerHTML = `<path class="series" d="${seriesPath(stats.series?.total ?? [], { width: 300, height: 60 })}" />`;
    panel.dataset.total = String(stats.total);
  }
}
