/** Draws the score bars (bar-chart.ts) into the page's `<svg data-testid="assess-chart">`. */
import type { AssessedUnit } from '../api/index.ts';
import { scoreBars } from './bar-chart.ts';
import { svg } from './dom.ts';

// Room for a unit's name left of the bars and its score right of them, SVG user units.
const NAME_W = 150;
const BAR_W = 360;
const SCORE_W = 50;

/**
 * Replaces the chart's content with one bar per unit (the first 30 in rank order).
 * @param onPick called with a bar's unit id when it is clicked
 */
export function renderChart(chart: SVGSVGElement, units: readonly AssessedUnit[], onPick: (id: string) => void): void {
  const { bars, height } = scoreBars(units, { width: BAR_W });
  chart.setAttribute('viewBox', `0 0 ${NAME_W + BAR_W + SCORE_W} ${Math.max(height, 18)}`);
  chart.setAttribute('height', String(Math.max(height, 18)));
  chart.replaceChildren(
    ...bars.map((b) => {
      const g = svg('g', { class: `bar grade-${b.grade || 'none'}`, 'data-unit-id': b.id });
      const name = svg('text', { x: NAME_W - 6, y: b.y + 13, 'text-anchor': 'end', class: 'name' });
      name.textContent = b.name;
      const score = svg('text', { x: NAME_W + b.width + 4, y: b.y + 13, class: 'score' });
      score.textContent = b.label;
      const title = svg('title');
      title.textContent = `${b.name} ${b.label} ${b.grade}`;
      g.append(title, name, svg('rect', { x: NAME_W, y: b.y + 3, width: b.width.toFixed(1), height: 12 }), score);
      g.addEventListener('click', () => onPick(b.id));
      return g;
    }),
  );
}
