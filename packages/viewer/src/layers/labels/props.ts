/**
 * Grid names (and counts) as a deck.gl TextLayer. Chinese glyphs come from the bundled
 * Noto Sans SC web font, so the wall needs neither CJK system fonts nor a glyph server;
 * `characterSet: 'auto'` builds the atlas from exactly the characters in the labels.
 */
import type { Color, TextLayerProps } from 'deck.gl';
import type { GridCollection, GridStat } from '../../api/index.ts';
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

/** Options of {@link declutterLabels}. */
export interface DeclutterOptions {
  /** As in {@link LabelsOptions}. @default true */
  showCounts?: boolean;
  /** As in {@link LabelsOptions}. @default 14 */
  size?: number;
  /** Free space kept around each label, screen pixels. @default 6 */
  padding?: number;
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

/**
 * The labels that fit at a zoom level without overlapping, busiest grids first: at district
 * zoom 91 grid names would pile up, and the ones that matter on the wall are the hot ones.
 * Boxes are estimated (CJK glyph = 1 em, other = 0.6 em; Web Mercator, 512 px tiles), so
 * the result depends on the zoom only, not on panning.
 *
 * @param zoom maplibre zoom level
 * @returns the kept labels, in input order
 */
export function declutterLabels(data: readonly LabelDatum[], zoom: number, options: DeclutterOptions = {}): LabelDatum[] {
  const { showCounts = DEFAULTS.showCounts, size = DEFAULTS.size, padding = 6 } = options;
  const world = 512 * 2 ** zoom;
  const boxes = data.map((d, i) => {
    const lines = labelText(d, showCounts).split('\n');
    const w = Math.max(...lines.map(emWidth)) * size + 2 * padding;
    const h = lines.length * size * 1.25 + 2 * padding;
    const [x, y] = mercator(d.position, world);
    return { i, x0: x - w / 2, y0: y - h / 2, x1: x + w / 2, y1: y + h / 2 };
  });
  const order = [...boxes].sort((a, b) => (data[b.i].count ?? 0) - (data[a.i].count ?? 0) || a.i - b.i);
  const cell = Math.max(1, ...boxes.map((b) => Math.max(b.x1 - b.x0, b.y1 - b.y0)));
  const buckets = new Map<string, typeof boxes>();
  const kept = new Set<number>();
  for (const b of order) {
    const [cx, cy] = [Math.floor(b.x0 / cell), Math.floor(b.y0 / cell)];
    const near = [0, 1, -1].flatMap((dx) => [0, 1, -1].flatMap((dy) => buckets.get(`${cx + dx},${cy + dy}`) ?? []));
    if (near.some((o) => o.x0 < b.x1 && b.x0 < o.x1 && o.y0 < b.y1 && b.y0 < o.y1)) continue;
    kept.add(b.i);
    const key = `${cx},${cy}`;
    buckets.set(key, [...(buckets.get(key) ?? []), b]);
  }
  return data.filter((_, i) => kept.has(i));
}

function emWidth(line: string): number {
  let w = 0;
  for (const ch of line) w += ch.codePointAt(0)! >= 0x2e80 ? 1 : 0.6;
  return w;
}

function mercator([lon, lat]: [number, number], world: number): [number, number] {
  const phi = (Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180;
  return [((lon + 180) / 360) * world, ((1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2) * world];
}
