/**
 * Report density as a deck.gl HeatmapLayer fed straight from the server's Float32Array: no
 * per-report objects are ever built (50 000 reports = one 400 kB buffer, uploaded as is).
 */
import type { Color, HeatmapLayerProps } from 'deck.gl';
import type { ReportPoints } from '../../api/index.ts';

/**
 * Fire ramp for a dark background: ColorBrewer YlOrRd (colour-blind safe), reversed so the
 * hottest spots are the brightest, with alpha rising from faint to opaque.
 */
export const HEATMAP_COLORS: readonly Color[] = [
  [128, 0, 38, 70],
  [189, 0, 38, 130],
  [227, 26, 28, 175],
  [252, 78, 42, 205],
  [253, 141, 60, 225],
  [254, 178, 76, 240],
  [254, 217, 118, 250],
  [255, 255, 204, 255],
];

/** Options of {@link heatmapProps}. */
export interface HeatmapOptions {
  /** Kernel radius, screen pixels. @default 40 */
  radiusPixels?: number;
  /** Multiplier of the summed weights. @default 1 */
  intensity?: number;
  /** Fraction of the maximum below which pixels fade out. @default 0.1 */
  threshold?: number;
  /** @default true */
  visible?: boolean;
  /**
   * Fixed `[low, high]` of the colour ramp in summed kernel weight (≈ reports under one kernel):
   * the legend reads the same at every frame, filter and playback step. `null` lets deck.gl
   * rescale to each frame's maximum (relative heat). @default HEATMAP_DOMAIN
   */
  colorDomain?: [number, number] | null;
  /**
   * Side of the weight map, texels. The kernel is smooth over `radiusPixels`, so half the
   * screen's resolution loses nothing visible and aggregates 4× fewer texels than 2048 (a
   * quarter of the work in a software renderer); a 3840-pixel wall wants 2048. @default 1024
   */
  textureSize?: number;
}

/**
 * Fixed colour domain of the wall's heatmap. With `aggregation: 'SUM'` deck.gl scales a fixed
 * domain by the metres per texel of its weight map, so the value is a report density (summed
 * kernel weight per metre of texel), not a count per frame: below 0.5 a pixel fades out, 30 and
 * above is the brightest colour. Calibrated on the Hanbin demo (200k reports a year): one month
 * shows the old town's hot streets without the rest of the district glowing, a whole year
 * saturates the old town only. A data-scaled domain would repaint the ramp at every playback
 * step. `?heat=lo,hi` overrides it (the 2 400-report test fixture uses 0.1,6).
 */
export const HEATMAP_DOMAIN: [number, number] = [0.5, 30];

const DEFAULTS = {
  colorDomain: HEATMAP_DOMAIN as [number, number] | null,
  radiusPixels: 40, // ~ a street block at zoom 14, where grids are read
  intensity: 1,
  threshold: 0.1, // hides the haze of lone reports between hot spots (the choropleth covers those)
  visible: true,
  textureSize: 1024,
};

/** The binary `data` object a deck.gl layer takes instead of an array of objects. */
export interface BinaryPointData {
  length: number;
  attributes: { getPosition: { value: Float32Array; size: 2 }; getWeight?: { value: Float32Array; size: 1 } };
}

/** The HeatmapLayer props this module sets (a `Pick`: deck.gl 9.4's full props type does not
 * assign to the layer's own constructor, its `onHover` typings disagree). */
export type HeatmapProps = Pick<
  HeatmapLayerProps<unknown>,
  | 'id'
  | 'getWeight'
  | 'aggregation'
  | 'radiusPixels'
  | 'intensity'
  | 'threshold'
  | 'colorRange'
  | 'visible'
  | 'pickable'
  | 'colorDomain'
  | 'weightsTextureSize'
> & { data: BinaryPointData };

/**
 * HeatmapLayer props for report positions.
 *
 * @param points interleaved `[lon, lat]` float32 pairs and their count (from `api.points`)
 * @param [options.radiusPixels=40] kernel radius in pixels
 * @returns props with `data = { length, attributes: { getPosition: { value, size: 2 } } }`
 * @example new HeatmapLayer(heatmapProps(await api.points(filter)))
 */
export function heatmapProps(points: ReportPoints, options: HeatmapOptions = {}): HeatmapProps {
  const opts = { ...DEFAULTS, ...options };
  if (points.positions.length !== points.count * 2) {
    throw new Error(`expected ${points.count * 2} floats for ${points.count} reports, got ${points.positions.length}`);
  }
  return {
    id: 'heatmap',
    data: binaryData(points),
    getWeight: 1,
    aggregation: 'SUM',
    radiusPixels: opts.radiusPixels,
    intensity: opts.intensity,
    threshold: opts.threshold,
    colorRange: HEATMAP_COLORS as Color[],
    colorDomain: opts.colorDomain,
    visible: opts.visible,
    pickable: false,
    weightsTextureSize: opts.textureSize,
  };
}

// One data object per points buffer: deck.gl compares `data` by reference, and a fresh object
// on every redraw (a layer toggle, a zoom) would re-run the aggregation for nothing.
const dataOf = new WeakMap<ReportPoints, BinaryPointData>();

function binaryData(points: ReportPoints): BinaryPointData {
  let data = dataOf.get(points);
  if (!data) {
    data = { length: points.count, attributes: { getPosition: { value: points.positions, size: 2 } } };
    // Binned reports (the server's bins when zoomed out) weigh their count.
    if (points.weights) data.attributes.getWeight = { value: points.weights, size: 1 };
    dataOf.set(points, data);
  }
  return data;
}
