/**
 * The ranked table (`[data-testid=assess-table]`): a row per unit, focusable; a click, Enter or
 * Space on a row opens its drill-down.
 */
import type { Lang } from '../wall/i18n.ts';
import type { AssessRow } from './assess-rows.ts';
import { el } from './dom.ts';
import { at, indicatorLabel } from './strings.ts';

/**
 * Draws the rows under the table's header (rank, unit, score, grade, change, indicators, flags).
 * @param selected the unit drilled into, marked
 * @param onPick called with a row's unit id when it is picked
 */
export function renderTable(
  table: HTMLTableElement,
  rows: readonly AssessRow[],
  columns: readonly string[],
  lang: Lang,
  selected: string | null,
  onPick: (id: string) => void,
): void {
  const head = el('tr');
  for (const key of ['rank', 'unit', 'score', 'grade', 'change']) head.append(th(at(lang, key)));
  for (const name of columns) head.append(th(indicatorLabel(lang, name)));
  head.append(th(at(lang, 'flags')));
  table.tHead?.remove();
  table.createTHead().append(head);
  const body = el('tbody');
  body.append(...rows.map((r) => rowOf(r, selected === r.id, onPick)));
  for (const old of [...table.tBodies]) old.remove();
  table.append(body);
}

function rowOf(r: AssessRow, selected: boolean, onPick: (id: string) => void): HTMLTableRowElement {
  const tr = el('tr', selected ? 'selected' : '');
  Object.assign(tr.dataset, { testid: 'assess-row', unitId: r.id, rank: r.rank, grade: r.grade });
  tr.tabIndex = 0;
  tr.setAttribute('aria-selected', String(selected));
  const change = el('td', `change ${r.change.dir}`, r.change.by ? `${r.change.arrow}${r.change.by}` : r.change.arrow);
  change.title = r.change.title;
  const grade = el('td', 'grade');
  if (r.grade) grade.append(el('span', `grade-badge grade-${r.grade}`, r.grade));
  tr.append(el('td', 'rank', r.rank), el('th', 'unit', r.name), el('td', 'score', r.score), grade, change);
  for (const c of r.cells) {
    const td = el('td', c.na ? 'ind na' : 'ind', c.text);
    td.dataset.indicator = c.name;
    td.title = c.title;
    if (c.counts) td.append(el('small', '', c.counts));
    tr.append(td);
  }
  const flags = el('td', 'flags');
  for (const f of r.flags) {
    const badge = el('span', `flag flag-${f.code}`, f.text);
    badge.dataset.flag = f.code;
    flags.append(badge);
  }
  tr.append(flags);
  tr.addEventListener('click', () => onPick(r.id));
  tr.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    onPick(r.id);
  });
  return tr;
}

function th(text: string): HTMLTableCellElement {
  const cell = el('th', '', text);
  cell.scope = 'col';
  return cell;
}
