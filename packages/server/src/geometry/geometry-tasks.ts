import {
  createRouter,
  diffGrids,
  routerIndex,
  parseGrids,
  repairCoverage,
  validateCoverage,
  type GridSet,
  type Problem,
  type RepairCoverageOptions,
  type RouterIndex,
  type ValidateCoverageOptions,
} from '@citygrid/core';
import { countMoves, type MoveCountArgs, type MoveCounts } from '../grids/impact/count-moves.ts';
import { findRerouted, type RerouteArgs, type Rerouted } from '../grids/reroute/find-rerouted.ts';
import { buildIndex, type IndexArgs } from '../grids/build-index.ts';
import { gridsToJson } from '../grids/grids-as-json.ts';
import fastJson from 'fast-json-stringify';
import { gridBodyValue } from '../grids/grid-body.ts';
import { RepairAnswerSchema } from '../grids/coverage-schemas.ts';

// Compiled on a worker's first repair, as fastify compiles the route's response schema.
let writeRepairAnswer: ((answer: unknown) => string) | undefined;

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
   * area; `keep` returns the parsed grids too (an import stores them), as JSON bytes that move
   * to the main thread (grids/grids-as-json.ts; a clone of the grids was read there in one go),
   * and their router's index (routerIndex, shared memory), so the main thread never builds it.
   * @example GEOMETRY_TASKS.checkGrids({ body, idField: 'id', context: {}, keep: false }).coverage?.valid
   */
  checkGrids(args: { body: unknown; idField: string; context: ValidateCoverageOptions; keep: boolean }): {
    problems?: Problem[];
    gridsJson?: Uint8Array;
    gridOffsets?: Int32Array;
    idField?: string;
    index?: RouterIndex;
    coverage?: ReturnType<typeof validateCoverage>;
  } {
    const parsed = parseGrids(gridBodyValue(args.body), { idField: args.idField });
    if (!parsed.ok) return { problems: parsed.problems };
    const coverage = validateCoverage(parsed.gridSet, args.context);
    if (!args.keep) return { coverage };
    const { json, offsets } = gridsToJson(parsed.gridSet.grids);
    const index = routerIndex(createRouter(parsed.gridSet));
    return { gridsJson: json, gridOffsets: offsets, idField: parsed.gridSet.idField, index, coverage };
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
   * POST /api/grids/repair's answer as JSON bytes, written here by the route's response schema
   * (what fastify would write): a repaired city is as big as its file, and cloning it back to
   * the event loop and writing it there held every request for ~1 s at 25 MB. Each feature keeps
   * its input properties; its `id` member only when the id is not one of them.
   * @example JSON.parse(Buffer.from(GEOMETRY_TASKS.repairAnswer({ body, idField: 'id', options: {} }).json!).toString()).valid
   */
  repairAnswer(args: { body: unknown; idField: string; options: RepairCoverageOptions }): { problems?: Problem[]; json?: Uint8Array } {
    const { problems, repaired: r } = GEOMETRY_TASKS.repairGrids(args);
    if (problems) return { problems };
    const features = r!.gridSet.grids.map((g) => ({
      type: 'Feature',
      ...(g.properties[args.idField] === undefined ? { id: g.id } : {}),
      properties: g.properties,
      geometry: g.geometry,
    }));
    writeRepairAnswer ??= fastJson(RepairAnswerSchema as never);
    const answer = {
      valid: r!.valid,
      grids: { type: 'FeatureCollection', features },
      actions: r!.actions,
      changes: r!.changes,
      problems: r!.problems,
      stats: r!.stats,
    };
    // As UTF-8 bytes, which the worker moves to the main thread and the socket takes as they are.
    return { json: Buffer.from(writeRepairAnswer(answer)) };
  },

  /**
   * What changed between two grid sets (diffGrids).
   * @example GEOMETRY_TASKS.diffGrids({ from, to }).unchanged
   */
  diffGrids(args: { from: GridSet; to: GridSet }): ReturnType<typeof diffGrids> {
    return diffGrids(args.from, args.to);
  },

  /**
   * Routes the reports of an impact with the target version's shared index and counts the
   * moves per (current grid, target grid) (grids/impact/count-moves.ts).
   * @example GEOMETRY_TASKS.countMoves({ index: routerIndex(router), coords, from, same, currentGrids: 91 }).moved
   */
  countMoves(args: MoveCountArgs): MoveCounts {
    return countMoves(args);
  },

  /**
   * Routes every stored report with the shared index of the version being published and
   * picks those whose grid changes (grids/reroute/find-rerouted.ts).
   * @example GEOMETRY_TASKS.findRerouted({ index: routerIndex(router), coords, from, targetOf }).rows.length
   */
  findRerouted(args: RerouteArgs): Rerouted {
    return findRerouted(args);
  },

  /**
   * A version's router index from its flat polygons, ids and bboxes (grids/build-index.ts).
   * @example GEOMETRY_TASKS.buildIndex({ flat: flattenGrids(gridSet), grids: gridSet.grids }).table.nx
   */
  buildIndex(args: IndexArgs): RouterIndex {
    return buildIndex(args);
  },
};

/** A task's name. */
export type GeometryTask = keyof typeof GEOMETRY_TASKS;
