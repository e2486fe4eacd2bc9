// Routing throughput: which grid is a WGS84 point in? citygrid's createRouter against three
// baselines timed in the same run, on seeded Voronoi tilings (test/support/voronoi-tiling.ts).
//
//   npx -y pnpm@10 bench routing [--grids 300,10000,100000] [--points 1000000] [--seed 1]
//                                [--reps 5] [--baseline-ms 2000]
//
// Single-threaded (JS runs on one core). Memory needs --expose-gc, which `pnpm bench` passes.
import { parseArgs } from 'node:util';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import RBush from 'rbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { createRouter, flattenGrids, mulberry32, parseGrids, type BBox, type Grid, type GridSet, type Router } from '../src/index.ts';
import { voronoiTiling } from '../test/support/voronoi-tiling.ts';
import { calibrate, canMeasureMemory, int, machineFacts, retainedBytes, sig, sink, stats, timeRuns, type Stats } from './harness.ts';

const DEFAULTS = {
  grids: '300,10000,100000', // a district's unit grids … a province's
  points: '1000000', // one day of GPS-tagged reports and patrol tracks for a large city
  seed: '1',
  reps: '5', // timed repetitions per method, after one warm-up run
  'baseline-ms': '2000', // baselines too slow for every point get a prefix of them, calibrated to ~this per pass
};
const BBOX: BBox = [109.0, 32.7, 109.5, 33.2];
const OUTSIDE_SHARE = 0.1; // points drawn from the bbox grown so this share falls outside every grid
const BORDER_M = 1e-6; // a point nearer a boundary than 1 µm is a border point: exact rules may differ

/** Goals from the routing issue, by grid count (the largest tier the count fits in). */
const GOALS: Array<{ upTo: number; locate: number; batch?: number; buildMs: number; rbushRatio?: number; memoryRatio?: number }> = [
  { upTo: 300, locate: 15e6, rbushRatio: 10, buildMs: 50 },
  { upTo: 10_000, locate: 3e6, buildMs: 300 },
  { upTo: 100_000, locate: 2e6, batch: 4e6, buildMs: 1500, memoryRatio: 3 },
];

type Locator = (xy: Float64Array, out: Int32Array, n: number) => number;

interface Row {
  method: string;
  /** citygrid only: the build from flat coordinates (`createRouter(gridSet, { flat })`). */
  flatBuild?: Stats;
  build: Stats | null; // null: built once for the rows above
  bytes: number | null;
  times: number[]; // ms per pass over `points` points
  points: number;
  answers: Int32Array;
}

function main(): void {
  const { values } = parseArgs({
    options: Object.fromEntries(Object.keys(DEFAULTS).map((k) => [k, { type: 'string' as const }])),
    strict: true,
  });
  const opt = { ...DEFAULTS, ...values } as typeof DEFAULTS;
  const sizes = opt.grids.split(',').map((s) => Number(s.replace(/_/g, '')));
  const points = Number(opt.points);
  const seed = Number(opt.seed);
  const reps = Number(opt.reps);
  const passMs = Number(opt['baseline-ms']);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new RangeError(`--grids: expected positive integers separated by commas, got ${opt.grids}`);
  if (!Number.isInteger(points) || points < 1) throw new RangeError(`--points: expected a positive integer, got ${opt.points}`);
  if (!Number.isInteger(reps) || reps < 1) throw new RangeError(`--reps: expected a positive integer, got ${opt.reps}`);
  if (!(passMs > 0)) throw new RangeError(`--baseline-ms: expected a positive number of milliseconds, got ${opt['baseline-ms']}`);

  console.log(`# Routing benchmark\n\n${machineFacts()}\n`);
  console.log(
    `Voronoi tilings of [${BBOX.join(', ')}] (seed ${seed}); ${int(points)} random points, ~${OUTSIDE_SHARE * 100} % outside every grid;`,
  );
  console.log(
    `lookups/s: median of ${reps} timed passes after warm-up; build: median of ${reps} builds after 1 warm-up. citygrid passes cover every point;`,
  );
  console.log(
    `a baseline covers the first N points, N calibrated so that one pass takes ~${passMs} ms (the turf loop is O(grids) per point).`,
  );
  if (!canMeasureMemory) console.log('memory: not measured (run node with --expose-gc, as `pnpm bench` does)');
  const xy = randomPoints(points, BBOX, mulberry32(seed ^ 0x5eed));
  for (const grids of sizes) benchSize(grids, seed, xy, reps, passMs);
  console.log(`\nsink ${sink.value}`);
}

/** Uniform points in the bbox grown about its centre so that OUTSIDE_SHARE of them fall outside it. */
function randomPoints(n: number, [x0, y0, x1, y1]: BBox, rng: () => number): Float64Array {
  const grow = Math.sqrt(1 / (1 - OUTSIDE_SHARE));
  const cx = (x0 + x1) / 2,
    cy = (y0 + y1) / 2,
    w = (x1 - x0) * grow,
    h = (y1 - y0) * grow;
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = cx + (rng() - 0.5) * w;
    xy[2 * i + 1] = cy + (rng() - 0.5) * h;
  }
  return xy;
}

function benchSize(grids: number, seed: number, xy: Float64Array, reps: number, passMs: number): void {
  const points = xy.length / 2;
  const t0 = performance.now();
  const fc = voronoiTiling({ grids, seed });
  const t1 = performance.now();
  const parsed = parseGrids(fc);
  const t2 = performance.now();
  if (!parsed.ok) throw new Error(`voronoiTiling gave grids parseGrids refuses: ${parsed.problems[0].message}`);
  const gridSet = parsed.gridSet;
  const shape = shapeOf(gridSet);
  progress(`${int(grids)} grids: tiling ${int(t1 - t0)} ms, parseGrids ${int(t2 - t1)} ms`);

  const rows: Row[] = [];
  // Memory of small indexes is measured over several copies (see retainedBytes).
  const copies = Math.max(1, Math.min(32, Math.round(2e6 / shape.vertices)));
  citygridRows(gridSet, xy, reps, copies, rows);
  rows.push(measure('turf loop (bbox-first)', () => turfLoop(gridSet), xy, reps, copies, passMs));
  rows.push(measure('rbush + turf', () => rbushTurf(gridSet), xy, reps, copies, passMs));
  rows.push(measure('flatbush + ray casting', () => flatbushRays(gridSet), xy, reps, copies, passMs));

  const outside = rows[0].answers.reduce((s, g) => s + (g < 0 ? 1 : 0), 0);
  console.log(`\n## ${int(grids)} grids\n`);
  console.log(
    `${int(shape.parts)} parts, ${int(shape.vertices)} vertices = ${sig((shape.vertices * 16) / 1e6)} MB of raw coordinates (16 B per vertex); ` +
      `${int(points)} points, ${sig((100 * outside) / points)} % outside; tiling generated in ${int(t1 - t0)} ms, parseGrids ${int(t2 - t1)} ms.\n`,
  );
  printTable(rows, shape.vertices * 16, gridSet, xy);
  printGoals(grids, rows, shape.vertices * 16);
}

/** Builds the router (timed, and once more for memory), then times locate, routeBatch and route. */
function citygridRows(gridSet: GridSet, xy: Float64Array, reps: number, copies: number, rows: Row[]): void {
  const points = xy.length / 2;
  const buildTimes = timeRuns(() => createRouter({ ...gridSet }).locate(xy[0], xy[1]), reps);
  // The flat arrays stand for what a binary grid file would hand over: made once, not timed.
  const t0 = performance.now();
  const flat = flattenGrids(gridSet);
  const flattenMs = performance.now() - t0;
  const flatTimes = timeRuns(() => createRouter({ ...gridSet }, { flat }).locate(xy[0], xy[1]), reps);
  const fromFlat = createRouter({ ...gridSet }, { flat });
  const { value: router, bytes } = retainedBytes(() => createRouter({ ...gridSet }), copies);
  const pass = (run: Locator, n: number) => {
    const answers = new Int32Array(n);
    const times = timeRuns(() => run(xy, answers, n), reps);
    return { times, answers };
  };
  rows.push({
    method: 'citygrid locate',
    build: stats(buildTimes),
    flatBuild: stats(flatTimes),
    bytes,
    points,
    ...pass((p, out, n) => passLocate(router, p, out, n), points),
  });
  rows.push({ method: 'citygrid routeBatch', build: null, bytes: null, points, ...pass((p, out) => passBatch(router, p, out), points) });
  const indexOf = new Map(gridSet.grids.map((g, i) => [g, i]));
  rows.push({
    method: 'citygrid route()',
    build: null,
    bytes: null,
    points,
    ...pass((p, out, n) => passRoute(router, indexOf, p, out, n), points),
  });
  let flatDiffers = 0;
  for (let i = 0; i < points; i++) if (fromFlat.locate(xy[2 * i], xy[2 * i + 1]) !== rows[rows.length - 3].answers[i]) flatDiffers++;
  flatNotes.push(
    `citygrid from flat coordinates (\`createRouter(gridSet, { flat })\`, the arrays from \`flattenGrids\` in ${int(flattenMs)} ms, not timed): ` +
      `build ${sig(stats(flatTimes).median)} ms (median of ${reps}; min ${sig(stats(flatTimes).min)}), answers ≠ citygrid locate: ${int(flatDiffers)} of ${int(points)}.`,
  );
  progress(
    `  citygrid: build ${sig(stats(buildTimes).median)} ms (from flat ${sig(stats(flatTimes).median)} ms), locate ${sig(lookups(rows[rows.length - 3]) / 1e6)} M lookups/s`,
  );
}

/** Times a baseline: builds (median), memory, then passes over the first n points (calibrated). */
function measure<T>(
  method: string,
  build: () => { index: T; locate: (index: T, xy: Float64Array, out: Int32Array, n: number) => number },
  xy: Float64Array,
  reps: number,
  copies: number,
  passMs: number,
): Row {
  const buildTimes = timeRuns(() => (build().index ? 1 : 0), reps);
  const { value, bytes } = retainedBytes(build, copies);
  const all = new Int32Array(xy.length / 2);
  // At least 100 points: the turf loop over 100k grids manages ~25 a second.
  const n = Math.max(
    Math.min(100, all.length),
    calibrate((k) => value.locate(value.index, xy, all, k), all.length, passMs),
  );
  const times = timeRuns(() => value.locate(value.index, xy, all, n), reps, 0);
  const row = { method, build: stats(buildTimes), bytes, times, points: n, answers: all.subarray(0, n) };
  progress(`  ${method}: build ${sig(row.build.median)} ms, ${sig(lookups(row) / 1e6)} M lookups/s on ${int(n)} points`);
  return row;
}

// --- citygrid passes: one function each, so every call site stays monomorphic -----------------

function passLocate(router: Router, xy: Float64Array, out: Int32Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += out[i] = router.locate(xy[2 * i], xy[2 * i + 1]);
  return s;
}

function passBatch(router: Router, xy: Float64Array, out: Int32Array): number {
  const found = router.routeBatch(xy);
  out.set(found);
  return found[found.length >> 1];
}

function passRoute(router: Router, index: Map<Grid, number>, xy: Float64Array, out: Int32Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const grid = router.route(xy[2 * i], xy[2 * i + 1]).grid;
    s += out[i] = grid === null ? -1 : index.get(grid)!;
  }
  return s;
}

// --- baselines -------------------------------------------------------------------------------

/** booleanPointInPolygon over every grid in order; the grid's bbox goes along so turf rejects cheaply. */
function turfLoop(gridSet: GridSet) {
  const index = gridSet.grids.map((g) => ({ ...g.geometry, bbox: g.bbox }));
  return {
    index,
    locate(polys: typeof index, xy: Float64Array, out: Int32Array, n: number): number {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const pt = [xy[2 * i], xy[2 * i + 1]];
        let found = -1;
        for (let g = 0; g < polys.length; g++) {
          if (booleanPointInPolygon(pt, polys[g])) {
            found = g;
            break;
          }
        }
        s += out[i] = found;
      }
      return s;
    },
  };
}

interface PartBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  grid: number;
  polygon: Polygon;
}

/** R-tree over part bboxes (what routePoint did before createRouter), turf on the candidates. */
function rbushTurf(gridSet: GridSet) {
  const entries: PartBox[] = [];
  gridSet.grids.forEach((grid, g) => {
    for (const rings of polygonsOf(grid.geometry))
      entries.push({ ...boxOf(rings[0]), grid: g, polygon: { type: 'Polygon', coordinates: rings } });
  });
  return {
    index: new RBush<PartBox>().load(entries),
    locate(tree: RBush<PartBox>, xy: Float64Array, out: Int32Array, n: number): number {
      const query = { minX: 0, minY: 0, maxX: 0, maxY: 0 };
      let s = 0;
      for (let i = 0; i < n; i++) {
        const pt = [xy[2 * i], xy[2 * i + 1]];
        query.minX = query.maxX = pt[0];
        query.minY = query.maxY = pt[1];
        let best = -1;
        for (const e of tree.search(query)) if ((best < 0 || e.grid < best) && booleanPointInPolygon(pt, e.polygon)) best = e.grid;
        s += out[i] = best;
      }
      return s;
    },
  };
}

interface FlatIndex {
  tree: Flatbush;
  coords: Float64Array;
  ringStart: Int32Array;
  partRing: Int32Array;
  partGrid: Int32Array;
}

/** Flatbush over part bboxes; a plain crossing-number test on flat typed arrays. */
function flatbushRays(gridSet: GridSet) {
  let vertices = 0,
    rings = 0,
    parts = 0;
  for (const grid of gridSet.grids) {
    for (const polygon of polygonsOf(grid.geometry)) {
      parts++;
      rings += polygon.length;
      for (const ring of polygon) vertices += ring.length;
    }
  }
  const f: FlatIndex = {
    tree: new Flatbush(parts),
    coords: new Float64Array(2 * vertices),
    ringStart: new Int32Array(rings + 1),
    partRing: new Int32Array(parts + 1),
    partGrid: new Int32Array(parts),
  };
  let v = 0,
    r = 0,
    p = 0;
  gridSet.grids.forEach((grid, g) => {
    for (const polygon of polygonsOf(grid.geometry)) {
      const box = boxOf(polygon[0]);
      f.tree.add(box.minX, box.minY, box.maxX, box.maxY);
      f.partGrid[p] = g;
      f.partRing[p++] = r;
      for (const ring of polygon) {
        f.ringStart[r++] = v;
        for (const [x, y] of ring) {
          f.coords[2 * v] = x;
          f.coords[2 * v++ + 1] = y;
        }
      }
    }
  });
  f.ringStart[r] = v;
  f.partRing[p] = r;
  f.tree.finish();
  return {
    index: f,
    locate(fi: FlatIndex, xy: Float64Array, out: Int32Array, n: number): number {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const x = xy[2 * i],
          y = xy[2 * i + 1];
        let best = -1;
        const hits = fi.tree.search(x, y, x, y);
        for (let k = 0; k < hits.length; k++) {
          const g = fi.partGrid[hits[k]];
          if ((best < 0 || g < best) && crossesOddly(fi, hits[k], x, y)) best = g;
        }
        s += out[i] = best;
      }
      return s;
    },
  };
}

/** Crossing number of the eastward ray over every ring of part p (holes included): odd is inside. */
function crossesOddly(f: FlatIndex, p: number, x: number, y: number): boolean {
  const c = f.coords;
  let inside = false;
  for (let r = f.partRing[p]; r < f.partRing[p + 1]; r++) {
    for (let e = f.ringStart[r], end = f.ringStart[r + 1] - 1; e < end; e++) {
      const ax = c[2 * e],
        ay = c[2 * e + 1],
        bx = c[2 * e + 2],
        by = c[2 * e + 3];
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
    }
  }
  return inside;
}

// --- helpers -----------------------------------------------------------------------------------

function polygonsOf(g: Polygon | MultiPolygon): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

function boxOf(ring: Position[]) {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

function shapeOf(gridSet: GridSet) {
  let parts = 0,
    vertices = 0;
  for (const grid of gridSet.grids) {
    for (const polygon of polygonsOf(grid.geometry)) {
      parts++;
      for (const ring of polygon) vertices += ring.length;
    }
  }
  return { parts, vertices };
}

const lookups = (row: Row) => row.points / (stats(row.times).median / 1000);

function printTable(rows: Row[], rawBytes: number, gridSet: GridSet, xy: Float64Array): void {
  const locate = lookups(rows[0]);
  console.log(
    '| method | build ms | memory MB (× raw) | M lookups/s (median) | ms per pass: min, mean ± std | points per pass | citygrid locate is × faster | answers ≠ citygrid |',
  );
  console.log('|---|--:|--:|--:|--:|--:|--:|---|');
  for (const row of rows) {
    const t = stats(row.times);
    const build = row.build ? sig(row.build.median) : '〃';
    const memory = row.bytes === null ? '〃' : canMeasureMemory ? `${sig(row.bytes / 1e6)} (${sig(row.bytes / rawBytes, 2)}×)` : 'n/a';
    const faster = row.method.startsWith('citygrid') ? '—' : `${sig(locate / lookups(row))}×`;
    const differs = row === rows[0] ? '—' : disagreement(rows[0].answers, row.answers, gridSet, xy);
    console.log(
      `| ${row.method} | ${build} | ${memory} | ${sig(lookups(row) / 1e6)} | ${sig(t.min)}, ${sig(t.mean)} ± ${sig(t.std, 2)} | ${int(row.points)} | ${faster} | ${differs} |`,
    );
  }
  for (const line of disagreementNotes.splice(0)) console.log(line);
  for (const line of flatNotes.splice(0)) console.log(`\n${line}`);
}

const flatNotes: string[] = [];

const disagreementNotes: string[] = [];

/** "0", or how many answers differ, how many of those are border points, and notes on the rest. */
function disagreement(reference: Int32Array, answers: Int32Array, gridSet: GridSet, xy: Float64Array): string {
  let differ = 0,
    border = 0;
  for (let i = 0; i < answers.length; i++) {
    if (answers[i] === reference[i]) continue;
    differ++;
    const x = xy[2 * i],
      y = xy[2 * i + 1];
    const d = Math.min(...[reference[i], answers[i]].filter((g) => g >= 0).map((g) => boundaryDistanceM(gridSet.grids[g].geometry, x, y)));
    if (d < BORDER_M) border++;
    else if (disagreementNotes.length < 5)
      disagreementNotes.push(
        `- point ${i} (${x}, ${y}): citygrid ${reference[i]}, other ${answers[i]}, ${sig(d)} m from the nearest boundary of either`,
      );
  }
  return differ === 0 ? '0' : `${int(differ)} (${int(border)} within 1 µm of a border)`;
}

/** Distance in metres from a point to a grid's boundary (local equirectangular metres). */
function boundaryDistanceM(g: Polygon | MultiPolygon, x: number, y: number): number {
  const kx = 111_320 * Math.cos((y * Math.PI) / 180),
    ky = 110_574;
  let d = Infinity;
  for (const polygon of polygonsOf(g)) {
    for (const ring of polygon) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const ax = (ring[i][0] - x) * kx,
          ay = (ring[i][1] - y) * ky,
          bx = (ring[i + 1][0] - x) * kx,
          by = (ring[i + 1][1] - y) * ky;
        const ex = bx - ax,
          ey = by - ay,
          len2 = ex * ex + ey * ey;
        const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * ex + ay * ey) / len2)) : 0;
        d = Math.min(d, Math.hypot(ax + t * ex, ay + t * ey));
      }
    }
  }
  return d;
}

function printGoals(grids: number, rows: Row[], rawBytes: number): void {
  const goal = GOALS.find((g) => grids <= g.upTo);
  if (!goal) {
    console.log(`\nNo goals set for more than ${int(GOALS[GOALS.length - 1].upTo)} grids.`);
    return;
  }

  const [locate, batch] = rows;
  const rbush = rows.find((r) => r.method === 'rbush + turf')!;
  const check = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  const lines = [
    `- locate ≥ ${goal.locate / 1e6} M lookups/s (random order): ${sig(lookups(locate) / 1e6)} M — ${check(lookups(locate) >= goal.locate)}`,
    `- build ≤ ${goal.buildMs} ms: ${sig(locate.build!.median)} ms from GeoJSON — ${check(locate.build!.median <= goal.buildMs)}; ` +
      `${sig(locate.flatBuild!.median)} ms from flat coordinates — ${check(locate.flatBuild!.median <= goal.buildMs)}`,
  ];
  if (goal.batch)
    lines.push(`- routeBatch ≥ ${goal.batch / 1e6} M lookups/s: ${sig(lookups(batch) / 1e6)} M — ${check(lookups(batch) >= goal.batch)}`);
  if (goal.rbushRatio) {
    const ratio = lookups(locate) / lookups(rbush);
    lines.push(`- locate ≥ ${goal.rbushRatio}× rbush + turf: ${sig(ratio)}× — ${check(ratio >= goal.rbushRatio)}`);
  }
  if (goal.memoryRatio) {
    const ratio = locate.bytes! / rawBytes;
    lines.push(
      `- memory ≤ ${goal.memoryRatio}× raw coordinates: ${canMeasureMemory ? `${sig(ratio, 2)}× — ${check(ratio <= goal.memoryRatio)}` : 'not measured (no --expose-gc)'}`,
    );
  }
  console.log(`\nGoals for ≤ ${int(goal.upTo)} grids:\n${lines.join('\n')}`);
}

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

main(); // last: every const above is initialised by now
