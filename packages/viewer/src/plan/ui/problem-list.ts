/** The side list of coverage problems: one row each, click to zoom to it. */
import type { CoverageProblem } from '@citygrid/core';
import { problemRow } from '../problem-text.ts';

/**
 * Fills the list; an empty check shows a single "no problems" row.
 * @param names grid id → name
 * @param onPick called with the problem's index when its row is clicked
 */
export function renderProblems(
  list: HTMLOListElement,
  problems: readonly CoverageProblem[],
  names: ReadonlyMap<string, string>,
  onPick: (index: number) => void,
): void {
  if (!problems.length) {
    const li = Object.assign(document.createElement('li'), { className: 'ok', textContent: '无空隙、重叠或狭缝 ✓' });
    list.replaceChildren(li);
    return;
  }
  list.replaceChildren(
    ...problems.map((p, i) => {
      const li = document.createElement('li');
      li.dataset.kind = p.kind;
      li.dataset.testid = 'problem';
      if (p.area_m2 !== undefined) li.dataset.areaM2 = String(p.area_m2);
      li.textContent = problemRow(p, names);
      li.title = '点击定位';
      li.addEventListener('click', () => onPick(i));
      return li;
    }),
  );
}
