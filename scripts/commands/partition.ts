import { writeFile } from 'node:fs/promises';
import {
  assignCodes,
  CitygridError,
  ellipsoidalArea,
  parseGrids,
  partitionQuality,
  readingOrder,
  regularGrid,
  splitArea,
  validateCoverage,
  type CutLines,
  type WeightedPoint,
} from '@citygrid/core';
import { cliError } from '../errors.ts';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { geojsonText } from '../demo/write-files.ts';
import { readArea, readCutLines, readWeights, type AreaInput } from '../partition/read-inputs.ts';
import { qualityText } from '../partition/report.ts';
import type { Command } from './command.ts';
import { userPath } from './command.ts';

type Values = Record<string, string | boolean | undefined>;

/** What to make, from the flags: a split into pieces, or a regular grid. */
type Plan =
  | { kind: 'split'; count?: number; targetArea?: number }
  | { kind: 'regular'; shape: 'square' | 'hex'; size: number; h3: boolean };

export const partitionCommand: Command = {
  name: 'partition',
  summary: 'Divide an area into grids (by count, target area or workload, or a square/hex grid), coded and with a quality report.',
  usage: `usage: citygrid partition <area.geojson> (--count n | --target-area m2 | --shape square|hex --size m) [options] --out grids.geojson

  <area.geojson>      one Polygon/MultiPolygon (a FeatureCollection of one feature, a Feature
                      or a geometry), WGS84 lon/lat: the community or town to divide
  --count n           split into n grids of equal area (splitArea)
  --target-area m2    split into grids of about m2 m² each: n = round(area / m2)
  --weights file      balance workload instead of area: points as CSV (lon, lat columns) or
                      GeoJSON Points, with --count or --target-area; with --shape, loads are
                      only reported. Points outside the area are ignored (counted on stderr)
  --weight-field f    column/property holding each point's weight           [each point 1]
  --lon-field f, --lat-field f   coordinate columns of a CSV                 [lon, lat]
  --cut-lines file    roads, rivers, railways (GeoJSON LineStrings): grid borders follow them
                      where the balance allows (with --count or --target-area)
  --join-parts        a MultiPolygon area: let a grid span parts (一格多点) where that balances
                      better, e.g. an enclave with part of the main area
  --shape square|hex  a regular grid clipped to the area, cells --size metres (square side,
                      hexagon edge; in a local equal-area plane, never degrees)
  --size m            cell size in metres, with --shape
  --h3                with --shape hex: H3 cells, the resolution whose edge is nearest --size
  --parent-code c     code the grids: c is the 12-digit community code (grids 001, 002, …) or
                      the 9-digit street/town code (each grid its own community), numbered
                      west to east, north to south (从西向东、由北至南; docs/partition.md)
  --seed s            seed of the split (same seed, same grids)                   [0]
  --out file          the grids as GeoJSON: properties id, name, code, parent, area_m2
  --json              print the report as JSON (every grid) instead of text

The report: per grid area (m², ellipsoidal), compactness (Polsby–Popper) and load; overall
max/mean and coefficient of variation; and whether the grids tile the area (validateCoverage).
Exit 0 done, 1 the grids do not tile the area (reported), 2 bad input or usage.
examples:
  citygrid partition community.geojson --count 6 --parent-code 610902001001 --out grids.geojson
  citygrid partition town.geojson --target-area 500000 --weights reports.csv --out grids.geojson
  citygrid partition community.geojson --shape hex --size 60 --out cells.geojson --json`,
  options: {
    count: { type: 'string' },
    'target-area': { type: 'string' },
    weights: { type: 'string' },
    'weight-field': { type: 'string' },
    'lon-field': { type: 'string' },
    'lat-field': { type: 'string' },
    'cut-lines': { type: 'string' },
    'join-parts': { type: 'boolean' },
    shape: { type: 'string' },
    size: { type: 'string' },
    h3: { type: 'boolean' },
    'parent-code': { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ positionals, values }) {
    if (positionals.length !== 1) throw usage(`expected one area GeoJSON file, got ${positionals.length}`);
    const plan = readPlan(values);
    const seed = values.seed === undefined ? 0 : integer(values.seed, '--seed', -(2 ** 31));
    const parentCode = values['parent-code'] as string | undefined;
    if (parentCode !== undefined && !/^(\d{9}|\d{12})$/.test(parentCode))
      throw usage(`--parent-code ${parentCode}: expected the 12-digit community code or the 9-digit street/town code`);
    const out = values.out as string | undefined;
    if (out === undefined) throw usage('--out is required: the file to write the grids to');
    const file = positionals[0];
    const area = await readArea(file);
    const points = values.weights === undefined ? undefined : await insidePoints(area, values);
    let cutLines: Feature[] | undefined;
    if (values['cut-lines'] !== undefined) {
      if (plan.kind === 'regular')
        throw usage(
          '--cut-lines works with --count or --target-area (splitArea puts borders on the lines); a regular grid does not follow lines',
        );
      cutLines = await readCutLines(values['cut-lines'] as string);
    }
    if (values['join-parts'] && plan.kind === 'regular')
      throw usage('--join-parts works with --count or --target-area (splitArea); regular cells are cut where the lattice falls');
    const geometries = make(area, plan, seed, points, cutLines, !!values['join-parts']);
    const grids = gridFeatures(area, geometries, parentCode);
    await write(out, { type: 'FeatureCollection', features: grids });
    const quality = partitionQuality(grids, { weights: points });
    const parsed = parseGrids({ type: 'FeatureCollection', features: grids });
    if (!parsed.ok) throw new CitygridError(parsed.problems);
    const coverage = validateCoverage(parsed.gridSet, { parent: area.feature.geometry });
    const labels = grids.map((g) => ({
      id: g.properties!.id as string,
      name: g.properties!.name as string,
      code: g.properties!.code as string | null,
    }));
    if (values.json) {
      const { grids: perGrid, ...overall } = quality;
      process.stdout.write(
        JSON.stringify({
          ...overall,
          valid: coverage.valid,
          problems: coverage.problems.length,
          grids: perGrid.map((g, i) => ({ ...labels[i], ...g })),
        }) + '\n',
      );
    } else {
      const how =
        plan.kind === 'regular'
          ? `${plan.h3 ? 'H3' : plan.shape} cells of ${plan.size} m`
          : `splitArea${points ? ' by load' : ''}, seed ${seed}`;
      process.stdout.write(
        qualityText(
          `${file}: ${grids.length} grids (${how}) over ${(ellipsoidalArea(area.feature.geometry) / 1e6).toFixed(3)} km², written to ${out}`,
          labels,
          quality,
          coverage,
        ),
      );
    }
    return coverage.valid ? 0 : 1;
  },
};

/** The plan the flags ask for; exactly one of --count/--target-area and --shape. */
function readPlan(values: Values): Plan {
  const { count, shape, size } = values;
  const target = values['target-area'];
  if (shape !== undefined || size !== undefined || values.h3) {
    if (count !== undefined || target !== undefined) throw usage('--shape makes a regular grid: give it without --count or --target-area');
    if (shape !== 'square' && shape !== 'hex') throw usage(`--shape ${shape ?? '(missing)'}: expected square or hex`);
    if (size === undefined) throw usage('--shape needs --size m (cell size in metres)');
    if (values.h3 && shape !== 'hex') throw usage('--h3 needs --shape hex');
    return { kind: 'regular', shape, size: positive(size, '--size'), h3: !!values.h3 };
  }
  if (count !== undefined && target !== undefined) throw usage('give --count or --target-area, not both');
  if (count !== undefined) return { kind: 'split', count: integer(count, '--count', 1) };
  if (target !== undefined) return { kind: 'split', targetArea: positive(target, '--target-area') };
  throw usage(
    values.weights === undefined
      ? 'say how to divide the area: --count n, --target-area m2, or --shape square|hex --size m'
      : '--weights needs --count n or --target-area m2: how many grids to balance the load over',
  );
}

/** The workload points inside the area; those outside are counted on stderr and dropped. */
async function insidePoints(area: AreaInput, values: Values): Promise<WeightedPoint[]> {
  const file = values.weights as string;
  const all = await readWeights(file, {
    lon: (values['lon-field'] as string) ?? 'lon',
    lat: (values['lat-field'] as string) ?? 'lat',
    weight: values['weight-field'] as string | undefined,
  });
  const inside = all.filter((p) => area.contains(p.lon, p.lat));
  if (inside.length < all.length)
    process.stderr.write(
      `citygrid partition: ${(all.length - inside.length).toLocaleString('en')} of ${all.length.toLocaleString('en')} points in ${file} lie outside the area: ignored\n`,
    );
  return inside;
}

/** The grids' geometries, in numbering order (lattice rows for regular grids, reading order for pieces). */
function make(
  area: AreaInput,
  plan: Plan,
  seed: number,
  points?: WeightedPoint[],
  cutLines?: Feature[],
  joinParts = false,
): Array<Polygon | MultiPolygon> {
  // Options the geometry cannot satisfy (more grids than the mesh allows, cells too small) throw
  // CG_ERR_OPTION, which exits 2 like a usage error.
  if (plan.kind === 'regular')
    return regularGrid(area.feature.geometry, { shape: plan.shape, size_m: plan.size, h3: plan.h3 }).features.map((f) => f.geometry);
  const size = plan.count !== undefined ? { count: plan.count } : { targetArea: plan.targetArea };
  const pieces = splitArea(area.feature.geometry, {
    ...size,
    seed,
    ...(points ? { points } : {}),
    ...(cutLines ? { cutLines: cutLines as CutLines } : {}),
    joinParts,
  });
  return readingOrder(pieces).map((i) => pieces[i]);
}

/** Output features: id, name, code, parent, area_m2. */
function gridFeatures(
  area: AreaInput,
  geometries: Array<Polygon | MultiPolygon>,
  parentCode?: string,
): Array<Feature<Polygon | MultiPolygon>> {
  const codes = parentCode === undefined ? null : assignCodes(geometries, parentCode, { order: 'given' });
  const digits = Math.max(2, String(geometries.length).length);
  return geometries.map((geometry, i) => {
    const n = String(i + 1).padStart(digits, '0');
    const code = codes ? codes[i] : null;
    return {
      type: 'Feature',
      properties: {
        id: code ?? `${area.id ?? 'grid'}-${n}`,
        name: `${area.name ?? area.id ?? ''}第${n}网格`,
        code,
        parent: parentCode ?? area.id ?? null,
        area_m2: Math.round(ellipsoidalArea(geometry)),
      },
      geometry,
    };
  });
}

async function write(out: string, fc: FeatureCollection): Promise<void> {
  try {
    await writeFile(userPath(out), geojsonText(fc, 'grids'));
  } catch (e) {
    throw cliError('CG_ERR_CANNOT_WRITE', {}, `--out ${out} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function integer(value: unknown, flag: string, min: number): number {
  const n = Number(value);
  if (value === '' || !Number.isInteger(n) || n < min) throw usage(`${flag} ${value}: expected an integer ≥ ${min}`);
  return n;
}

function positive(value: unknown, flag: string): number {
  const n = Number(value);
  if (value === '' || !(Number.isFinite(n) && n > 0)) throw usage(`${flag} ${value}: expected a number > 0`);
  return n;
}

function usage(message: string): CitygridError {
  return CitygridError.of('CG_ERR_USAGE', {}, message);
}
