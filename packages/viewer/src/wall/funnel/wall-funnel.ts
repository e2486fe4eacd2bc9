/**
 * The wall's case funnel and department ranking panels (issue 16): counts of open cases per
 * stage (GET /api/cases-by-stage) and this month's best and worst departments by assessment
 * score (GET /api/assessment?level=department). Both reload after live `case` events (poked by
 * the wall's cases, whose stream already hears them: no second EventSource); a panel
 * whose endpoint the server lacks (404) or refuses without a key (401, 403) stays hidden, and so
 * does its switch.
 */
import { isoDate, localDay, periodOf } from '@citygrid/core';
import { ApiError, type Api, type Assessment, type StageCounts } from '../../api/index.ts';
import { coalesce } from '../coalesce.ts';
import { $ } from '../controls.ts';
import { t, type Lang } from '../i18n.ts';
import { departmentRanking, type DepartmentRow } from './department-ranking.ts';
import { funnelRows } from './funnel-rows.ts';

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = '') =>
  Object.assign(document.createElement(tag), { className, textContent: text });

/** Loads and draws the two panels; `lang()` is the wall's language at drawing time. */
export class WallFunnel {
  #stages: StageCounts | null = null;
  #departments: Assessment | null = null;
  #timezone = '+08:00';
  #month = '';

  constructor(
    private readonly api: Api,
    private readonly lang: () => Lang,
  ) {
    for (const [box, panel] of [
      ['show-funnel', 'wall-funnel'],
      ['show-dept-rank', 'wall-department-ranking'],
    ] as const)
      $(box).addEventListener('change', () => ($(panel).hidden = !$<HTMLInputElement>(box).checked));
  }

  readonly #reload = coalesce(() => void this.#load().catch((e) => console.warn('funnel:', e)), { quietMs: 1000, maxMs: 5000 });

  /** First load; "this month" is the profile's timezone's. */
  async start(): Promise<void> {
    const profile = await this.api.profile().catch(() => null);
    if (profile) this.#timezone = profile.profile.timezone;
    await this.#load();
  }

  /** Cases changed (a live `case` event): reload once the burst settles. */
  poke(): void {
    this.#reload.poke();
  }

  /** Draws what is loaded (after a language switch too). */
  render(): void {
    const lang = this.lang();
    if (this.#stages) this.#renderFunnel(this.#stages, lang);
    if (this.#departments) this.#renderRanking(this.#departments, lang);
  }

  async #load(): Promise<void> {
    const month = periodOf(isoDate(localDay(Date.now(), this.#timezone)), 'month');
    const [stages, departments] = await Promise.all([
      this.api.caseStages().catch(absent),
      this.api.assessment('department', month).catch(absent),
    ]);
    this.#stages = stages;
    this.#departments = departments;
    this.#month = month;
    this.#show('funnel', 'wall-funnel', stages !== null);
    this.#show('dept-rank', 'wall-department-ranking', departments !== null);
    this.render();
  }

  #show(name: string, panel: string, available: boolean): void {
    $(`${name}-switch`).hidden = !available;
    $(panel).hidden = !available || !$<HTMLInputElement>(`show-${name}`).checked;
  }

  #renderFunnel(counts: StageCounts, lang: Lang): void {
    const panel = $('wall-funnel');
    panel.dataset.total = String(counts.total);
    $('funnel-total').textContent = String(counts.total);
    $('funnel-stages').replaceChildren(
      ...funnelRows(counts, lang).map((r) => {
        const li = el('li');
        Object.assign(li.dataset, { stage: r.stage, count: String(r.count) });
        const bar = el('span', 'bar');
        bar.style.width = `${r.width}%`; // CSSOM: allowed by the CSP's style-src
        const track = el('span', 'track');
        track.append(bar);
        li.append(
          el('span', 'name', r.label),
          track,
          el('span', 'count', String(r.count)),
          el('span', 'overdue', r.overdue ? `${t(lang, 'overdue')} ${r.overdue}` : ''),
        );
        return li;
      }),
    );
  }

  #renderRanking(answer: Assessment, lang: Lang): void {
    const { top, bottom } = departmentRanking(answer.units);
    $('dept-period').textContent = this.#month;
    $<HTMLAnchorElement>('dept-all').href = `assess?period=${this.#month}&level=department`;
    const fill = (id: string, rows: DepartmentRow[]) =>
      $(id).replaceChildren(
        ...rows.map((r) => {
          const li = el('li', r.failing ? 'failing' : '');
          Object.assign(li.dataset, { departmentId: r.id, rank: String(r.rank) });
          li.append(
            el('span', 'rank', String(r.rank)),
            el('span', 'name', r.name),
            el('span', `grade grade-${r.grade}`, r.grade),
            el('span', 'score', r.score),
            el('span', 'arrow', r.arrow),
          );
          return li;
        }),
      );
    fill('dept-top', top);
    fill('dept-bottom', bottom);
    $('dept-bottom-head').hidden = !bottom.length;
    if (!top.length) $('dept-top').append(el('li', 'empty', t(lang, 'noAssessment')));
  }
}

/** A server without the endpoint, or one that wants a key the wall lacks: the panel stays hidden. */
function absent(e: unknown): null {
  if (e instanceof ApiError && (e.status === 404 || e.unauthorised)) return null;
  throw e;
}
