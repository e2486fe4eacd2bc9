import { createWriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { checkLonLat, CitygridError, csvSafeCell, parseDecimal, parsePointCrs, POINT_CRSES, type PointCrs } from '@citygrid/core';
import { cliError } from '../errors.ts';
import { explainPoint } from '../route/explain.ts';
import { readParquet } from '../route/parquet.ts';
import { Progress } from '../route/progress.ts';
import { readHierarchy } from '../route/read-hierarchy.ts';
import { routeCsv } from '../route/route-csv.ts';
import { routeGeoJson } from '../route/route-geojson.ts';
import { cityContext, readProfileFile } from '@citygrid/server';
import { RowRouter } from '../route/row-router.ts';
import type { Command } from './command.ts';
import { userPath } from './command.ts';
import { readGrids } from './read-grids.ts';
import { readEncoding } from './text-encoding.ts';

export const routeCommand: Command = {
  name: 'route',
  summary: 'Add the grid each report falls in (grid_id, match, distance, path) to every row of a CSV, GeoJSON or Parquet file.',
  usage: `usage: citygrid route <grids.geojson> <reports.csv|.geojson|.parquet> [options]
       citygrid route --explain <lon>,<lat> <grids.geojson> [options]

  --id-field f        grid property used as grid_id                         [id]
  --lon-field f       column holding longitude                              [lon]
  --lat-field f       column holding latitude                               [lat]
  --crs c             coordinate system of the reports: wgs84, gcj02 (Amap,
                      Tencent, WeChat), bd09 (Baidu), cgcs2000               [wgs84]
  --max-distance m    a point outside every grid but within m metres of one
                      goes to it (match "nearest")                          [0]
  --hierarchy file    towns/district GeoJSON (id, name, level, parent) for
                      the path columns; may be given more than once
  --profile file      a city profile (docs/profile.md): also add department,
                      owner_level and dispatch_rule by its dispatch rules and corridors
  --category-field f  column holding the category code, for --profile       [category]
  --out file          write here instead of stdout (same format as the input;
                      CSV for Parquet input)
  --explain lon,lat   explain how one point is routed, with every grid within 20 m
  --encoding e        CSV encoding: utf-8 or gb18030 (gbk)                  [detected, and said]
  --skip-bad          leave out CSV rows that do not parse, listing each with its line
                      on stderr (exit 1); without it such a row stops the run, named

Each row is written back with grid_id (empty outside every grid), match (inside, border,
nearest, outside, invalid), distance_m, path and path_names (ancestors, top first). On a border
shared by two grids a point goes to the grid east of it (north of it on an east–west border).
Rows whose coordinates are missing, not numbers, out of range or swapped are kept with
match "invalid", listed on stderr, and make the exit code 1. Progress and throughput go to
stderr. An unreadable file exits 2 naming the line.
examples:
  citygrid route data/demo/grids.geojson data/demo/reports.csv --out routed.csv   (after npx -y pnpm@10 gen:demo)
  citygrid route grids.geojson wechat.csv --crs gcj02 --max-distance 30 --hierarchy data/demo/towns.geojson
  citygrid route --explain 109.0312,32.6871 data/demo/grids.geojson`,
  options: {
    'id-field': { type: 'string' },
    'lon-field': { type: 'string' },
    'lat-field': { type: 'string' },
    crs: { type: 'string' },
    'max-distance': { type: 'string' },
    hierarchy: { type: 'string', multiple: true },
    profile: { type: 'string' },
    'category-field': { type: 'string' },
    out: { type: 'string' },
    explain: { type: 'string' },
    encoding: { type: 'string' },
    'skip-bad': { type: 'boolean' },
  },
  async run({ positionals, values }) {
    const crs = readCrs(values.crs as string | undefined);
    const maxText = (values['max-distance'] as string | undefined) ?? '0';
    const maxDistance = /^\d+(\.\d+)?$/.test(maxText) ? Number(maxText) : NaN;
    if (!(maxDistance >= 0))
      throw CitygridError.of('CG_ERR_USAGE', {}, `--max-distance ${values['max-distance']} is not a distance in metres ≥ 0`);
    const explain = values.explain as string | undefined;
    const wanted = explain === undefined ? 2 : 1;
    if (positionals.length !== wanted) {
      const what = explain === undefined ? 'a grid file and a report file' : 'one grid file with --explain';
      throw CitygridError.of('CG_ERR_USAGE', {}, `expected ${what}, got ${positionals.length} file(s)`);
    }
    const [gridFile, reportFile] = positionals;
    const gridSet = await readGrids(gridFile, (values['id-field'] as string | undefined) ?? 'id');
    const hierarchy = (await Promise.all(((values.hierarchy as unknown as string[] | undefined) ?? []).map(readHierarchy))).flat();
    const profile = values.profile === undefined ? null : readProfileFile(userPath(values.profile as string));
    const city = profile === null ? undefined : cityContext(0, profile.profile, profile.files);
    const rows = new RowRouter(gridSet, { crs, maxDistance, hierarchy, file: reportFile ?? '', city });
    if (explain !== undefined) {
      const parts = explain.split(',');
      const [lon, lat] = parts.map(parseDecimal);
      if (parts.length !== 2 || !Number.isFinite(lon) || !Number.isFinite(lat))
        throw CitygridError.of('CG_ERR_USAGE', {}, `--explain ${explain}: expected <lon>,<lat> in decimal degrees, e.g. 109.0312,32.6871`);
      const problem = checkLonLat(lon, lat);
      if (problem?.code === 'CG_ERR_COORD_SWAPPED')
        process.stderr.write(
          `citygrid route: warning: [${lon}, ${lat}] looks swapped (latitude cannot exceed 90): did you mean --explain ${lat},${lon}?\n`,
        );
      else if (problem) process.stderr.write(`citygrid route: warning: [${lon}, ${lat}] is out of range: give lon,lat in degrees\n`);
      process.stdout.write(explainPoint(rows.router, lon, lat, crs, maxDistance));
      return problem ? 1 : 0;
    }
    warnOverlaps(rows);
    const progress = new Progress(`citygrid route: ${reportFile}:`);
    const fields = {
      lon: (values['lon-field'] as string | undefined) ?? 'lon',
      lat: (values['lat-field'] as string | undefined) ?? 'lat',
      category: (values['category-field'] as string | undefined) ?? 'category',
    };
    const out = values.out as string | undefined;
    const kind = extname(reportFile).toLowerCase();
    let skipped = 0;
    if (kind === '.csv') {
      const options = { encoding: readEncoding(values.encoding as string | undefined), skipBad: values['skip-bad'] === true };
      await writeAtomically(out, async (sink) => {
        skipped = await routeCsv(reportFile, fields, rows, progress, sink, options);
      });
    } else if (kind === '.geojson' || kind === '.json') {
      const text = await routeGeoJson(reportFile, rows, fields.category);
      await writeAtomically(out, async (sink) => void sink.end(text));
    } else if (kind === '.parquet') {
      await writeAtomically(out, (sink) => routeParquet(reportFile, fields, rows, progress, sink));
    } else {
      throw CitygridError.of(
        'CG_ERR_USAGE',
        {},
        `${reportFile}: expected a .csv, .geojson or .parquet report file, got "${kind || 'no extension'}"`,
      );
    }
    process.stderr.write(rows.summary(progress.seconds()) + (skipped ? `; ${skipped} rows skipped (--skip-bad)` : '') + '\n');
    return rows.invalid > 0 || skipped > 0 ? 1 : 0;
  },
};

function readCrs(text: string | undefined): PointCrs {
  if (text === undefined) return 'wgs84';
  const crs = parsePointCrs(text);
  if (!crs) throw CitygridError.of('CG_ERR_CRS_UNKNOWN', {}, `--crs ${JSON.stringify(text)} (use one of ${POINT_CRSES.join(', ')})`);
  return crs;
}

/** Overlapping grids are routed deterministically but deserve a word: their owners are a choice. */
function warnOverlaps(rows: RowRouter): void {
  const overlaps = rows.router.overlaps();
  if (!overlaps.length) return;
  const total = overlaps.reduce((s, o) => s + o.area_m2, 0);
  process.stderr.write(
    `citygrid route: warning: ${overlaps.length} pairs of grids overlap (${Math.round(total).toLocaleString('en')} m² in all); a point in an overlap goes to the smaller id. Largest:\n`,
  );
  for (const o of [...overlaps].sort((a, b) => b.area_m2 - a.area_m2).slice(0, 5)) {
    process.stderr.write(
      `  ${o.grids[0]} / ${o.grids[1]}: ${Math.round(o.area_m2).toLocaleString('en')} m² near [${o.at[0]}, ${o.at[1]}]\n`,
    );
  }
}

async function routeParquet(
  file: string,
  fields: { lon: string; lat: string; category: string },
  rows: RowRouter,
  progress: Progress,
  sink: Writable,
): Promise<void> {
  const { columns, chunks } = await readParquet(file);
  const missing = [fields.lon, fields.lat].filter((f) => !columns.includes(f));
  if (missing.length) {
    throw CitygridError.of(
      'CG_ERR_USAGE',
      {},
      `${file}: no column ${missing.map((m) => JSON.stringify(m)).join(' or ')} (columns: ${columns.join(', ')}); name them with --lon-field/--lat-field`,
    );
  }
  // Cells that would run as formulas in a spreadsheet get core's ' prefix, as server exports do.
  const csv = stringify({ cast: { string: csvSafeCell } });
  csv.pipe(sink);
  csv.write([...columns, ...rows.columns]);
  let row = 0;
  for await (const chunk of chunks) {
    for (const record of chunk) {
      row++;
      const added = rows.route(record[fields.lon], record[fields.lat], `row ${row}`, record[fields.category]);
      const ok = csv.write([...columns.map((c) => record[c]), ...rows.columns.map((c) => added[c])]);
      if (!ok) await new Promise((done) => csv.once('drain', done));
    }
    progress.tick(row);
  }
  await new Promise<void>((done, fail) => {
    sink.once('error', fail);
    csv.once('end', () => done());
    csv.end();
  });
}

/** Writes to stdout, or to a temp file renamed into place only when the whole output is done. */
async function writeAtomically(out: string | undefined, write: (sink: Writable) => Promise<void>): Promise<void> {
  if (!out) return write(process.stdout);
  const target = userPath(out);
  const temp = `${target}.${process.pid}.tmp`;
  const cannotWrite = (e: unknown) =>
    cliError('CG_ERR_CANNOT_WRITE', {}, `--out ${out} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  await writeFile(temp, '').catch((e) => {
    throw cannotWrite(e);
  });
  try {
    const stream = createWriteStream(temp);
    await write(stream);
    await new Promise<void>((done, fail) => (stream.writableFinished ? done() : stream.once('finish', () => done()).once('error', fail)));
    await rename(temp, target).catch((e) => {
      throw cannotWrite(e);
    });
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
