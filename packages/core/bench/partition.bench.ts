// splitArea, balanced by load on the real towns of 汉滨区 and by count at 10,000 pieces, each
// timed against a baseline in the same run: the area-only split (same towns, counts, seeds)
// and regularGrid (square cells of the same mean area).
//
//   npx -y pnpm@10 bench partition [--seed 1] [--reps 3] [--big 10000]
//
// Single-threaded. The real towns are read in place from ../shared/data-external (never
// copied); without them that part is skipped with one line.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { HANBIN_TOWNS } from '../../../scripts/demo/hanbin.ts';
import { reportLoad } from '../../../scripts/demo/synthetic-district.ts';
import { externalFile, missingExternalReason } from '../../../scripts/external-data.ts';
import { ellipsoidalArea, regularGrid, splitArea } from '../src/index.ts';
import { connected, coverageProblems, pieceLoads, polsbyPopper, spread } from '../test/support/split-quality.ts';
import { machineFacts, sig, sink, stats, timeRuns } from './harness.ts';

type Area = Polygon | MultiPolygon;

const DEFAULTS = {
  seed: '1',
  reps: '3', // timed repetitions of each 91-grid split, after one warm-up
  big: '10000', // pieces cut from one area by count
};

/** The targets. */
const GOALS = { spread: 0.1, minGridsForSpread: 8, polsbyPopper: 0.45, townsMs: 2000, bigMs: 10_000 };

const ROOT = resolve(import.meta.dirname, '../../..');
const TOWNS = 'hanbin/towns.geojson';

interface Quality {
  spread: number; // max |load/mean − 1| over a town's grids
  pp: number; // mean Polsby–Popper
  connected: boolean;
  problems: number; // validateCoverage problems with the town as parent
}

function main(): void {
  const { values } = parseArgs({
    options: Object.fromEntries(Object.keys(DEFAULTS).map((k) => [k, { type: 'string' as const }])),
    strict: true,
  });
  const opt = { ...DEFAULTS, ...values } as typeof DEFAULTS;
  const [seed, reps, big] = [Number(opt.seed), Number(opt.reps), Number(opt.big)];
  if (!Number.isInteger(seed)) throw new RangeError(`--seed: expected an integer, got ${opt.seed}`);
  if (!Number.isInteger(reps) || reps < 1) throw new RangeError(`--reps: expected a positive integer, got ${opt.reps}`);
  if (!Number.isInteger(big) || big < 1) throw new RangeError(`--big: expected a positive integer, got ${opt.big}`);
  console.log(`# Partition benchmark\n\n${machineFacts()}\n`);
  realTowns(seed, reps);
  byCount(big, seed);
  console.log(`\nsink ${sink.value}`);
}

/** The 8 real towns split into seed 000's 91 grids, balanced by the synthetic report load. */
function realTowns(seed: number, reps: number): void {
  const file = externalFile(TOWNS);
  console.log('## Real towns, balanced by synthetic report load\n');
  if (!file) {
    console.log(`${missingExternalReason(TOWNS)}\n`);
    return;
  }
  const towns = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection<Area>;
  const load = reportLoad(towns, null, seed).load;
  const geometry = (name: string) => towns.features.find((f) => f.properties!.name === name)!.geometry;
  const split = (points?: Float64Array) =>
    HANBIN_TOWNS.map((spec, i) => splitArea(geometry(spec.name), { count: spec.grids, seed: seed * 100 + i, points }));
  const count = (pieces: Area[][]) => pieces.reduce((n, p) => n + p.length, 0);
  let started = performance.now();
  const balanced = split(load);
  const coldMs = performance.now() - started;
  started = performance.now();
  const plain = split();
  const plainColdMs = performance.now() - started;
  const t = stats(timeRuns(() => count(split(load)), reps));
  const b = stats(timeRuns(() => count(split()), reps));
  console.log(
    `${load.length / 3} synthetic reports (demo generator, seed ${seed}) as points of weight 1; towns split with seed ${seed}·100 + i.`,
  );
  console.log(`Time for all 91 grids: first run (JIT cold) and median of ${reps} after it.\n`);
  console.log('| method | first run | median | min | mean ± std |');
  console.log('|---|---|---|---|---|');
  console.log(
    `| splitArea with points (balanced) | ${coldMs.toFixed(0)} ms | ${t.median.toFixed(0)} ms | ${t.min.toFixed(0)} ms | ${t.mean.toFixed(0)} ± ${t.std.toFixed(0)} ms |`,
  );
  console.log(
    `| splitArea by area (baseline) | ${plainColdMs.toFixed(0)} ms | ${b.median.toFixed(0)} ms | ${b.min.toFixed(0)} ms | ${b.mean.toFixed(0)} ± ${b.std.toFixed(0)} ms |`,
  );
  console.log(`\nbalanced / area-only time: ${sig(t.median / b.median)}×\n`);
  console.log('| town | grids | load spread balanced | load spread by area | PP balanced | PP by area | connected | coverage problems |');
  console.log('|---|---|---|---|---|---|---|---|');
  const q = HANBIN_TOWNS.map((spec, i) => {
    const town = geometry(spec.name);
    const a = quality(balanced[i], town, load);
    const p = quality(plain[i], town, load);
    const pct = (x: number) => `±${(100 * x).toFixed(1)} %`;
    console.log(
      `| ${spec.name} | ${spec.grids} | ${pct(a.spread)} | ${pct(p.spread)} | ${a.pp.toFixed(2)} | ${p.pp.toFixed(2)} | ${a.connected ? 'yes' : 'no'} | ${a.problems} |`,
    );
    return { spec, town, a };
  });
  const pps = balanced.flat().map(polsbyPopper);
  const meanPP = pps.reduce((s, x) => s + x, 0) / pps.length;
  const checked = q.filter(({ spec, town }) => spec.grids >= GOALS.minGridsForSpread && town.type === 'Polygon');
  const worst = Math.max(...checked.map(({ a }) => a.spread));
  const jiangbei = q.find(({ town }) => town.type === 'MultiPolygon');
  console.log('\nTargets:');
  console.log(
    `- load within ±10 % of the town mean, single-part towns with ≥ 8 grids: worst ±${(100 * worst).toFixed(1)} % — ${worst <= GOALS.spread ? 'PASS' : 'MISS'}`,
  );
  if (jiangbei) {
    const i = HANBIN_TOWNS.indexOf(jiangbei.spec);
    const joined = splitArea(jiangbei.town, { count: jiangbei.spec.grids, seed: seed * 100 + i, points: load, joinParts: true });
    const j = quality(joined, jiangbei.town, load);
    console.log(
      `  ${jiangbei.spec.name} (4 parts): ±${(100 * jiangbei.a.spread).toFixed(1)} % with each grid in one part (its 3 enclaves are one grid each whatever their load);`,
    );
    console.log(
      `  with joinParts (一格多点, ${joined.filter((g) => g.type === 'MultiPolygon').length} grids spanning parts): ±${(100 * j.spread).toFixed(1)} %, PP ${j.pp.toFixed(2)}, coverage problems ${j.problems} — ${j.spread <= GOALS.spread ? 'PASS' : 'MISS'}`,
    );
  }
  console.log(`- every grid connected (one Polygon; default, without joinParts): ${q.every(({ a }) => a.connected) ? 'PASS' : 'MISS'}`);
  console.log(
    `- mean Polsby–Popper ≥ ${GOALS.polsbyPopper}: ${meanPP.toFixed(3)} over the 91 grids, lowest town ${Math.min(...q.filter(({ spec }) => spec.grids > 1).map(({ a }) => a.pp)).toFixed(3)} — ${meanPP >= GOALS.polsbyPopper ? 'PASS' : 'MISS'}`,
  );
  console.log(`- coverage clean (validateCoverage, parent = the town): ${q.every(({ a }) => a.problems === 0) ? 'PASS' : 'MISS'}`);
  console.log(
    `- all 91 grids under ${GOALS.townsMs / 1000} s: first run ${coldMs.toFixed(0)} ms, median ${t.median.toFixed(0)} ms — ${coldMs < GOALS.townsMs ? 'PASS' : 'MISS'}\n`,
  );
}

function quality(pieces: Area[], town: Area, load: Float64Array): Quality {
  const pp = pieces.map(polsbyPopper);
  return {
    spread: spread(pieceLoads(pieces, load)),
    pp: pp.reduce((s, x) => s + x, 0) / pp.length,
    connected: pieces.every(connected),
    problems: coverageProblems(pieces, town).length,
  };
}

/** `big` pieces by count from the demo's synthetic district (and 建民街道 when present). */
function byCount(big: number, seed: number): void {
  console.log(`## ${big.toLocaleString('en-US')} pieces by count\n`);
  const areas: Array<[string, Area]> = [
    ['demo district (synthetic, 360 vertices)', readGeometry(resolve(ROOT, 'data/demo/district.geojson'))],
  ];
  const file = externalFile(TOWNS);
  if (file)
    areas.push([
      '建民街道 (real, 999 vertices)',
      (JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection<Area>).features.find((f) => f.properties!.name === '建民街道')!.geometry,
    ]);
  else console.log(`${missingExternalReason(TOWNS)}: the synthetic district only\n`);
  // Warm-up on a smaller split, so the timed run is not the JIT's first.
  sink.value += splitArea(areas[0][1], { count: Math.max(1, Math.round(big / 10)), seed }).length;
  console.log('| area | km² | method | cells | time | area max/mean | area min/mean | mean PP | connected |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  let worstMs = 0;
  for (const [name, area] of areas) {
    const km2 = ellipsoidalArea(area) / 1e6;
    let started = performance.now();
    const pieces = splitArea(area, { count: big, seed });
    const ms = performance.now() - started;
    worstMs = Math.max(worstMs, ms);
    started = performance.now();
    const cells = regularGrid(area, { shape: 'square', size_m: Math.sqrt((km2 * 1e6) / big) }).features.map((f) => f.geometry);
    const gridMs = performance.now() - started;
    sink.value += pieces.length + cells.length;
    row(name, km2, 'splitArea by count', pieces, ms);
    row(name, km2, 'regularGrid, square (baseline)', cells, gridMs);
    console.log(`| | | splitArea / regularGrid time | ${sig(ms / gridMs)}× | | | | | |`);
  }
  console.log(
    `\nTarget: ${big.toLocaleString('en-US')} grids by count under ${GOALS.bigMs / 1000} s: slowest ${(worstMs / 1000).toFixed(2)} s — ${worstMs < GOALS.bigMs ? 'PASS' : 'MISS'}`,
  );
}

function row(name: string, km2: number, method: string, pieces: Area[], ms: number): void {
  const areas = pieces.map(ellipsoidalArea);
  const mean = areas.reduce((s, a) => s + a, 0) / areas.length;
  const pp = pieces.map(polsbyPopper);
  const single = pieces.filter(connected).length;
  console.log(
    `| ${name} | ${km2.toFixed(1)} | ${method} | ${pieces.length} | ${(ms / 1000).toFixed(2)} s | ${sig(Math.max(...areas) / mean)} | ${sig(Math.min(...areas) / mean)} | ${(pp.reduce((s, x) => s + x, 0) / pp.length).toFixed(3)} | ${((100 * single) / pieces.length).toFixed(1)} % |`,
  );
}

function readGeometry(path: string): Area {
  return (JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<Area>).features[0].geometry;
}

main();
