/** Hover text of a grid. */
import type { GridFeature, GridStat } from '../api/index.ts';
import { formatDensity } from './panel.ts';

/** `name`, then count and density in the filter, then area; plain text (no HTML injection). */
export function gridTooltipText(f: GridFeature, stat: GridStat | undefined): string {
  const km2 = f.properties.area_m2 / 1e6;
  const lines = [f.properties.name || f.properties.id, `编号 ${f.properties.id}`];
  lines.push(stat ? `上报 ${stat.count} 件 · ${formatDensity(stat.per_km2)} 件/平方公里` : '上报 0 件');
  if (Number.isFinite(km2)) lines.push(`面积 ${km2.toFixed(2)} 平方公里`);
  return lines.join('\n');
}
