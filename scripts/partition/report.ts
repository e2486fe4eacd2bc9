import type { CoverageResult, PartitionQuality } from '@citygrid/core';

const ROWS = 40; // grids listed in the text report; --json lists them all

/** One grid of the output, as the report names it. */
export interface ReportGrid {
  id: string;
  name: string;
  code: string | null;
}

/** The quality report as text: what was made, coverage, spread of areas and loads, then the grids. */
export function qualityText(head: string, grids: ReportGrid[], q: PartitionQuality, coverage: CoverageResult): string {
  const lines = [head];
  lines.push(
    coverage.valid
      ? 'coverage: valid (no gaps, overlaps or mismatched borders against the area)'
      : `coverage: ${coverage.problems.length} problem${coverage.problems.length === 1 ? '' : 's'} (${[...new Set(coverage.problems.map((p) => p.kind))].join(', ')}); run citygrid validate on the output for each`,
  );
  lines.push(
    `area      mean ${m2(q.area.mean)}  min ${m2(q.area.min)}  max ${m2(q.area.max)}  max/mean ${q.area.maxOverMean.toFixed(2)}  CV ${q.area.cv.toFixed(3)}`,
  );
  lines.push(
    `compact   mean ${q.compactness.mean.toFixed(3)}  min ${q.compactness.min.toFixed(3)}  (Polsby–Popper 4πA/P²: disc 1, hexagon 0.907, square 0.785)`,
  );
  if (q.load)
    lines.push(
      `load      total ${num(q.load.total)}  mean ${num(q.load.mean)}  min ${num(q.load.min)}  max ${num(q.load.max)}  max/mean ${q.load.maxOverMean.toFixed(2)}  CV ${q.load.cv.toFixed(3)}`,
    );
  const idWidth = Math.max(2, ...grids.slice(0, ROWS).map((g) => g.id.length));
  const nameWidth = Math.max(4, ...grids.slice(0, ROWS).map((g) => width(g.name)));
  lines.push(
    '',
    `  ${'#'.padStart(4)}  ${'id'.padEnd(idWidth)}  ${pad('name', nameWidth)}  ${'area m²'.padStart(12)}  ${'compact'.padStart(7)}${q.load ? `  ${'load'.padStart(10)}` : ''}`,
  );
  q.grids.slice(0, ROWS).forEach((g, i) => {
    const load = g.load === undefined ? '' : `  ${num(g.load).padStart(10)}`;
    lines.push(
      `  ${String(i + 1).padStart(4)}  ${grids[i].id.padEnd(idWidth)}  ${pad(grids[i].name, nameWidth)}  ${Math.round(g.area_m2).toLocaleString('en').padStart(12)}  ${g.compactness.toFixed(3).padStart(7)}${load}`,
    );
  });
  if (q.grids.length > ROWS) lines.push(`  … ${q.grids.length - ROWS} more (--json lists every grid)`);
  return lines.join('\n') + '\n';
}

function m2(v: number): string {
  return v >= 1e6 ? `${(v / 1e6).toFixed(3)} km²` : `${Math.round(v).toLocaleString('en')} m²`;
}

function num(v: number): string {
  return Number.isInteger(v) ? v.toLocaleString('en') : v.toLocaleString('en', { maximumFractionDigits: 1 });
}

/** Terminal width of a string: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}
