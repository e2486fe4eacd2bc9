import {
  diffGrids,
  parseGrids,
  repairCoverage,
  validateCoverage,
  type GridSet,
  type Problem,
  type RepairCoverageOptions,
  type ValidateCoverageOptions,
} from '@citygrid/core';
import { gridBodyValue } from '../grids/grid-body.ts';

/**
 * The heavy geometry the server runs off its event loop (geometry-pool.ts), as plain
 * functions of plain (structured-cloneable) data: a worker runs them by name, and so can a
 * test. Each reads the GeoJSON itself, so checking a 64 MiB body does not block either; a
 * body given as its bytes (a big one, grids/grid-body.ts) is parsed here too, which a
 * JSON.parse on the event loop did.
 */
export const GEOMETRY_TASKS = {
  /**
   * Parses a FeatureCollection (a value, or its JSON bytes) and checks that its grids tile their
   * area; `keep` returns the parsed grids too (an import stores them).
   * @example GEOMETRY_TASKS.checkGrids({ body, idField: 'id', context: {}, keep: false }).coverage?.valid
   */
  checkGrids(args: { body: unknown; idField: string; context: ValidateCoverageOptions; keep: boolean }): {
    problems?: Problem[];
    gridSet?: GridSet;
    coverage?: ReturnType<typeof validateCoverage>;
  } {
    const parsed = parseGrids(gridBodyValue(args.body), { idField: args.idField });
    if (!parsed.ok) return { problems: parsed.problems };
    const coverage = validateCoverage(parsed.gridSet, args.context);
    return args.keep ? { gridSet: parsed.gridSet, coverage } : { coverage };
  },

  /**
   * Parses a FeatureCollection (a value, or its JSON bytes) and repairs its coverage (repairCoverage).
   * @example GEOMETRY_TASKS.repairGrids({ body, idField: 'id', options: { strategy: 'largest' } }).repaired?.valid
   */
  repairGrids(args: { body: unknown; idField: string; options: RepairCoverageOptions }): {
    problems?: Problem[];
    repaired?: ReturnType<typeof repairCoverage>;
  } {
    const parsed = parseGrids(gridBodyValue(args.body), { idField: args.idField });
    if (!parsed.ok) return { problems: parsed.problems };
    return { repaired: repairCoverage(parsed.gridSet, args.options) };
  },

  /**
   * What changed between two grid sets (diffGrids).
   * @example GEOMETRY_TASKS.diffGrids({ from, to }).unchanged
   */
  diffGrids(args: { from: GridSet; to: GridSet }): ReturnType<typeof diffGrids> {
    return diffGrids(args.from, args.to);
  },
};

/** A task's name. */
export type GeometryTask = keyof typeof GEOMETRY_TASKS;
