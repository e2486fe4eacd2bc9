/**
 * Fixed density classes for the grid choropleth, in reports per km² (件/平方公里).
 *
 * The breaks never depend on the data or the filter: a colour on the video wall means the same
 * density today as last month, for one category as for all. Classes are half-open `[lo, hi)`;
 * a grid with no report at all gets its own class (outline only), so "zero" never looks like
 * "low". Palette: viridis (colour-blind safe, perceptually uniform, dark → bright reads well on
 * the command centre's dark background).
 */

/** RGBA, 0–255 per channel (deck.gl's `Color`). */
export type Rgba = [number, number, number, number];

/** One legend row. */
export interface DensityClass {
  /** 0 is the "no reports" class; 1.. are the density classes from low to high. */
  index: number;
  /** Lower bound, reports/km², inclusive (`-Infinity`-free: the first density class starts at 0). */
  min: number;
  /** Upper bound, reports/km², exclusive; `Infinity` for the top class. */
  max: number;
  /** zh-CN label, e.g. `10–25`. */
  label: string;
  color: Rgba;
}

/**
 * Class breaks in reports/km², in half-decade steps (1-3-10, each class ~3.2× the last):
 * densities span four orders of magnitude, from a mountain village in one month (~1/km²) to
 * an old-town street office over a year (the Hanbin demo: 14 000/km²), and log classes keep
 * both ends readable with one legend.
 */
export const DENSITY_BREAKS: readonly number[] = [3, 10, 30, 100, 300, 1000, 3000];

/** Viridis sampled at 8 even steps, one per density class (matplotlib `viridis`). */
export const DENSITY_PALETTE: readonly string[] = ['#440154', '#46327e', '#365c8d', '#277f8e', '#1fa187', '#4ac16d', '#a0da39', '#fde725'];

/** Fill of grids with no report in the filter: transparent, the outline still shows the grid. */
export const NO_REPORTS_COLOR: Rgba = [0, 0, 0, 0];

/** Unit shown with the legend title. */
export const DENSITY_UNIT = '件/平方公里';

/** Default opacity of the classes, 0–255: ~67 % lets the heatmap glow above stay readable. */
export const DENSITY_ALPHA = 170;

const DEFAULTS = { alpha: DENSITY_ALPHA };

/** `#rrggbb` → `[r, g, b, alpha]`. */
export function hexToRgba(hex: string, alpha = 255): Rgba {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`expected a colour like #1fa187, got ${JSON.stringify(hex)}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16), alpha];
}

/**
 * The class a grid falls in: 0 when it has no report, else 1 + the number of breaks ≤ density.
 *
 * @param perKm2 reports per km² (≥ 0)
 * @param count reports in the grid; 0 selects the "no reports" class whatever `perKm2` says
 * @returns class index, 0 … DENSITY_BREAKS.length + 1
 * @example densityClass(12, 30) // 3, the 10–30 class
 */
export function densityClass(perKm2: number, count: number): number {
  if (!(count > 0) || !Number.isFinite(perKm2)) return 0;
  let i = 0;
  while (i < DENSITY_BREAKS.length && perKm2 >= DENSITY_BREAKS[i]) i++;
  return i + 1;
}

/**
 * Fill colour of a grid.
 *
 * @param [options.alpha=170] opacity of the density classes, 0–255
 * @example densityColor(5000, 900) // [253, 231, 37, 170]
 */
export function densityColor(perKm2: number, count: number, options: { alpha?: number } = {}): Rgba {
  const k = densityClass(perKm2, count);
  return k === 0 ? NO_REPORTS_COLOR : hexToRgba(DENSITY_PALETTE[k - 1], options.alpha ?? DEFAULTS.alpha);
}

/**
 * Every legend row, "no reports" first, then low → high. Labels: `< 3`, `3–10`, …, `≥ 3000`.
 *
 * @param [options.alpha=170] as in {@link densityColor}
 */
export function densityLegend(options: { alpha?: number } = {}): DensityClass[] {
  const alpha = options.alpha ?? DEFAULTS.alpha;
  const bounds = [0, ...DENSITY_BREAKS, Infinity];
  const rows: DensityClass[] = [{ index: 0, min: 0, max: 0, label: '无上报', color: NO_REPORTS_COLOR }];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [min, max] = [bounds[i], bounds[i + 1]];
    const label = i === 0 ? `< ${max}` : max === Infinity ? `≥ ${min}` : `${min}–${max}`;
    rows.push({ index: i + 1, min, max, label, color: hexToRgba(DENSITY_PALETTE[i], alpha) });
  }
  return rows;
}
