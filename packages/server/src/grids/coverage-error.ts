import type { CoverageProblem } from '@citygrid/core';
import { SERVER_ERRORS, problem } from '../errors/catalogue.ts';
import type { CoverageProblemSummary } from './coverage-schemas.ts';

// As in error-reply.ts: a district of broken grids would otherwise answer with megabytes.
const MAX_PROBLEMS = 1000;

// What to do about each kind, for a planner reading the import's answer.
const FIX: Record<CoverageProblem['kind'], string> = {
  'invalid-geometry': 'redraw the grid as a simple polygon (no self-crossing ring, holes inside the shell)',
  'duplicate-id': 'give each grid its own id',
  'duplicate-geometry': 'delete one of the copies, or redraw it as the area it should cover',
  hierarchy: "set the grid's parent to the unit that contains it",
  'outside-parent': "trim the grid to its parent's border",
  'uncovered-parent': "extend a neighbouring grid to the parent's border",
  overlap: 'move the shared border so that only one of the grids keeps the piece',
  gap: 'extend one of the surrounding grids over the gap',
  'edge-mismatch': 'snap the two sides of the shared border to the same vertices',
};

/**
 * The 422 body for an import whose grids do not tile: `{ error, message, fix, problems }` with
 * the catalogue's CG_ERR_COVERAGE_INVALID, each problem summarised by {@link summariseProblems}.
 *
 * @param problems validateCoverage's problems (at least one)
 * @example reply.code(422).send(coverageErrorBody(result.problems))
 */
export function coverageErrorBody(problems: CoverageProblem[]) {
  const listed = summariseProblems(problems);
  const what = problems.length === 1 ? `1 problem: ${listed[0].message}` : `${problems.length} problems, first: ${listed[0].message}`;
  const { message } = problem('CG_ERR_COVERAGE_INVALID', {}, what);
  return { error: 'CG_ERR_COVERAGE_INVALID' as const, message, fix: SERVER_ERRORS.CG_ERR_COVERAGE_INVALID.fix, problems: listed };
}

/**
 * Coverage problems without their geometry, each with a sentence naming the grids and the area
 * in m² and what to do (at most the first 1000).
 */
export function summariseProblems(problems: CoverageProblem[]): CoverageProblemSummary[] {
  return problems.slice(0, MAX_PROBLEMS).map((p) => ({
    code: 'CG_ERR_COVERAGE_INVALID' as const,
    kind: p.kind,
    grids: p.grids,
    ...(p.area_m2 === undefined ? {} : { area_m2: p.area_m2 }),
    message: describe(p),
    fix: repairs(p) ? `${FIX[p.kind]}; \`citygrid repair\` (POST /api/grids/repair) does this` : FIX[p.kind],
  }));
}

// Gaps and inlets narrower than repair's default gapWidth (1 m) are merged by it.
const REPAIR_GAP_WIDTH_M = 1;

/** Whether repairCoverage with its defaults fixes the problem (invalid polygons and ids it leaves). */
function repairs(p: CoverageProblem): boolean {
  if (p.kind === 'gap' || p.kind === 'uncovered-parent') return (p.width_m ?? Infinity) < REPAIR_GAP_WIDTH_M;
  return p.kind === 'overlap' || p.kind === 'duplicate-geometry' || p.kind === 'outside-parent' || p.kind === 'edge-mismatch';
}

/** "grids A1 and A2 overlap by 1,234 m²", "gap of 56.7 m² between grids A1, B1 and B2", … */
function describe(p: CoverageProblem): string {
  const ids = names(p.grids);
  const area = p.area_m2 === undefined ? '' : m2(p.area_m2);
  const sliver = p.sliver ? ` (a sliver ${p.width_m?.toFixed(2)} m wide)` : '';
  const reason = p.reason ? `: ${p.reason}` : '';
  switch (p.kind) {
    case 'overlap':
      return `grids ${ids} overlap by ${area}${sliver}`;
    case 'gap':
      return p.grids.length ? `gap of ${area} between grids ${ids}${sliver}` : `gap of ${area}${sliver}`;
    case 'duplicate-geometry':
      return `grids ${ids} have the same polygon (${area} each)`;
    case 'invalid-geometry':
      return `grid ${ids} is not a valid polygon${reason}`;
    case 'edge-mismatch':
      return `grids ${ids} draw their shared border with different vertices`;
    default:
      return `${p.kind}: grid${p.grids.length === 1 ? '' : 's'} ${ids}${area && `, ${area}`}${reason}`;
  }
}

function names(ids: string[]): string {
  return ids.length <= 1 ? (ids[0] ?? '(none)') : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}

/** m² to 3 significant figures at least, with thousands separators: 104,000 m², 4.12 m². */
function m2(a: number): string {
  const rounded = a >= 1000 ? Math.round(a) : Number(a.toPrecision(3));
  return `${rounded.toLocaleString('en-US')} m²`;
}
