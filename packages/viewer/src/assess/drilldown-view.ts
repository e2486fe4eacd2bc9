/** The drill-down panel (`[data-testid=assess-drilldown]`): one unit's indicators and the cases behind them. */
import type { AssessmentExplain } from '../api/index.ts';
import type { Lang } from '../wall/i18n.ts';
import { $, el } from './dom.ts';
import { drillRows, type CaseList } from './drilldown-rows.ts';
import { at } from './strings.ts';

/**
 * Shows an explained unit: per indicator its value, then its numerator's and denominator's
 * cases as links to the desk. The unit's name is the table's (the one the user picked).
 * @example renderDrilldown({ id: 'HB-1-1', name: '新城一网格一' }, await api.explainUnit('grid', 'HB-1-1', '2026-11'), 'zh-CN')
 */
export function renderDrilldown(unit: { id: string; name: string }, explain: Pick<AssessmentExplain, 'indicators'>, lang: Lang): void {
  const panel = $('drilldown');
  panel.hidden = false;
  panel.dataset.unitId = unit.id;
  $('drill-title').textContent = `${unit.name} · ${at(lang, 'drilldown')}`;
  $('drill-body').replaceChildren(
    ...drillRows(explain, lang).map((r) => {
      const section = el('section', 'drill-indicator');
      section.dataset.indicator = r.name;
      section.append(el('h3', '', `${r.label} ${r.value}`), countLine(at(lang, 'numerator'), r.numerator, lang, 'numerator'));
      section.append(countLine(at(lang, 'denominator'), r.denominator, lang, 'denominator'));
      return section;
    }),
  );
}

/** Hides the drill-down. */
export function closeDrilldown(): void {
  $('drilldown').hidden = true;
  delete $('drilldown').dataset.unitId;
}

function countLine(name: string, list: CaseList, lang: Lang, part: string): HTMLParagraphElement {
  const p = el('p', `cases ${part}`, `${name} ${list.count}: `);
  if (!list.cases.length) p.append(el('span', 'none', at(lang, 'noCases')));
  for (const c of list.cases) {
    const a = el('a', 'case', c.id);
    a.href = c.href;
    p.append(a, ' ');
  }
  if (list.more) p.append(el('span', 'more', `+${list.more}`));
  return p;
}
