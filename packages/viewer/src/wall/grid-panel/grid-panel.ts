/** The grid panel: a clicked grid's attributes (五定) and team, its categories and trend for the filter. */
import type { TeamRole } from '@citygrid/core';
import type { Api, Filter, GridFeature, Meta } from '../../api/index.ts';
import { changeText, seriesPath } from '../chart.ts';
import { $ } from '../controls.ts';
import { fiveFixRows } from './five-fixes.ts';
import { teamLines, type TeamLine } from './grid-team.ts';
import { t, type Lang } from '../i18n.ts';

const STAFF = '定人员';
// The 五定 terms after 定人员: a team block is put before the first of them the panel shows.
const AFTER_STAFF = ['定职责', '定任务', '定奖惩'];

/** Opens the panel on a grid; the last grid asked wins over answers still on their way. */
export class GridPanel {
  #requests = 0;
  #roles: Promise<TeamRole[]> | null = null;

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
    $('grid-attrs').replaceChildren(
      ...attrs.flatMap(([k, v]) => [
        Object.assign(document.createElement('dt'), { textContent: k }),
        Object.assign(document.createElement('dd'), { textContent: v }),
      ]),
    );
    // Counted by the server: a busy grid has tens of thousands of reports a year.
    const asked = ++this.#requests;
    // The team comes on its own (it never fails: see #team) and finds its place whenever it lands.
    void this.#team(p.id, lang).then((lines) => {
      if (asked === this.#requests && lines.length) showTeam(lines, t(lang, 'total'));
    });
    const stats = await this.api.categories(filter, p.id, 'grid', 'day');
    if (asked !== this.#requests) return; // another click (or the same grid again) came meanwhile
    const change = changeText(stats.change);
    $('grid-attrs').append(
      Object.assign(document.createElement('dt'), { textContent: t(lang, 'total') }),
      Object.assign(document.createElement('dd'), {
        textContent: `${stats.total} · ${t(lang, 'previous')} ${stats.previous_total} ${change.arrow} ${change.text}`,
      }),
    );
    const list = $('grid-categories');
    list.replaceChildren(
      ...stats.categories
        .filter((c) => c.count > 0)
        .map((c) => {
          const name = lang === 'en' ? meta.categories.find((m) => m.code === c.code)?.en || c.name : c.name;
          const { arrow } = changeText(c.change);
          return Object.assign(document.createElement('li'), {
            textContent: `${name}（${c.code}） ${c.count} ${arrow}`,
            title: `${t(lang, 'previous')} ${c.previous}`,
          });
        }),
    );
    if (!list.children.length) list.append(Object.assign(document.createElement('li'), { textContent: t(lang, 'noReports') }));
    $('grid-trend').innerHTML = `<path class="series" d="${seriesPath(stats.series?.total ?? [], { width: 300, height: 60 })}" />`;
    panel.dataset.total = String(stats.total);
  }

  /**
   * The grid's team, grouped by role; none when the server keeps no people for it, or does not
   * let this page read them (401/403 with access control on and no viewer key; 404 from a
   * server without people): the panel then shows no team rather than an error.
   */
  async #team(gridId: string, lang: Lang): Promise<TeamLine[]> {
    const [answer, roles] = await Promise.all([this.api.people({ grid: gridId }).catch(() => null), this.#teamRoles()]);
    return answer ? teamLines(answer.people, roles, lang) : [];
  }

  /** The profile's team roles, read once (codes are shown when the catalogue cannot be read). */
  #teamRoles(): Promise<TeamRole[]> {
    this.#roles ??= this.api.catalogue().then(
      (c) => c.team_roles ?? [],
      () => {
        this.#roles = null;
        return [];
      },
    );
    return this.#roles;
  }
}

/**
 * Puts the team under 定人员: into the row an import's attributes gave it, else into a row of
 * its own placed in the 五定 order (before 定职责 … and the report total).
 */
function showTeam(lines: readonly TeamLine[], totalLabel: string): void {
  const attrs = $('grid-attrs');
  const block = lines.map(({ role, names }) => {
    const line = Object.assign(document.createElement('div'), { className: 'team' });
    line.append(Object.assign(document.createElement('span'), { className: 'role', textContent: role }), ` ${names.join('、')}`);
    return line;
  });
  const terms = [...attrs.querySelectorAll('dt')];
  const staff = terms.find((dt) => dt.textContent === STAFF);
  if (staff?.nextElementSibling) {
    staff.nextElementSibling.append(...block);
    return;
  }
  const dd = document.createElement('dd');
  dd.append(...block);
  const next = terms.find((dt) => AFTER_STAFF.includes(dt.textContent ?? '') || dt.textContent === totalLabel);
  const pair = [Object.assign(document.createElement('dt'), { textContent: STAFF }), dd];
  if (next) next.before(...pair);
  else attrs.append(...pair);
}
