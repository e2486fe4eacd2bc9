/**
 * Grid names (and counts) as a deck.gl TextLayer. Chinese glyphs come from the bundled
 * Noto Sans SC web font, so the wall needs neither CJK system fonts nor a glyph server;
 * `characterSet: 'auto'` builds the atlas from exactly the characters in the labels.
 */
import type { Color, TextLayerProps } from 'deck.gl';
import type { GridCollection, GridStat } from '../../api.ts';
import { labelAnchor } from '../../geo.ts';

/** The CSS family of the bundled font (@fontsource/noto-sans-sc). */
export const LABEL_FONT_FAMILY = '"Noto Sans SC", sans-serif';

/** One label. */
export interface LabelDatum {
  id: string;
  name: string;
  /** `[lon, lat]`, degrees. */
  position: [number, number];
  /** Reports in the filter, or null when unknown. */
  count: number | null;
}

/** Options of {@link labelsProps}. */
export interface LabelsOptions {
  /** Add a second line with the grid's count, e.g. `128 件`. @default true */
  showCounts?: boolean;
  /** Text size, screen pixels. @default 14 */
  size?: number;
  /** @default [235, 242, 255, 255] */
  color?: Color;
  /** @default true */
  visible?: boolean;
}

const DEFAULTS = {
  showCounts: true,
  size: 14,
  color: [235, 242, 255, 255] as Color,
  visible: true,
};

/**
 * Label data: one anchor per grid (see {@link labelAnchor}) with its name and count.
 * @param stats rows of `api.stats(filter).grids` by id; grids missing there count 0
 */
export function labelData(grids: GridCollection, stats?: ReadonlyMap<string, GridStat>): LabelDatum[] {
  return grids.features.map((f) => ({
    id: f.properties.id,
    name: f.properties.name || f.properties.id,
    position: labelAnchor(f.geometry),
    count: stats ? (stats.get(f.properties.id)?.count ?? 0) : null,
  }));
}

/** The text of a label: the name, then the count on a second line when asked and known. */
export function labelText(d: LabelDatum, showCounts = DEFAULTS.showCounts): string {
  return showCounts && d.count !== null ? `${d.name}\n${d.count} 件` : d.name;
}

/**
 * TextLayer props for grid labels.
 * @example new TextLayer(labelsProps(labelData(grids, statsById(stats.grids))))
 */
export function labelsProps(data: LabelDatum[], options: LabelsOptions = {}): TextLayerProps<LabelDatum> {
  const opts = { ...DEFAULTS, ...options };
  return {
    id: 'labels',
    data,
    getPosition: (d: LabelDatum) => d.position,
    getText: (d: LabelDatum) => labelText(d, opts.showCounts),
    getSize: opts.size,
    sizeUnits: 'pixels',
    getColor: opts.color,
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    lineHeight: 1.25,
    characterSet: 'auto',
    fontFamily: LABEL_FONT_FAMILY,
    fontWeight: 'normal',
    // SDF atlas: crisp at any size, and an outline that keeps labels legible over the heatmap.
    fontSettings: { sdf: true, fontSize: 64, buffer: 8, radius: 16 },
    outlineWidth: 8, // half the SDF radius: a ~1.5 px halo at 14 px
    outlineColor: [5, 12, 26, 230],
    billboard: true,
    pickable: false,
    visible: opts.visible,
  };
}

