import type { Polygon, Position } from 'geojson';
import { inscribedWidth } from './inscribed-width.ts';
import { pieceArea } from './piece-area.ts';
import type { CoverageProblem, CoverageProblemKind } from '../types.ts';
import type { Context } from '../validate-coverage.ts';

/**
 * A problem for a piece with its area and width, or null when it has no area, or when it is an
 * overlap or outside part narrower than the tolerance (a border drawn twice: its edges are
 * reported as a mismatch). A gap is never dropped, however thin (a 1e-9° gap is 0.1 mm wide):
 * nobody owns it, and GEOS's union shows it as a hole; under the tolerance it is a sliver.
 */
export function measured(ctx: Context, kind: CoverageProblemKind, piece: Position[][], grids: string[]): CoverageProblem | null {
  const geometry: Polygon = { type: 'Polygon', coordinates: piece };
  const area = pieceArea(piece);
  if (!(area > 0)) return null;
  const { width_m, center } = inscribedWidth(piece);
  if (width_m < ctx.tolM && kind !== 'gap') return null;
  const p: CoverageProblem = { kind, grids: [...grids].sort(), geometry, area_m2: round(area), width_m: round(width_m), location: center };
  if (width_m < Math.max(ctx.sliverWidth, ctx.tolM)) p.sliver = true;
  return p;
}

/**
 * m² and m to 3 decimals (a millimetre; more is noise from the coordinates), but 3 significant
 * digits under 1: a 1e-9° gap is 0.0001 m wide and must not read as 0.
 */
function round(v: number): number {
  return v >= 1 ? Math.round(v * 1000) / 1000 : Number(v.toPrecision(3));
}
