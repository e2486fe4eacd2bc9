import { GeoJsonLayer } from 'deck.gl';
import type { GridCollection, GridProperties, GridStat } from '../../api/index.ts';
import { choroplethProps, type ChoroplethOptions } from './props.ts';

export { statsById } from './props.ts';

/** The per-grid density choropleth. */
export function choroplethLayer(
  grids: GridCollection,
  stats: ReadonlyMap<string, GridStat>,
  options: ChoroplethOptions = {},
): GeoJsonLayer<GridProperties> {
  return new GeoJsonLayer<GridProperties>(choroplethProps(grids, stats, options));
}
