import { readFileSync } from 'node:fs';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  CitygridError,
  createRouter,
  ERRORS,
  formatGridCode,
  getisOrdGi,
  gridAdjacency,
  mergeGrids,
  moveVertex,
  parseGrids,
  partitionQuality,
  readingOrder,
  regularGrid,
  repairCoverage,
  splitAlong,
  splitArea,
  splitGrid,
  validateCoverage,
  type GridSet,
} from '../src/index.ts';

// One error policy: a bad option (or one the input cannot satisfy) is a catalogue error the
// server answers with 400 and the CLI exits 2 on, never a bare RangeError that becomes a 500.

function tiling(): GridSet {
  const r = parseGrids(JSON.parse(readFileSync(new URL('./fixtures/tiling-2x2.geojson', import.meta.url), 'utf8')));
  if (!r.ok) throw new Error(r.problems[0].message);
  return r.gridSet;
}

const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [109, 32.7],
      [109.01, 32.7],
      [109.01, 32.71],
      [109, 32.71],
      [109, 32.7],
    ],
  ],
};

/** The first vertex of a grid's outer ring. */
const corner = (gs: GridSet) => (gs.grids[0].geometry as Polygon).coordinates[0][0];

describe('option errors', () => {
  it('CG_ERR_OPTION is a 400 and exit 2', () => {
    expect(ERRORS.CG_ERR_OPTION).toMatchObject({ http: 400, exit: 2 });
  });

  it.each([
    ['splitArea count 0', () => splitArea(square, { count: 0 }), /count must be an integer ≥ 1, got 0/],
    ['splitArea with neither count nor targetArea', () => splitArea(square, {} as never), /give count or targetArea/],
    [
      'splitArea a cutLines Point',
      () => splitArea(square, { count: 2, cutLines: { type: 'Point', coordinates: [109, 32.7] } as never }),
      /cutLines is Point/,
    ],
    ['regularGrid size_m 0', () => regularGrid(square, { shape: 'square', size_m: 0 }), /size_m must be a length in metres > 0, got 0/],
    [
      'regularGrid more cells than maxCells',
      () => regularGrid(square, { shape: 'square', size_m: 1, maxCells: 10 }),
      /more than maxCells 10/,
    ],
    ['createRouter maxDistance −1', () => createRouter(tiling(), { maxDistance: -1 }), /maxDistance must be ≥ 0 metres, got -1/],
    ['createRouter cellsPerPart 0', () => createRouter(tiling(), { cellsPerPart: 0 }), /cellsPerPart must be > 0, got 0/],
    ['validateCoverage sliverWidth −1', () => validateCoverage(tiling(), { sliverWidth: -1 }), /sliverWidth: expected metres ≥ 0, got -1/],
    ['repairCoverage an unknown strategy', () => repairCoverage(tiling(), { strategy: 'biggest' as never }), /strategy: expected one of/],
    ['repairCoverage gapWidth −1', () => repairCoverage(tiling(), { gapWidth: -1 }), /gapWidth: expected metres ≥ 0, got -1/],
    ['gridAdjacency minLength_m −1', () => gridAdjacency(tiling(), { minLength_m: -1 }), /minLength_m must be ≥ 0 metres, got -1/],
    ['readingOrder rowHeight_m 0', () => readingOrder([square], { rowHeight_m: 0 }), /rowHeight_m must be > 0 metres, got 0/],
    [
      'formatGridCode a town of 4 digits',
      () => formatGridCode({ county: '610902', town: 1000, community: 1, seq: 1 }),
      /not a 15-digit grid code/,
    ],
    [
      'getisOrdGi too few values',
      () => getisOrdGi([1], { offsets: Int32Array.of(0, 1, 2), neighbours: Int32Array.of(1, 0) }),
      /expected 2 values/,
    ],
    [
      'partitionQuality a negative weight',
      () => partitionQuality([square], { weights: [{ lon: 109.005, lat: 32.705, weight: -1 }] }),
      /weight must be a number ≥ 0, got -1/,
    ],
    ['mergeGrids one id', () => mergeGrids(tiling(), [tiling().grids[0].id]), /two or more different ids/],
    ['splitGrid a one-position line', () => splitGrid(tiling(), tiling().grids[0].id, [[109, 32.7]]), /at least two positions/],
    ['splitAlong a one-position line', () => splitAlong(tiling(), [[109, 32.7]]), /two or more positions/],
    ['moveVertex collapsing a ring', () => collapse(tiling()), /fewer than three vertices/],
  ])('%s throws CitygridError CG_ERR_OPTION naming the option', (_why, call, message) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CitygridError);
    expect(error).toMatchObject({ code: 'CG_ERR_OPTION', http: 400, exit: 2 });
    expect((error as Error).message).toMatch(message);
  });
});

/** Moves every vertex of the first grid's ring onto its first one, in that grid only. */
function collapse(gs: GridSet): void {
  const id = gs.grids[0].id;
  const target = corner(gs);
  let set = gs;
  for (const p of (gs.grids[0].geometry as Polygon).coordinates[0].slice(1, -1)) set = moveVertex(set, p, target, { only: [id] }).gridSet;
}
