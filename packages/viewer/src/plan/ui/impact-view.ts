/** The impact section: summary line and the largest from → to moves. */
import { impactRows, impactSummary } from '../impact-rows.ts';
import type { ImpactMatrix } from '../../api/index.ts';

/** Shows an impact answer. */
export function renderImpact(el: HTMLElement, matrix: ImpactMatrix, names: ReadonlyMap<string, string>): void {
  const summary = Object.assign(document.createElement('p'), { className: 'impact-summary', textContent: impactSummary(matrix) });
  summary.dataset.total = String(matrix.total);
  summary.dataset.moved = String(matrix.moved);
  summary.dataset.testid = 'impact-summary';
  const rows = impactRows(matrix, names);
  const table = document.createElement('table');
  table.className = 'impact-table';
  if (rows.length) {
    const head = table.createTHead().insertRow();
    for (const h of ['原网格', '新网格', '件数']) head.appendChild(Object.assign(document.createElement('th'), { textContent: h }));
    const body = table.createTBody();
    for (const r of rows) {
      const tr = body.insertRow();
      for (const v of [r.from, r.to, String(r.count)]) tr.insertCell().textContent = v;
    }
  }
  el.replaceChildren(summary, ...(rows.length ? [table] : []));
}
