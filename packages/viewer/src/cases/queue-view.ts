/** The queue side of the desk: the filter selects, the tabs with their counts, the rows. */
import type { ServedCase } from '../api/index.ts';
import { $, categoryLabel, el, type DeskContext } from './desk-context.ts';
import type { QueueFilter, QueueTab } from './queue.ts';
import { dt } from './strings.ts';
import { formatTimeLeft, timeLeftNow } from './time-left.ts';
import { departmentLabel, stageLabel } from './workflow.ts';

/** Fills the stage and department selects in the desk's language, keeping what is selected. */
export function fillFilters(ctx: DeskContext): void {
  const fill = (sel: HTMLSelectElement, first: string, options: [string, string][]) => {
    const keep = sel.value;
    sel.replaceChildren(
      ...[['', first], ...options].map(([value, label]) => Object.assign(document.createElement('option'), { value, textContent: label })),
    );
    sel.value = keep;
  };
  fill(
    $('f-stage'),
    dt(ctx.lang, 'allStages'),
    ctx.workflow.stages.map((s) => [s.code, stageLabel(ctx.workflow, s.code, ctx.lang)]),
  );
  fill(
    $('f-department'),
    dt(ctx.lang, 'allDepartments'),
    ctx.departments.map((d) => [d.code, departmentLabel(ctx.departments, d.code, ctx.lang)]),
  );
}

/** What the filter inputs ask for. */
export function readFilter(): QueueFilter {
  return {
    stage: $<HTMLSelectElement>('f-stage').value,
    department: $<HTMLSelectElement>('f-department').value,
    grid: $<HTMLInputElement>('f-grid').value.trim(),
    overdue: $<HTMLInputElement>('f-overdue').checked,
  };
}

/** Draws the tabs (`mine` and the stages) with their counts; `onTab` on a click. */
export function renderTabs(
  counts: readonly [QueueTab, number][],
  active: QueueTab,
  ctx: DeskContext,
  onTab: (tab: QueueTab) => void,
): void {
  $('tabs').replaceChildren(
    ...counts.map(([tab, n]) => {
      const b = el(
        'button',
        tab === active ? 'tab active' : 'tab',
        `${tab === 'mine' ? dt(ctx.lang, 'mine') : stageLabel(ctx.workflow, tab, ctx.lang)} ${n}`,
      );
      Object.assign(b, { type: 'button' });
      b.setAttribute('role', 'tab');
      b.setAttribute('aria-selected', String(tab === active));
      b.dataset.testid = `cases-tab-${tab}`;
      b.addEventListener('click', () => onTab(tab));
      return b;
    }),
  );
}

/**
 * Draws the rows of a tab: id, category, stage, time left (red when overdue), grid and
 * department. `receivedAt`: when the list came (Date.now()), to count the time left down.
 */
export function renderQueue(
  cases: readonly ServedCase[],
  selected: number,
  receivedAt: number,
  ctx: DeskContext,
  onOpen: (index: number) => void,
): void {
  const now = Date.now();
  const rows = cases.map((c, i) => {
    const li = el('li', `row${i === selected ? ' selected' : ''}${c.overdue ? ' overdue' : ''}`);
    Object.assign(li.dataset, { testid: 'case-row', caseId: c.id, stage: c.stage, overdue: String(c.overdue) });
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', String(i === selected));
    const left = timeLeftNow(c.time_left_ms, receivedAt, now);
    li.append(
      el('span', 'id', c.id),
      el('span', 'cat', categoryLabel(ctx, c.category)),
      el('span', 'stage', stageLabel(ctx.workflow, c.stage, ctx.lang)),
      el('span', `left${c.overdue || (left !== null && left < 0) ? ' overdue' : ''}`, formatTimeLeft(left, ctx.lang)),
      el('span', 'where', [c.grid_id, departmentLabel(ctx.departments, c.department, ctx.lang)].filter(Boolean).join(' · ')),
    );
    li.addEventListener('click', () => onOpen(i));
    return li;
  });
  $('queue').replaceChildren(...(rows.length ? rows : [el('li', 'empty', dt(ctx.lang, 'noCases'))]));
  $('queue').querySelector('.selected')?.scrollIntoView({ block: 'nearest' });
}
