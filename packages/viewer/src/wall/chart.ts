/** The daily series as an SVG chart, built as strings (pure: tested in Node). */

/** Geometry of a chart, in SVG user units. */
export interface ChartBox {
  width: number;
  height: number;
  /** Padding inside the box, the same on every side. @default 4 */
  pad?: number;
}

/**
 * The `d` of a polyline through the values, x evenly spread, y from 0 (bottom) to the max (top).
 *
 * @param values counts, one per bucket
 * @param [max] top of the y scale; default the largest value (a flat zero line when all are 0)
 * @returns `M x y L x y …`, or `''` for no values
 * @example seriesPath([0, 2, 1], { width: 100, height: 50, pad: 0 }) // 'M0 50 L50 0 L100 25'
 */
export function seriesPath(values: readonly number[], box: ChartBox, max?: number): string {
  if (!values.length) return '';
  const pad = box.pad ?? 4;
  const top = max ?? Math.max(...values);
  const w = box.width - 2 * pad;
  const h = box.height - 2 * pad;
  const dx = values.length > 1 ? w / (values.length - 1) : 0;
  const y = (v: number) => pad + h - (top > 0 ? (v / top) * h : 0);
  return values.map((v, i) => `${i ? 'L' : 'M'}${round(pad + i * dx)} ${round(y(v))}`).join(' ');
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

/**
 * Change against the previous window as an arrow and a percentage.
 * @example changeText(0.125) // { arrow: '▲', text: '+12.5%', dir: 'up' }
 */
export function changeText(change: number | null): { arrow: string; text: string; dir: 'up' | 'down' | 'flat' | 'new' } {
  if (change === null) return { arrow: '●', text: '–', dir: 'new' }; // no previous reports: no ratio
  const pct = Math.round(change * 1000) / 10;
  if (pct === 0) return { arrow: '▬', text: '0%', dir: 'flat' };
  return pct > 0 ? { arrow: '▲', text: `+${pct}%`, dir: 'up' } : { arrow: '▼', text: `${pct}%`, dir: 'down' };
}
