// Coverage validation: find 20 overlaps and 20 gaps injected into seeded Voronoi tilings.
// citygrid's validateCoverage against geos-wasm (GEOSCoverageIsValid + union holes), mapshaper
// (-mosaic + -dissolve) and turf (rbush candidate pairs + intersect), timed in the same run.
//
//   npx -y pnpm@10 bench coverage [--grids 1000,10000,50000] [--reps 3] [--seed 1]
//                                 [--slow-ms 15000] [--baseline-ms 3000] [--full-ms 20000]
//                                 [--parts synthetic,real,lattice] [--lattice 2000,20000] [--real-reps 10]
//
// Single-threaded (JS and wasm run on one core). The defects and the tally: coverage-defects.ts.
// The real-data part reads ../shared/data-external in place; the noisy-lattice part builds
// squares as x0 + i·0.001 (neighbours 1 ulp apart): coverage-real.ts.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import intersect from '@turf/intersect';
import initGeosJs from 'geos-wasm';
import mapshaper from 'mapshaper';
import RBush from 'rbush';
import type { FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { mulberry32, parseGrids, validateCoverage, type BBox, type CoverageResult } from '../src/index.ts';
import { voronoiTiling } from '../test/support/voronoi-tiling.ts';
import { boxOf, injectDefects, ringsOf, tally, type Defect, type Report, type Tally } from './coverage-defects.ts';
import { memoryProbe, realAndLattice, type SideBySide } from './coverage-real.ts';
import { calibrate, int, machineFacts, memoryNow, sig, sink, stats } from './harness.ts';

const DEFAULTS = {
  grids: '1000,10000,50000', // the sizes the issue names
  reps: '3', // timed runs per method, after one warm-up run
  seed: '1', // tiling and defects
  'slow-ms': '15000', // a method whose first run takes longer is timed by that run alone (no warm-up)
  'baseline-ms': '3000', // turf: a sampled pass over candidate pairs takes about this long
  'full-ms': '20000', // turf: every pair is intersected (once) when that should take less than this
  parts: 'synthetic,real,lattice', // synthetic: injected defects (all baselines); real, lattice: beside geos-wasm only
  lattice: '2000,20000', // squares in the noisy lattice (issue 18)
  'real-reps': '10', // timed runs for the real and lattice rows: the JIT needs ~10 runs of LA to settle
  'memory-probe': '', // internal: one citygrid run on this input in a fresh process, prints its peak RSS
};
const DEFECTS = { overlaps: 20, gaps: 20 }; // from the issue
const ISSUE_GEOS_S: Record<number, number> = { 10_000: 0.24, 50_000: 1.24 }; // geos-wasm as the issue quotes it, one core
const GOAL_FASTER_FROM = 10_000; // citygrid should beat geos-wasm from this many grids on

export type Tiling = FeatureCollection<Polygon | MultiPolygon, { id: string }>;
type Geos = Awaited<ReturnType<typeof initGeosJs>>;

interface Row {
  method: string;
  /** What the time includes, in words. */
  covers: string;
  /** One per timed run (or one sum of medians for a derived row). */
  times: Timing[];
  /** Which kinds the method looks for (a found column shows — otherwise); none: a preparation row. */
  looksFor: Array<Defect['kind']>;
  tally?: Tally;
  /** turf on a sample of pairs: time extrapolated; found from the defects' own pairs, false positives from the sample. */
  sample?: { pairs: number; of: number };
  /** Computed from other rows, not run on its own. */
  derived?: true;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: Object.fromEntries(Object.keys(DEFAULTS).map((k) => [k, { type: 'string' as const }])),
    strict: true,
  });
  const opt = { ...DEFAULTS, ...values } as typeof DEFAULTS;
  const sizes = opt.grids.split(',').map((s) => Number(s.replace(/_/g, '')));
  const [reps, seed, slowMs, passMs, fullMs] = [opt.reps, opt.seed, opt['slow-ms'], opt['baseline-ms'], opt['full-ms']].map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 100))
    throw new RangeError(`--grids: expected integers ≥ 100 separated by commas, got ${opt.grids}`);
  if (!Number.isInteger(reps) || reps < 1) throw new RangeError(`--reps: expected a positive integer, got ${opt.reps}`);
  if (!Number.isInteger(seed)) throw new RangeError(`--seed: expected an integer, got ${opt.seed}`);
  for (const [name, ms] of [
    ['slow-ms', slowMs],
    ['baseline-ms', passMs],
    ['full-ms', fullMs],
  ] as const) {
    if (!(ms > 0)) throw new RangeError(`--${name}: expected a positive number of milliseconds, got ${opt[name]}`);
  }

  if (opt['memory-probe']) return memoryProbe(opt['memory-probe']);
  const parts = opt.parts.split(',');
  const latticeSizes = opt.lattice.split(',').map(Number);
  if (parts.some((p) => !['synthetic', 'real', 'lattice'].includes(p)))
    throw new RangeError(`--parts: expected some of synthetic,real,lattice, got ${opt.parts}`);
  if (latticeSizes.some((n) => !Number.isInteger(n) || n < 4))
    throw new RangeError(`--lattice: expected integers ≥ 4 separated by commas, got ${opt.lattice}`);
  const t0 = performance.now();
  const geos = await initGeosJs({
    errorHandler: (message) => {
      geosError = message;
    },
  });
  const geosInitMs = performance.now() - t0;
  console.log(`# Coverage benchmark\n\n${machineFacts()}\n`);
  console.log(
    `Voronoi tilings of [109.0, 32.7, 109.5, 33.2] (seed ${seed}), ${DEFECTS.overlaps} overlaps and ${DEFECTS.gaps} gaps injected (seed ${seed}).`,
  );
  console.log(
    `Times: median of ${plural(reps, 'run', 'runs')} after 1 warm-up run; a method whose first run takes over ${int(slowMs)} ms is timed by that run alone.`,
  );
  console.log(
    'Wall-clock time, and CPU time (user + system of this process, GC threads included): on a shared machine the CPU time is what the method costs, the wall time adds waiting for a core.',
  );
  console.log(`geos-wasm ${GEOS_VERSION} initialised in ${int(geosInitMs)} ms (not counted); mapshaper 0.7.70; @turf/intersect 7.4.`);
  if (parts.includes('synthetic')) for (const grids of sizes) await benchSize(geos, grids, seed, reps, slowMs, passMs, fullMs);
  const sideBySide: SideBySide = {
    convert: geosConverter(geos),
    check: (c, ids) => geosCheck(geos, c, ids),
    unaryHoles: (c) => geosUnaryHoles(geos, c),
    destroy: (g) => geos.GEOSGeom_destroy(g),
    wasmBytes: () => geos.Module.HEAPU8.length,
    time: timeMethod,
  };
  if (parts.includes('real') || parts.includes('lattice'))
    await realAndLattice(
      sideBySide,
      parts.includes('real'),
      parts.includes('lattice') ? latticeSizes : [],
      Number(opt['real-reps']),
      slowMs,
    );
  console.log(`\nsink ${sink.value}`);
}

const GEOS_VERSION = '3.13.0 (geos-wasm 3.1.1)';

async function benchSize(
  geos: Geos,
  grids: number,
  seed: number,
  reps: number,
  slowMs: number,
  passMs: number,
  fullMs: number,
): Promise<void> {
  const t0 = performance.now();
  const fc = voronoiTiling({ grids, seed }) as Tiling;
  const t1 = performance.now();
  const defects = injectDefects(fc, seed, DEFECTS);
  const t2 = performance.now();
  const parsed = parseGrids(fc);
  const t3 = performance.now();
  if (!parsed.ok) throw new Error(`parseGrids refused the damaged tiling: ${parsed.problems[0].message}`);
  progress(`${int(grids)} grids: tiling ${int(t1 - t0)} ms, defects ${int(t2 - t1)} ms, parseGrids ${int(t3 - t2)} ms`);

  const rows: Row[] = [];
  const citygrid = await citygridRow(parsed.gridSet, defects, reps, slowMs);
  rows.push(citygrid.row);
  await geosRows(geos, fc, defects, reps, slowMs, rows);
  rows.push(await mapshaperRow(fc, defects, reps, slowMs));
  rows.push(await turfRow(fc, defects, seed, reps, slowMs, passMs, fullMs));

  const vertices = fc.features.reduce((s, f) => s + ringsOf(f).reduce((t, r) => t + r.length, 0), 0);
  console.log(`\n## ${int(grids)} grids\n`);
  console.log(
    `${int(vertices)} ring vertices; tiling generated in ${int(t1 - t0)} ms, defects placed in ${int(t2 - t1)} ms, parseGrids ${int(t3 - t2)} ms (not counted).`,
  );
  console.log(describeDefects(defects) + '\n');
  printTable(rows);
  printNotes(rows);
  printPhases(citygrid.result);
  console.log(
    `- load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} after this size (other processes share the cores).`,
  );
  printGoals(grids, rows);
}

// --- citygrid ----------------------------------------------------------------------------------

async function citygridRow(gridSet: Parameters<typeof validateCoverage>[0], defects: Defect[], reps: number, slowMs: number) {
  const { times, value } = await timeMethod(
    () => null,
    () => validateCoverage(gridSet),
    reps,
    slowMs,
  );
  sink.value += value.problems.length;
  const reports: Report[] = value.problems.map((p) => ({
    kind: p.kind === 'overlap' || p.kind === 'gap' ? p.kind : 'other',
    box: geometryBox(p.geometry),
    what: `${p.kind} ${p.grids.join('/')}${p.area_m2 === undefined ? '' : ` ${sig(p.area_m2)} m²`}${p.reason ? ` (${p.reason})` : ''}`,
  }));
  progress(`  citygrid: ${sig(median(times, 'wall'))} ms, ${value.problems.length} problems`);
  const row: Row = {
    method: 'citygrid validateCoverage',
    covers: 'validateCoverage(gridSet) with defaults; parseGrids not counted',
    times,
    looksFor: ['overlap', 'gap'],
    tally: tally(defects, reports),
  };
  return { row, result: value };
}

// --- geos-wasm ---------------------------------------------------------------------------------

/**
 * Conversion, GEOSCoverageIsValid and both ways to the union's holes as rows, then IsValid plus
 * the faster union that worked (the fair comparison for GEOS) and that with conversion.
 */
async function geosRows(geos: Geos, fc: Tiling, defects: Defect[], reps: number, slowMs: number, rows: Row[]): Promise<void> {
  const convert = geosConverter(geos);
  const conversion = await timeMethod(
    () => null,
    () => convert(fc),
    reps,
    slowMs,
    (g) => geos.GEOSGeom_destroy(g),
  );
  const collection = conversion.value;
  const ids = fc.features.map((f) => f.properties.id);
  const { runs, value: last } = await timeMethod(
    () => null,
    () => geosCheck(geos, collection, ids),
    reps,
    slowMs,
  );
  const unaryRun = await timeMethod(
    () => null,
    () => geosUnaryHoles(geos, collection),
    reps,
    slowMs,
  );
  geos.GEOSGeom_destroy(collection);
  const unaryHoles = unaryRun.value;
  sink.value += last.edges.length + last.coverageHoles.length + unaryHoles.length;
  const isValid = runs.map((r) => r.isValid),
    coverage = runs.map((r) => r.coverageUnion),
    unary = unaryRun.times;
  const coverageFailed = last.coverageUnionError !== null;
  const useCoverage = !coverageFailed && median(coverage, 'cpu') < median(unary, 'cpu');
  // IsValid and GEOSCoverageUnion ran together, so their sums are per run; GEOSUnaryUnion ran apart.
  const checkTimes = useCoverage ? isValid.map((t, i) => plus(t, coverage[i])) : [plus(medians(isValid), medians(unary))];
  const [bestHoles, bestName] = useCoverage ? [last.coverageHoles, 'GEOSCoverageUnion'] : [unaryHoles, 'GEOSUnaryUnion'];
  const holesCover = (name: string) => `${name} of the collection, its interior rings read back as boxes`;
  rows.push(
    {
      method: 'geos-wasm: GeoJSON → GEOS',
      covers: 'coordinates copied into wasm, GEOS rings, polygons, one GeometryCollection',
      times: conversion.times,
      looksFor: [],
    },
    {
      method: 'geos-wasm: GEOSCoverageIsValid',
      covers: 'gapWidth 0; invalid edges read back as boxes',
      times: isValid,
      looksFor: ['overlap'],
      tally: tally(defects, last.edges),
    },
    coverageFailed
      ? {
          method: 'geos-wasm: union holes (GEOSCoverageUnion)',
          covers: `FAILED on this input: ${last.coverageUnionError}`,
          times: coverage,
          looksFor: [],
        }
      : {
          method: 'geos-wasm: union holes (GEOSCoverageUnion)',
          covers: `${holesCover('GEOSCoverageUnion')} (it assumes a valid coverage; may fail on overlaps, did not here)`,
          times: coverage,
          looksFor: ['gap'],
          tally: tally(defects, last.coverageHoles),
        },
    {
      method: 'geos-wasm: union holes (GEOSUnaryUnion)',
      covers: `${holesCover('GEOSUnaryUnion')} (a full overlay union, valid for any input)`,
      times: unary,
      looksFor: ['gap'],
      tally: tally(defects, unaryHoles),
    },
    {
      method: GEOS_CHECK,
      covers: `GEOSCoverageIsValid + ${bestName} holes, the faster union that worked (conversion not counted)`,
      times: checkTimes,
      looksFor: ['overlap', 'gap'],
      tally: tally(defects, [...last.edges, ...bestHoles]),
      ...(useCoverage ? {} : { derived: true as const }),
    },
    {
      method: 'geos-wasm: all, with conversion',
      covers: 'conversion + the row above (sum of medians)',
      times: [plus(medians(conversion.times), medians(checkTimes))],
      looksFor: ['overlap', 'gap'],
      tally: tally(defects, [...last.edges, ...bestHoles]),
      derived: true,
    },
  );
  progress(
    `  geos-wasm: conversion ${sig(median(conversion.times, 'wall'))} ms, IsValid ${sig(median(isValid, 'wall'))} ms, ` +
      `GEOSCoverageUnion ${coverageFailed ? 'failed' : `${sig(median(coverage, 'wall'))} ms`}, GEOSUnaryUnion ${sig(median(unary, 'wall'))} ms`,
  );
}

const GEOS_CHECK = 'geos-wasm: IsValid + union holes';

/** A function from GeoJSON features to one GEOS GeometryCollection (the caller destroys it). */
function geosConverter(geos: Geos) {
  const M = geos.Module;
  let buffer = 0,
    capacity = 0; // positions
  const pointers = (ptrs: number[]) => {
    const p = M._malloc(4 * Math.max(1, ptrs.length));
    M.HEAPU32.set(ptrs, p >>> 2);
    return p;
  };
  const collection = (type: number, members: number[]) => {
    const p = pointers(members);
    const g = geos.GEOSGeom_createCollection(type, p, members.length);
    M._free(p);
    return g;
  };
  const ring = (coords: Position[]) => {
    if (coords.length > capacity) {
      M._free(buffer);
      capacity = 2 * coords.length;
      buffer = M._malloc(16 * capacity);
    }
    const heap = M.HEAPF64; // read after _malloc: a grown wasm memory is a new buffer
    for (let i = 0, o = buffer >>> 3; i < coords.length; i++, o += 2) {
      heap[o] = coords[i][0];
      heap[o + 1] = coords[i][1];
    }
    return geos.GEOSGeom_createLinearRing(geos.GEOSCoordSeq_copyFromBuffer(buffer, coords.length, 0, 0));
  };
  const polygon = (rings: Position[][]) => {
    const holes = rings.slice(1).map(ring);
    const p = holes.length ? pointers(holes) : 0;
    const g = geos.GEOSGeom_createPolygon(ring(rings[0]), p, holes.length);
    if (p) M._free(p);
    return g;
  };
  return (fc: Tiling): number =>
    collection(
      GEOS_COLLECTION,
      fc.features.map(({ geometry: g }) =>
        g.type === 'Polygon' ? polygon(g.coordinates) : collection(GEOS_MULTIPOLYGON, g.coordinates.map(polygon)),
      ),
    );
}

const GEOS_MULTIPOLYGON = 6;
const GEOS_COLLECTION = 7;

export interface GeosResult {
  /** Time of this run in GEOSCoverageIsValid and reading its edges back, then in GEOSCoverageUnion and its holes. */
  isValid: Timing;
  coverageUnion: Timing;
  edges: Report[];
  coverageHoles: Report[];
  /** GEOS's message when GEOSCoverageUnion gave NULL, else null. */
  coverageUnionError: string | null;
}

/**
 * GEOSCoverageIsValid (overlaps and unmatched edges; gapWidth 0), then the holes of
 * GEOSCoverageUnion (gaps): fast, but meant for valid coverages, so it may fail on overlaps.
 */
function geosCheck(geos: Geos, collection: number, ids: string[]): GeosResult {
  const M = geos.Module;
  const out = M._malloc(4);
  M.HEAPU32[out >>> 2] = 0;
  const t0 = clock();
  const code = geos.GEOSCoverageIsValid(collection, 0, out);
  if (code === 2) throw new Error(`GEOSCoverageIsValid raised an exception: ${takeGeosError()}`);
  const edges: Report[] = [];
  const invalid = M.HEAPU32[out >>> 2];
  M._free(out);
  if (invalid) {
    for (let i = 0; i < ids.length; i++) {
      const lines = geos.GEOSGetGeometryN(invalid, i);
      if (geos.GEOSisEmpty(lines)) continue;
      for (let j = 0, n = geos.GEOSGetNumGeometries(lines); j < n; j++)
        edges.push({ kind: 'overlap', box: geosBox(geos, geos.GEOSGetGeometryN(lines, j)), what: `invalid edge of ${ids[i]}` });
    }
    geos.GEOSGeom_destroy(invalid);
  }
  const isValid = since(t0);
  const t1 = clock();
  takeGeosError();
  const coverageHoles = unionHoles(geos, geos.GEOSCoverageUnion(collection), 'GEOSCoverageUnion');
  const coverageUnionError = coverageHoles ? null : (takeGeosError() ?? 'NULL without a message');
  return { isValid, coverageUnion: since(t1), edges, coverageHoles: coverageHoles ?? [], coverageUnionError };
}

/** The holes of GEOSUnaryUnion (a full overlay: right for any input, overlaps included). */
function geosUnaryHoles(geos: Geos, collection: number): Report[] {
  const holes = unionHoles(geos, geos.GEOSUnaryUnion(collection), 'GEOSUnaryUnion');
  if (!holes) throw new Error(`GEOSUnaryUnion failed: ${takeGeosError()}`);
  return holes;
}

/** The interior rings of a union as gap reports, or null for a NULL union; destroys the union. */
function unionHoles(geos: Geos, union: number, name: string): Report[] | null {
  if (!union) return null;
  const holes: Report[] = [];
  for (let i = 0, n = geos.GEOSGetNumGeometries(union); i < n; i++) {
    const part = geos.GEOSGetGeometryN(union, i);
    for (let k = 0, h = geos.GEOSGetNumInteriorRings(part); k < h; k++)
      holes.push({ kind: 'gap', box: geosBox(geos, geos.GEOSGetInteriorRingN(part, k)), what: `hole in the ${name}` });
  }
  geos.GEOSGeom_destroy(union);
  return holes;
}

/** A GEOS geometry's envelope. */
function geosBox(geos: Geos, g: number): BBox {
  const M = geos.Module;
  const p = M._malloc(8);
  const read = (f: (g: number, p: number) => number) => (f.call(geos, g, p), M.HEAPF64[p >>> 3]);
  const box: BBox = [read(geos.GEOSGeom_getXMin), read(geos.GEOSGeom_getYMin), read(geos.GEOSGeom_getXMax), read(geos.GEOSGeom_getYMax)];
  M._free(p);
  return box;
}

// GEOS errors: with a handler, geos-wasm passes the message here and the call returns NULL or 2
// (without one it throws through the wasm frames).
let geosError: string | null = null;
const takeGeosError = () => {
  const message = geosError;
  geosError = null;
  return message;
};

// --- mapshaper ---------------------------------------------------------------------------------

// One import, then two commands on it: -mosaic counts the grids over each tile (n > 1: overlap),
// -dissolve merges all grids (gap-width=0: fill no gap; its holes are the gaps).
const MAPSHAPER_COMMANDS =
  "-quiet -i grids.json name=grids -mosaic + name=tiles calc='n=count()' -filter 'n > 1' target=tiles " +
  '-dissolve gap-width=0 target=grids + name=cover -o target=tiles,cover format=geojson';

async function mapshaperRow(fc: Tiling, defects: Defect[], reps: number, slowMs: number): Promise<Row> {
  // mapshaper rewinds the input's rings in place: each run gets a fresh deep copy (not timed).
  const { times, value } = await timeMethod(
    () => structuredClone(fc),
    (copy) => mapshaperRun(copy),
    reps,
    slowMs,
  );
  sink.value += value.length;
  progress(`  mapshaper: ${sig(median(times, 'wall'))} ms, ${value.length} reports`);
  return {
    method: 'mapshaper -mosaic + -dissolve',
    covers: 'applyCommands on the GeoJSON object: import (topology), -mosaic, -dissolve, GeoJSON out, JSON.parse, holes read',
    times,
    looksFor: ['overlap', 'gap'],
    tally: tally(defects, value),
  };
}

async function mapshaperRun(copy: Tiling): Promise<Report[]> {
  const out = await mapshaper.applyCommands(MAPSHAPER_COMMANDS, { 'grids.json': copy });
  const text = (x: string | Uint8Array) => (typeof x === 'string' ? x : new TextDecoder().decode(x));
  const reports: Report[] = [];
  for (const g of geometriesOf(JSON.parse(text(out['tiles.json']))))
    reports.push({ kind: 'overlap', box: geometryBox(g), what: 'mosaic tile under 2+ grids' });
  for (const g of geometriesOf(JSON.parse(text(out['cover.json'])))) {
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    for (const rings of polygons)
      for (const hole of rings.slice(1)) reports.push({ kind: 'gap', box: boxOf(hole), what: 'hole in the dissolved grids' });
  }
  return reports;
}

/** The geometries of a GeoJSON FeatureCollection or GeometryCollection (mapshaper writes either). */
function geometriesOf(json: { features?: Array<{ geometry: Geometry | null }>; geometries?: Geometry[] }): Geometry[] {
  const all = json.features ? json.features.map((f) => f.geometry) : (json.geometries ?? []);
  return all.filter((g): g is Geometry => g !== null);
}

// --- turf --------------------------------------------------------------------------------------

interface PairBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  i: number;
}

/**
 * rbush over the grids' boxes gives candidate pairs; @turf/intersect on each pair gives the
 * overlaps (turf has no gap finder). At ~5 ms a pair (polyclip-ts), all pairs are intersected
 * only when that takes under fullMs; otherwise a seeded random sample is timed and the time
 * extrapolated to every pair, the defects' own pairs are intersected apart (untimed) for the
 * found count, and false positives are those of the sample.
 */
async function turfRow(
  fc: Tiling,
  defects: Defect[],
  seed: number,
  reps: number,
  slowMs: number,
  passMs: number,
  fullMs: number,
): Promise<Row> {
  const paired = await timeMethod(
    () => null,
    () => candidatePairs(fc),
    reps,
    slowMs,
  );
  const pairs = paired.value;
  const total = pairs.length / 2;
  const order = shuffled(total, mulberry32(seed ^ 0x7a1f));
  let reports: Report[] = [];
  const pass = (n: number) => {
    reports = intersectPairs(fc, pairs, order, n);
    return reports.length;
  };

  const n = calibrate(pass, total, passMs); // its runs warm up too
  const t0 = clock();
  sink.value += pass(n);
  const perPair = since(t0).cpu / n;
  const pairTime = medians(paired.times);
  const covers = `rbush of grid boxes, candidate pairs (${int(total)}), @turf/intersect per pair; overlaps only`;
  const row: Row = { method: 'turf pairwise (rbush + intersect)', covers, times: [], looksFor: ['overlap'] };
  if (perPair * total <= fullMs) {
    const t1 = clock();
    sink.value += pass(total);
    row.times = [plus(pairTime, since(t1))];
    row.covers += '; every pair, one run';
  } else {
    for (let r = 0; r < reps; r++) {
      const t1 = clock();
      sink.value += pass(n);
      const t = since(t1);
      row.times.push(plus(pairTime, { wall: (t.wall / n) * total, cpu: (t.cpu / n) * total }));
    }
    row.sample = { pairs: n, of: total };
    row.covers += `; EXTRAPOLATED from ${int(n)} random pairs (${sig((100 * n) / total, 2)} %), ${plural(reps, 'pass', 'passes')}`;
    // Found: the defects' own pairs, intersected apart (not timed); false positives: the sample's.
    const own = defectPairs(fc, defects, pairs);
    row.tally = tally(defects, [...reports, ...intersectPairs(fc, pairs, own, own.length)]);
    return done(row);
  }
  row.tally = tally(defects, reports);
  return done(row);
}

function done(row: Row): Row {
  progress(
    `  turf: ${sig(median(row.times, 'wall'))} ms${row.sample ? ` (extrapolated from ${int(row.sample.pairs)} of ${int(row.sample.of)} pairs)` : ''}`,
  );
  return row;
}

/** Pairs i < j of grids whose boxes meet, flat: [i0, j0, i1, j1, …]. */
function candidatePairs(fc: Tiling): Int32Array {
  const items: PairBox[] = fc.features.map((f, i) => {
    const [minX, minY, maxX, maxY] = boxOf(ringsOf(f).flat());
    return { minX, minY, maxX, maxY, i };
  });
  const tree = new RBush<PairBox>().load(items);
  const out: number[] = [];
  for (const a of items) for (const b of tree.search(a)) if (b.i > a.i) out.push(a.i, b.i);
  return Int32Array.from(out);
}

function intersectPairs(fc: Tiling, pairs: Int32Array, order: Int32Array, n: number): Report[] {
  const reports: Report[] = [];
  for (let k = 0; k < n; k++) {
    const p = order[k];
    const a = fc.features[pairs[2 * p]],
      b = fc.features[pairs[2 * p + 1]];
    const piece = intersect({ type: 'FeatureCollection', features: [a, b] });
    if (piece) reports.push({ kind: 'overlap', box: geometryBox(piece.geometry), what: `${a.properties.id} ∩ ${b.properties.id}` });
  }
  return reports;
}

/** Indexes of the candidate pairs made of a defect's two grids. */
function defectPairs(fc: Tiling, defects: Defect[], pairs: Int32Array): Int32Array {
  const wanted = new Set(defects.map((d) => [...d.grids].sort().join(' ')));
  const out: number[] = [];
  for (let p = 0; p < pairs.length / 2; p++) {
    if (wanted.has([fc.features[pairs[2 * p]].properties.id, fc.features[pairs[2 * p + 1]].properties.id].sort().join(' '))) out.push(p);
  }
  return Int32Array.from(out);
}

// --- timing and printing -----------------------------------------------------------------------

/**
 * Times `run(prepare())` `reps` times after one warm-up run, with a full collection before each
 * run (prepare and collection not timed). If the warm-up run takes over slowMs it is the only
 * run. `dispose` frees every value but the last. Returns the times, each timed run's value and
 * the last.
 */
async function timeMethod<I, T>(
  prepare: () => I,
  run: (input: I) => T | Promise<T>,
  reps: number,
  slowMs: number,
  dispose: (value: T) => void = () => {},
) {
  const once = async () => {
    const input = prepare();
    memoryNow();
    const t0 = clock();
    const value = await run(input);
    return { time: since(t0), value };
  };
  const first = await once();
  if (first.time.wall > slowMs) return { times: [first.time], runs: [first.value], value: first.value };
  let last = first;
  const times: Timing[] = [];
  const runs: T[] = [];
  for (let i = 0; i < reps; i++) {
    dispose(last.value);
    last = await once();
    times.push(last.time);
    runs.push(last.value);
  }
  return { times, runs, value: last.value };
}

function geometryBox(g: Geometry): BBox {
  const points: Position[] = [];
  const walk = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') points.push(c as Position);
    else for (const x of c as unknown[]) walk(x);
  };
  if (g.type === 'GeometryCollection') for (const m of g.geometries) points.push(...boxCorners(geometryBox(m)));
  else walk(g.coordinates);
  return boxOf(points);
}

const boxCorners = (b: BBox): Position[] => [
  [b[0], b[1]],
  [b[2], b[3]],
];

function describeDefects(defects: Defect[]): string {
  const range = (xs: number[], digits = 2) => `${sig(Math.min(...xs), digits)}–${sig(Math.max(...xs), digits)}`;
  return (
    `Defects: ${defects.filter((d) => d.kind === 'overlap').length} overlaps, ${defects.filter((d) => d.kind === 'gap').length} gaps, each a vertex of one grid moved ` +
    `${range(defects.map((d) => d.shift_m))} m off a straight border (triangles of ${range(defects.map((d) => d.area_m2))} m²), ≥ 2 km apart, no grid in two.`
  );
}

function printTable(rows: Row[]): void {
  const [wall0, cpu0] = [median(rows[0].times, 'wall'), median(rows[0].times, 'cpu')];
  console.log(
    '| method | wall s: median | min | CPU s: median | runs | ÷ citygrid: wall | CPU | overlaps found | gaps found | false positives | the time covers |',
  );
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|');
  for (const row of rows) {
    const [wall, cpu] = [median(row.times, 'wall'), median(row.times, 'cpu')];
    const mark = row.sample ? ' ‡' : '';
    const ratio = (x: number, x0: number) => (row === rows[0] ? '—' : `${sig(x / x0)}×`);
    const found = (kind: Defect['kind']) => {
      if (!row.tally || !row.looksFor.includes(kind)) return '—';
      const n = kind === 'overlap' ? row.tally.overlaps : row.tally.gaps;
      return `${n}/${DEFECTS[kind === 'overlap' ? 'overlaps' : 'gaps']}${row.sample ? ' ‡' : ''}`;
    };
    const fp = row.tally ? `${row.tally.falsePositives.length}${row.sample ? ' in sample' : ''}` : '—';
    const min = row.derived ? '—' : sig(Math.min(...row.times.map((t) => t.wall)) / 1000);
    console.log(
      `| ${row.method}${row.derived ? ' †' : ''} | ${sig(wall / 1000)}${mark} | ${min} | ${sig(cpu / 1000)}${mark} | ${row.derived ? '—' : row.times.length} | ${ratio(wall, wall0)} | ${ratio(cpu, cpu0)} | ${found('overlap')} | ${found('gap')} | ${fp} | ${row.covers} |`,
    );
  }
  if (rows.some((r) => r.derived)) console.log('\n† a sum of medians of parts timed apart, not a run of its own.');
  if (rows.some((r) => r.sample))
    console.log(
      "‡ extrapolated: candidate pairs (median) + per-pair time of a random sample × all pairs; found counted by intersecting the defects' own pairs apart (not timed); false positives counted in the sample.",
    );
}

/** Misses, false positives and reports of another kind at a defect, per method (up to 5 each). */
function printNotes(rows: Row[]): void {
  const at = (b: BBox) => `${sig((b[0] + b[2]) / 2, 9)}E ${sig((b[1] + b[3]) / 2, 8)}N`;
  const lines: string[] = [];
  for (const row of rows) {
    const t = row.tally;
    if (!t) continue;
    const missed = t.missed.filter((d) => row.looksFor.includes(d.kind));
    for (const d of missed.slice(0, 5))
      lines.push(
        `- ${row.method} missed the ${d.kind} of ${d.grids.join(' into ')} at ${at(d.box)} (${sig(d.area_m2)} m², vertex moved ${sig(d.shift_m)} m)`,
      );
    if (missed.length > 5) lines.push(`- ${row.method}: ${missed.length - 5} more missed`);
    for (const r of t.falsePositives.slice(0, 5)) lines.push(`- ${row.method} false positive: ${r.what} at ${at(r.box)}`);
    if (t.falsePositives.length > 5) lines.push(`- ${row.method}: ${t.falsePositives.length - 5} more false positives`);
    if (t.sideReports.length)
      lines.push(
        `- ${row.method}: ${t.sideReports.length} report(s) of another kind at defects, e.g. ${t.sideReports[0].what} at ${at(t.sideReports[0].box)}`,
      );
  }
  if (lines.length) console.log(`\n${lines.join('\n')}`);
}

function printPhases(result: CoverageResult): void {
  const { ms, edges, unmatchedEdges, clusters } = result.stats;
  console.log(
    `\n- citygrid phases (last run, ms): geometry ${sig(ms.geometry)}, hashing ${sig(ms.hashing)}, outer border ${sig(ms.outer)}, resolve ${sig(ms.resolve)}, ` +
      `hierarchy ${sig(ms.hierarchy)}, total ${sig(ms.total)}; ${int(edges)} edges, ${int(unmatchedEdges)} unmatched, ${clusters} clusters.`,
  );
}

function printGoals(grids: number, rows: Row[]): void {
  const check = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  const citygrid = rows[0];
  const t = citygrid.tally!;
  const found = t.overlaps + t.gaps;
  const of = (method: string) => rows.find((r) => r.method === method)!.times;
  const lines = [
    `- all ${DEFECTS.overlaps + DEFECTS.gaps} found: ${found} (${t.overlaps} overlaps, ${t.gaps} gaps) — ${check(found === DEFECTS.overlaps + DEFECTS.gaps)}`,
    `- 0 false positives: ${t.falsePositives.length} — ${check(t.falsePositives.length === 0)}`,
  ];
  const secs = (ms: number) => `${sig(ms / 1000)} s`;
  const versus = (label: string, times: Timing[]) =>
    (['wall', 'cpu'] as const).map((k) => {
      const [mine, theirs] = [median(citygrid.times, k), median(times, k)];
      return {
        text: `${k === 'wall' ? 'wall' : 'CPU'} ${secs(mine)} vs ${secs(theirs)} (${label} ÷ citygrid ${sig(theirs / mine)}×)`,
        ok: mine < theirs,
      };
    });
  if (grids >= GOAL_FASTER_FROM) {
    const [wall, cpu] = versus('geos', of(GEOS_CHECK));
    lines.push(
      `- faster than geos-wasm (GEOSCoverageIsValid + the faster union's holes, conversion not counted): ${wall.text} — ${check(wall.ok)}; ${cpu.text} — ${check(cpu.ok)}`,
    );
  }
  const isValid = of('geos-wasm: GEOSCoverageIsValid');
  const unary = [plus(medians(isValid), medians(of('geos-wasm: union holes (GEOSUnaryUnion)')))];
  const quoted = ISSUE_GEOS_S[grids];
  lines.push(
    `- for reference, GEOSCoverageIsValid alone: ${versus('it', isValid)
      .map((v) => v.text)
      .join(', ')}`,
  );
  lines.push(
    `- for reference, GEOSCoverageIsValid + GEOSUnaryUnion's holes (right for any input): ${versus('it', unary)
      .map((v) => v.text)
      .join(', ')}${quoted ? `; the issue quotes geos-wasm at ${quoted} s here` : ''}`,
  );
  console.log(`\nGoals at ${int(grids)} grids:\n${lines.join('\n')}`);
}

/** Milliseconds of wall-clock time and of CPU time (user + system, all threads of this process). */
export interface Timing {
  wall: number;
  cpu: number;
}

function clock(): Timing {
  const { user, system } = process.cpuUsage();
  return { wall: performance.now(), cpu: (user + system) / 1000 };
}

function since(t0: Timing): Timing {
  const t = clock();
  return { wall: t.wall - t0.wall, cpu: t.cpu - t0.cpu };
}

const plus = (a: Timing, b: Timing): Timing => ({ wall: a.wall + b.wall, cpu: a.cpu + b.cpu });
const median = (times: Timing[], k: keyof Timing) => stats(times.map((t) => t[k])).median;
const medians = (times: Timing[]): Timing => ({ wall: median(times, 'wall'), cpu: median(times, 'cpu') });

const plural = (n: number, one: string, many: string) => `${int(n)} ${n === 1 ? one : many}`;

function shuffled(n: number, rng: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

await main(); // last: every const above is initialised by now
