/**
 * The base map: district, town and grid outlines drawn by deck.gl over an empty background
 * (no tiles: the wall runs offline). Lines get brighter and thicker as the level rises.
 */
import type { Color, GeoJsonLayerProps } from 'deck.gl';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { BoundaryCollection, GridCollection } from '../../api/index.ts';

/** Any outlined unit: only `level` matters here (1 district, 2 town/street, 3+ grid). */
export interface OutlineProperties {
  level: number;
  [key: string]: unknown;
}
export type OutlineFeature = Feature<Polygon | MultiPolygon, OutlineProperties>;

/** Line style of one level. */
export interface OutlineStyle {
  color: Color;
  /** Screen pixels. */
  width: number;
}

/** Styles by level; levels ≥ 3 use the grid style. */
export const OUTLINE_STYLES: Readonly<Record<1 | 2 | 3, OutlineStyle>> = {
  1: { color: [0, 229, 255, 235], width: 3 }, // district: the cyan frame of the wall
  2: { color: [64, 196, 255, 190], width: 2 }, // town / street office
  3: { color: [150, 180, 215, 150], width: 1 }, // community / village grid
};

/** Options of {@link outlinesProps}. */
export interface OutlinesOptions {
  /** @default true */
  visible?: boolean;
}

/** The style of a level (levels ≥ 3, or missing, use the grid style). */
export function outlineStyle(level: number): OutlineStyle {
  return level === 1 || level === 2 ? OUTLINE_STYLES[level] : OUTLINE_STYLES[3];
}

/**
 * GeoJsonLayer props for the outlines. Grids come first and districts last, so the higher
 * levels are drawn on top where borders coincide.
 *
 * @param boundaries context outlines from `api.boundaries()` (may be empty)
 * @param grids grid features from `api.grids()`
 */
export function outlinesProps(
  boundaries: BoundaryCollection,
  grids: GridCollection,
  options: OutlinesOptions = {},
): GeoJsonLayerProps<OutlineProperties> {
  const data = [...(grids.features as OutlineFeature[]), ...(boundaries.features as OutlineFeature[])].sort(
    (a, b) => levelOf(b) - levelOf(a),
  );
  return {
    id: 'outlines',
    data,
    filled: false,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineColor: (f: Feature<Geometry, OutlineProperties>) => outlineStyle(levelOf(f)).color,
    getLineWidth: (f: Feature<Geometry, OutlineProperties>) => outlineStyle(levelOf(f)).width,
    lineJointRounded: true,
    pickable: false,
    visible: options.visible ?? true,
  };
}

function levelOf(f: Feature<Geometry, OutlineProperties>): number {
  const level = Number(f.properties?.level);
  return Number.isFinite(level) && level > 0 ? level : 3;
}
