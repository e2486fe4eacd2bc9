/**
 * The wall's case panel: open cases by stage with their counts (overdue in red), and a clicked
 * case's timeline with a link to it on the desk (`cases#<id>`).
 */
import type { Api } from '../../api/index.ts';
import { countByStage } from '../../cases/queue.ts';
import { timelineRows } from '../../cases/timeline.ts';
import { formatTimeLeft } from '../../cases/time-left.ts';
import { stageLabel } from '../../cases/workflow.ts';
import { stageColor } from '../../layers/cases/index.ts';
import { $ } from '../controls.ts';
import { t, type Lang } from '../i18n.ts';
import type { WallCaseData } from './wall-cases.ts';

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = '') =>
  Object.assign(document.createElement(tag), { className, textContent: text });

/** Shows the counts per open stage (`#case-summary`). */
export function renderCaseSummary(data: WallCaseData, lang: Lang): void {
  $('case-summary').hidden = false;
  $('case-layer-switch').hidden = false;
  const rows = countByStage(data.cases, data.stages);
  const total = rows.reduce((n, r) => n + r.count, 0);
  $('case-total').textContent = String(total);
  $('case-stages').replaceChildren(
    ...rows.map((r) => {
      const li = el('li');
      li.dataset.stage = r.stage;
      const swatch = el('i', 'swatch');
      const [red, green, blue] = Array.from(stageColor(r.stage, data.stages));
      swatch.style.background = `rgb(${red}, ${green}, ${blue})`; // CSSOM: allowed by the CSP's style-src
      li.append(
        swatch,
        el('span', 'name', stageLabel(data.workflow, r.stage, lang)),
        el('span', 'count', `${r.count}${data.more.has(r.stage) ? '+' : ''}`),
        el('span', 'overdue', r.overdue ? `${t(lang, 'overdue')} ${r.overdue}` : ''),
      );
      return li;
    }),
  );
}

/** Opens the case panel on a case: its stage and time left at once, its timeline once fetched. */
export async function openCasePanel(api: Api, id: string, data: WallCaseData, lang: Lang): Promise<void> {
  const c = data.cases.find((x) => x.id === id);
  if (!c) return;
  const panel = $('case-panel');
  panel.hidden = false;
  panel.dataset.caseId = id;
  $('case-panel-title').textContent = `${id} · ${stageLabel(data.workflow, c.stage, lang)}`;
  const left = $('case-panel-left');
  left.textContent = formatTimeLeft(c.time_left_ms, lang);
  left.classList.toggle('overdue', c.overdue);
  $<HTMLAnchorElement>('case-panel-link').href = `cases#${encodeURIComponent(id)}`;
  const list = $('case-panel-timeline');
  list.replaceChildren();
  // Without a key the server may refuse the history: the link to the desk stays.
  const detail = await api.caseDetail(id).catch(() => null);
  if (!detail || panel.dataset.caseId !== id) return;
  list.replaceChildren(...timelineRows(detail.events, data.workflow, [], lang).map((r) => el('li', '', `${r.when} ${r.what} · ${r.who}`)));
}
