import { validateCoverage } from '../coverage/validate-coverage.ts';
import { CitygridError, problem } from '../errors.ts';
import type { Grid, GridSet } from '../types.ts';

/**
 * Refuses the edit if the reshaped grids, with every grid whose box they reach, have a problem
 * they did not have before (an overlap, a gap, a self-crossing ring).
 */
export function checkAround(before: GridSet, after: GridSet, reshaped: Grid[]): void {
  const box = reshaped.reduce(
    (b, g) => [Math.min(b[0], g.bbox[0]), Math.min(b[1], g.bbox[1]), Math.max(b[2], g.bbox[2]), Math.max(b[3], g.bbox[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
  const local = (set: GridSet): GridSet => {
    const grids = set.grids.filter((g) => g.bbox[0] <= box[2] && g.bbox[2] >= box[0] && g.bbox[1] <= box[3] && g.bbox[3] >= box[1]);
    return { grids, byId: new Map(grids.map((g) => [g.id, g])), idField: set.idField };
  };
  const was = new Set(validateCoverage(local(before)).problems.map((p) => `${p.kind} ${p.grids.join(',')}`));
  const now = validateCoverage(local(after)).problems.filter((p) => !was.has(`${p.kind} ${p.grids.join(',')}`));
  if (now.length) {
    const p = now[0];
    throw invalid(
      `${p.kind}${p.reason ? ` (${p.reason})` : ''} of ${p.grids.join(' / ')}${p.area_m2 !== undefined ? `, ${p.area_m2} m²` : ''}`,
    );
  }
}

/** CG_ERR_EDIT_INVALID saying what is wrong. */
export function invalid(what: string): CitygridError {
  return new CitygridError([problem('CG_ERR_EDIT_INVALID', {}, what)]);
}
