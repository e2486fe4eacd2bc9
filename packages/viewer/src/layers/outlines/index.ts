import { GeoJsonLayer } from 'deck.gl';
import type { BoundaryCollection, GridCollection } from '../../api/index.ts';
import { outlinesProps, type OutlineProperties, type OutlinesOptions } from './props.ts';

/** District, town and grid outlines. */
export function outlinesLayer(
  boundaries: BoundaryCollection,
  grids: GridCollection,
  options: OutlinesOptions = {},
): GeoJsonLayer<OutlineProperties> {
  return new GeoJsonLayer<OutlineProperties>(outlinesProps(boundaries, grids, options));
}
