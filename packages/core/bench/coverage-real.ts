// The coverage bench's real-data and noisy-lattice parts (issue 18): citygrid beside geos-wasm
// (GEOSCoverageIsValid + the holes of a union) on inputs whose neighbours are not bit-identical.
// Los Angeles' 99 neighbourhood councils are read in place from ../shared/data-external (never
// copied: not ours to redistribute); the lattice is built as x0 + i·0.001, so neighbours differ
// by an ulp. Memory: the peak RSS of a fresh process (--memory-probe) that loads and parses the
// input, and of one that also validates it once; GEOS's is its wasm memory, which only grows.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { externalFile, missingExternalReason } from '../../../scripts/external-data.ts';
import { parseGrids, validateCoverage, type CoverageResult, type GridSet } from '../src/index.ts';
import type { GeosResult, Tiling, Timing } from './coverage.bench.ts';
import type { Report } from './coverage-defects.ts';
import { int, sig, sink, stats } from './harness.ts';

const LA = 'la-311/areas.geojson';

/** What the main bench lends this part: its GEOS wrappers and its timer. */
export interface SideBySide {
  convert: (fc: Tiling) => number;
  check: (collection: number, ids: string[]) => GeosResult;
  unaryHoles: (collection: number) => Report[];
  destroy: (g: number) => void;
  wasmBytes: () => number;
  time: <I, T>(
    prepare: () => I,
    run: (input: I) => T | Promise<T>,
    reps: number,
    slowMs: number,
  ) => Promise<{ times: Timing[]; runs: T[]; value: T }>;
}

interface Input {
  name: string;
  fc: Tiling;
  probe: string;
}

export async function realAndLattice(b: SideBySide, real: boolean, lattice: number[], reps: number, slowMs: number): Promise<void> {
  const inputs: Input[] = [];
  if (real) {
    const la = laCouncils();
    if (la) inputs.push({ name: 'Los Angeles, 99 neighbourhood councils', fc: la, probe: 'la' });
    else console.log(`\n## Real data\n\nSkipped: ${missingExternalReason(LA)}.`);
  }
  for (const n of lattice) inputs.push({ name: `noisy lattice, ${int(n)} squares`, fc: noisyLattice(n), probe: `lattice:${n}` });
  if (!inputs.length) return;
  console.log('\n## Real data and the noisy lattice, beside geos-wasm\n');
  console.log(
    'No injected defects: every method reports what it finds. CPU seconds (user + system of this process), median; ratio = geos-wasm ÷ citygrid (> 1: citygrid faster).',
  );
  console.log(
    'GEOS: GEOSCoverageIsValid (gapWidth 0) + the holes of a union: GEOSCoverageUnion (assumes a valid coverage) and GEOSUnaryUnion (a full overlay, right for any input); conversion from GeoJSON not counted.\n',
  );
  console.log(
    `citygrid: median of ${reps} runs after two untimed ones, no forced collection between them (see timeWithoutCollection); "first run" is the first on that input (JIT cold, as in a one-off CLI call; GEOS is compiled wasm).\n`,
  );
  console.log(
    '| input | grids | citygrid CPU s | wall s | first run | IsValid + CoverageUnion | ratio | IsValid + UnaryUnion | ratio | peak RSS: input loaded → validated once | GEOS wasm memory | citygrid found | GEOS found |',
  );
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|');
  for (const input of inputs) console.log(await row(b, input, reps, slowMs));
  console.log(
    `\n- load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} after these rows (other processes share the cores).`,
  );
}

async function row(b: SideBySide, input: Input, reps: number, slowMs: number): Promise<string> {
  const gridSet = parse(input.fc);
  const c0 = process.cpuUsage();
  sink.value += validateCoverage(gridSet).problems.length; // the first run on this input: a one-off CLI call's cost (JIT cold)
  const c1 = process.cpuUsage(c0),
    cold = (c1.user + c1.system) / 1000;
  const mine = timeWithoutCollection(() => validateCoverage(gridSet), reps);
  const result = mine.value;
  sink.value += result.problems.length;
  const collection = b.convert(input.fc);
  const ids = input.fc.features.map((f) => f.properties.id);
  const geos = await b.time(
    () => null,
    () => b.check(collection, ids),
    reps,
    slowMs,
  );
  const unary = await b.time(
    () => null,
    () => b.unaryHoles(collection),
    reps,
    slowMs,
  );
  b.destroy(collection);
  const last = geos.value;
  sink.value += last.edges.length + unary.value.length;
  const cpu = (ts: Timing[]) => stats(ts.map((t) => t.cpu)).median;
  const mineCpu = cpu(mine.times),
    mineWall = stats(mine.times.map((t) => t.wall)).median;
  const isValid = cpu(geos.runs.map((r) => r.isValid));
  const coverage = last.coverageUnionError ? NaN : isValid + cpu(geos.runs.map((r) => r.coverageUnion));
  const full = isValid + cpu(unary.times);
  const [loaded, validated] = [peakRss(`${input.probe}:load-only`), peakRss(input.probe)];
  const s = (ms: number) => (Number.isNaN(ms) ? 'failed' : sig(ms / 1000));
  const ratio = (ms: number) => (Number.isNaN(ms) ? '—' : `${sig(ms / mineCpu)}×`);
  process.stderr.write(`  ${input.name}: citygrid ${sig(mineCpu)} ms CPU, geos IsValid ${sig(isValid)} ms, + UnaryUnion ${sig(full)} ms\n`);
  return `| ${input.name} | ${int(gridSet.grids.length)} | ${s(mineCpu)} | ${s(mineWall)} | ${s(cold)} | ${s(coverage)} | ${ratio(coverage)} | ${s(full)} | ${ratio(full)} | ${int(loaded / 2 ** 20)} → ${int(validated / 2 ** 20)} MB | ${sig(b.wasmBytes() / 2 ** 20)} MB | ${found(result)} | ${last.edges.length} invalid edges, ${unary.value.length} union holes |`;
}

/**
 * `reps` runs, no forced collection between them: the shared timer's gc() before each run made
 * every later LA run 4–5× slower (250 vs 50–60 ms CPU; V8 seems to drop optimised code), which
 * no long-lived process (the server) sees. Each run's value is kept to the end, so none is dead.
 */
function timeWithoutCollection<T>(run: () => T, reps: number): { times: Timing[]; value: T } {
  const times: Timing[] = [];
  let value = run();
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage(),
      w0 = performance.now();
    value = run();
    const c = process.cpuUsage(c0);
    times.push({ wall: performance.now() - w0, cpu: (c.user + c.system) / 1000 });
  }
  return { times, value };
}

function found(r: CoverageResult): string {
  const counts = new Map<string, number>();
  for (const p of r.problems) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ') || 'valid';
}

function parse(fc: Tiling): GridSet {
  const r = parseGrids(fc);
  if (!r.ok) throw new Error(`parseGrids refused the input: ${r.problems[0].message}`);
  return r.gridSet;
}

/** LA's councils with `id` = area_id, or null when ../shared is absent. */
function laCouncils(): Tiling | null {
  const path = externalFile(LA);
  if (!path) return null;
  const fc = JSON.parse(readFileSync(path, 'utf8')) as Tiling;
  for (const f of fc.features) f.properties = { id: String((f.properties as unknown as { area_id: string }).area_id) };
  return fc;
}

/** n unit squares 0.001° wide from 109E 32.7N, corners computed as x0 + i·0.001 (float noise). */
export function noisyLattice(n: number): Tiling {
  const side = Math.ceil(Math.sqrt(n)),
    x0 = 109.0,
    y0 = 32.7,
    d = 0.001;
  const features: Tiling['features'] = [];
  for (let k = 0; k < n; k++) {
    const x = x0 + (k % side) * d,
      y = y0 + Math.floor(k / side) * d; // x + d is not x0 + (i + 1)·d
    features.push({
      type: 'Feature',
      properties: { id: String(k) },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + d, y],
            [x + d, y + d],
            [x, y + d],
            [x, y],
          ],
        ],
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Peak RSS in bytes of a fresh process that validates `spec` once (or only loads it: `…:load-only`). */
function peakRss(spec: string): number {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./coverage.bench.ts', import.meta.url)), '--memory-probe', spec],
    { encoding: 'utf8' },
  );
  const out = /peak-rss (\d+)/.exec(child.stdout ?? '');
  if (!out) throw new Error(`memory probe ${spec} failed: ${child.stderr}`);
  return Number(out[1]);
}

/** Run by the child: `la`, `lattice:<n>`, either with `:load-only`. Prints `peak-rss <bytes>`. */
export function memoryProbe(spec: string): void {
  const [what, arg, only] = spec.split(':');
  const fc = what === 'la' ? laCouncils() : noisyLattice(Number(arg));
  if (!fc) throw new Error(missingExternalReason(LA));
  const gridSet = parse(fc);
  if ((what === 'la' ? arg : only) !== 'load-only') sink.value += validateCoverage(gridSet).problems.length;
  console.log(`peak-rss ${process.resourceUsage().maxRSS * 1024} ${sink.value}`);
}
