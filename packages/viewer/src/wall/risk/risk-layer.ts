/** The wall's risk layer: each grid filled with its colour level (风险颜色等级) from `GET /api/risk`. */
import { GeoJsonLayer } from 'deck.gl';
import type { Feature, Geometry } from 'geojson';
import type { GridCollection, GridProperties, RiskAnswer } from '../../api/index.ts';
import { hexToRgba, type Rgba } from '../../density-classes.ts';

/** Opaque enough to read the level across a room, thin enough to see the base map's streets. */
const ALPHA = 215;
const NO_LEVEL: Rgba = [0, 0, 0, 0];

/**
 * A grid's fill: its level's colour from the answer, transparent for a grid the answer lacks
 * (a version published since).
 * @example riskFills(answer).get('A1') // [215, 48, 39, 215]
 */
export function riskFills(answer: RiskAnswer, alpha = ALPHA): Map<string, Rgba> {
  const colours = new Map(answer.levels.map((l) => [l.code, hexToRgba(l.color, alpha)]));
  return new Map(answer.grids.map((g) => [g.id, colours.get(g.level) ?? NO_LEVEL]));
}

/**
 * The layer, pickable for the tooltip; `version` changes with each answer so deck.gl refills.
 * @example riskLayer(grids, answer, 3)
 */
export function riskLayer(grids: GridCollection, answer: RiskAnswer, version: number): GeoJsonLayer<GridProperties> {
  const fills = riskFills(answer);
  return new GeoJsonLayer<GridProperties>({
    id: 'risk',
    data: grids.features,
    filled: true,
    stroked: false,
    getFillColor: (f: Feature<Geometry, GridProperties>) => fills.get(f.properties.id) ?? NO_LEVEL,
    updateTriggers: { getFillColor: [version] },
    pickable: true,
  });
}
