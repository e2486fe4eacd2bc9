/** Grids filled by reports/km² in the current filter, in the fixed classes of the legend. */
import type { GeoJsonLayerProps } from 'deck.gl';
import type { Feature, Geometry } from 'geojson';
import type { GridCollection, GridProperties, GridStat } from '../../api/index.ts';
import { DENSITY_ALPHA, densityColor } from '../../density-classes.ts';

/** Options of {@link choroplethProps}. */
export interface ChoroplethOptions {
  /** Opacity of the density classes, 0–255. @default 170 */
  alpha?: number;
  /** Changes whenever `stats` does, so deck.gl recomputes the fills. @default 0 */
  version?: number;
  /** @default true */
  visible?: boolean;
}

const DEFAULTS = { alpha: DENSITY_ALPHA, version: 0, visible: true };

/**
 * GeoJsonLayer props: one filled polygon per grid, coloured by {@link densityColor}. Grids
 * missing from `stats` count as having no reports.
 *
 * @param grids grid features from `api.grids()`
 * @param stats rows of `api.stats(filter).grids`, by grid id
 * @example new GeoJsonLayer(choroplethProps(grids, statsById(stats.grids), { version: 2 }))
 */
export function choroplethProps(
  grids: GridCollection,
  stats: ReadonlyMap<string, GridStat>,
  options: ChoroplethOptions = {},
): GeoJsonLayerProps<GridProperties> {
  const opts = { ...DEFAULTS, ...options };
  return {
    id: 'choropleth',
    data: grids.features,
    filled: true,
    stroked: false,
    getFillColor: (f: Feature<Geometry, GridProperties>) => {
      const s = stats.get(f.properties.id);
      return s ? densityColor(s.per_km2, s.count, { alpha: opts.alpha }) : densityColor(0, 0);
    },
    updateTriggers: { getFillColor: [opts.version, opts.alpha] },
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 60],
    visible: opts.visible,
  };
}

/** Stats rows keyed by grid id. */
export function statsById(rows: readonly GridStat[]): Map<string, GridStat> {
  return new Map(rows.map((r) => [r.id, r]));
}
