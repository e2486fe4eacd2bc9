/** The risk layer's legend: the period, each colour level with its patrol frequency and grid count. */
import type { RiskAnswer, RiskLevelInfo } from '../../api/index.ts';

type Lang = 'zh-CN' | 'en';

/**
 * How often a level's grids are patrolled, in words.
 * @example patrolText(1, 'zh-CN') // '每日巡查'
 * @example patrolText(3, 'en') // 'patrol every 3 days'
 */
export function patrolText(days: number, lang: Lang): string {
  if (lang === 'en') return days === 1 ? 'patrol daily' : days === 7 ? 'patrol weekly' : `patrol every ${days} days`;
  return days === 1 ? '每日巡查' : days === 7 ? '每周巡查' : `每${days}天巡查`;
}

/**
 * Draws the legend into `root` (its content replaced); `root.dataset` carries the period and
 * the number of grids coloured, for tests and for the wall's status.
 * @example renderRiskLegend($('risk-legend'), await api.risk('2026-11'), 'zh-CN')
 */
export function renderRiskLegend(root: HTMLElement, answer: RiskAnswer, lang: Lang): void {
  const en = lang === 'en';
  const title = Object.assign(document.createElement('h2'), {
    textContent: `${en ? 'Risk level' : '风险等级'} · ${answer.period}`,
  });
  const list = document.createElement('ul');
  list.className = 'classes';
  for (const level of answer.levels) list.append(row(level, answer.grids.filter((g) => g.level === level.code).length, lang));
  root.dataset.period = answer.period;
  root.dataset.grids = String(answer.grids.length);
  root.replaceChildren(title, list);
}

function row(level: RiskLevelInfo, count: number, lang: Lang): HTMLLIElement {
  const li = document.createElement('li');
  li.dataset.level = level.code;
  li.dataset.count = String(count);
  const swatch = Object.assign(document.createElement('span'), { className: 'swatch' });
  swatch.style.background = level.color;
  const name = lang === 'en' ? level.en : level.name;
  li.append(
    swatch,
    Object.assign(document.createElement('span'), { textContent: `${name} · ${patrolText(level.patrol_every_days, lang)}` }),
    Object.assign(document.createElement('span'), { className: 'count', textContent: String(count) }),
  );
  return li;
}
