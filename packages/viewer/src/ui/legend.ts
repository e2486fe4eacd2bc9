/** The fixed legend of the choropleth, and the heatmap's relative ramp. */
import { DENSITY_UNIT, densityLegend, type Rgba } from '../density-classes.ts';
import type { Color } from 'deck.gl';

/** `[r, g, b, a]` (0–255) → CSS `rgba()`. */
export function cssColor(c: Rgba | Color): string {
  const a = (c[3] ?? 255) / 255;
  return `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${Number(a.toFixed(3))})`;
}

/** Draws the legend into `root` (its content is replaced). */
export function renderLegend(
  root: HTMLElement,
  heatmapColors: readonly Color[],
  options: { lang?: 'zh-CN' | 'en'; domain?: [number, number] } = {},
): void {
  const en = options.lang === 'en';
  const title = Object.assign(document.createElement('h2'), {
    textContent: en ? 'Reports per km² by grid' : `网格上报密度（${DENSITY_UNIT}）`,
  });
  const list = document.createElement('ul');
  list.className = 'classes';
  for (const row of densityLegend()) {
    const li = document.createElement('li');
    li.dataset.class = String(row.index);
    const swatch = Object.assign(document.createElement('span'), { className: row.index === 0 ? 'swatch none' : 'swatch' });
    if (row.index > 0) swatch.style.background = cssColor(row.color);
    li.append(swatch, Object.assign(document.createElement('span'), { textContent: en && row.index === 0 ? 'no reports' : row.label }));
    list.append(li);
  }
  const heat = document.createElement('div');
  heat.className = 'heat';
  const ramp = Object.assign(document.createElement('span'), { className: 'ramp' });
  ramp.style.background = `linear-gradient(to right, ${heatmapColors.map(cssColor).join(', ')})`;
  // A fixed domain is in reports under one kernel (see HEATMAP_DOMAIN): absolute, the same every frame.
  const [lo, hi] = options.domain ?? [null, null];
  const low = lo === null ? (en ? 'Heat: relative, low' : '热力：相对密度 低') : en ? `Heat (fixed scale) ${lo}` : `热力（固定刻度）${lo}`;
  const high = hi === null ? (en ? 'high' : '高') : `≥ ${hi}`;
  heat.append(
    Object.assign(document.createElement('span'), { textContent: low }),
    ramp,
    Object.assign(document.createElement('span'), { textContent: high }),
  );
  root.replaceChildren(title, list, heat);
}
