import { HeatmapLayer } from 'deck.gl';
import type { ReportPoints } from '../../api/index.ts';
import { heatmapProps, type HeatmapOptions } from './props.ts';

export { HEATMAP_COLORS, HEATMAP_DOMAIN } from './props.ts';

/** The report heatmap layer. */
export function heatmapLayer(points: ReportPoints, options: HeatmapOptions = {}): HeatmapLayer {
  return new HeatmapLayer(heatmapProps(points, options));
}
