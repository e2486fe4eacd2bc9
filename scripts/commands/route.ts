import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { CitygridError, problem, routePoint, type GridSet } from '@citygrid/core';
import type { Command } from './command.ts';
import { userPath } from './command.ts';
import { readGrids, readText } from './read-grids.ts';

export const routeCommand: Command = {
  name: 'route',
  summary: 'Add the grid each report falls in (grid_id) to every row of a CSV or GeoJSON file.',
  usage: `usage: citygrid route <grids.geojson> <reports.csv|reports.geojson> [options]

  --id-field f     grid property used as grid_id                     [id]
  --lon-field f    CSV column holding longitude (WGS84)              [lon]
  --lat-field f    CSV column holding latitude (WGS84)               [lat]
  --out file       write here (.csv or .geojson) instead of stdout

Each input row is written back with grid_id added (empty when outside every grid). A point on
a shared border goes to the grid with the smallest id. Rows whose coordinates are missing,
not numbers, out of range or swapped are kept with an empty grid_id, listed on stderr, and
make the exit code 1.
example: citygrid route data/demo/grids.geojson data/demo/reports.csv --out routed.csv`,
  options: { 'id-field': { type: 'string' }, 'lon-field': { type: 'string' }, 'lat-field': { type: 'string' }, out: { type: 'string' } },
  async run({ positionals, values }) {
    if (positionals.length !== 2) {
      process.stderr.write(`citygrid route: expected a grid file and a report file, got ${positionals.length} file(s)\n\n${this.usage}\n`);
      return 2;
    }
    const [gridFile, reportFile] = positionals;
    const gridSet = await readGrids(gridFile, (values['id-field'] as string | undefined) ?? 'id');
    const out = values.out as string | undefined;
    const tally = new RouteTally(reportFile);
    const kind = extname(reportFile).toLowerCase();
    if (kind === '.csv') {
      const fields = { lon: (values['lon-field'] as string | undefined) ?? 'lon', lat: (values['lat-field'] as string | undefined) ?? 'lat' };
      await writeAtomically(out, (sink) => routeCsv(gridSet, reportFile, fields, tally, sink));
    } else if (kind === '.geojson' || kind === '.json') {
      const text = await routeGeoJson(gridSet, reportFile, tally);
      await writeAtomically(out, async (sink) => void sink.end(text));
    } else {
      throw CitygridError.of('CG_ERR_USAGE', {}, `${reportFile}: expected a .csv or .geojson report file, got "${kind || 'no extension'}"`);
    }
    process.stderr.write(tally.summary() + '\n');
    return tally.invalid > 0 ? 1 : 0;
  },
};

/** Counts outcomes and prints the first invalid rows (the rest are summarised). */
class RouteTally {
  rows = 0;
  inside = 0;
  invalid = 0;
  constructor(private readonly file: string) {}

  add(grid: string | null): void {
    this.rows++;
    if (grid !== null) this.inside++;
  }

  bad(row: number, message: string): void {
    this.rows++;
    this.invalid++;
    if (this.invalid <= 20) process.stderr.write(`citygrid route: ${this.file} row ${row}: ${message}\n`);
  }

  summary(): string {
    const more = this.invalid > 20 ? ` (first 20 listed above)` : '';
    return `routed ${this.rows} rows: ${this.inside} in a grid, ${this.rows - this.inside - this.invalid} outside every grid, ${this.invalid} with bad coordinates${more}`;
  }
}

/** Why a lon/lat pair cannot be routed, or null when it can. */
function coordinateProblem(lon: number, lat: number, raw: [unknown, unknown]): string | null {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return `lon/lat ${JSON.stringify(raw)} are not numbers; give WGS84 degrees`;
  if (Math.abs(lat) > 90 && Math.abs(lon) <= 90) return `lon/lat [${lon}, ${lat}] look swapped (latitude cannot exceed 90); swap the columns`;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return `lon/lat [${lon}, ${lat}] out of range; reproject to WGS84 degrees`;
  return null;
}

async function routeCsv(gridSet: GridSet, file: string, fields: { lon: string; lat: string }, tally: RouteTally, sink: Writable): Promise<void> {
  let row = 0;
  const router = new Transform({
    objectMode: true,
    transform(record: Record<string, string>, _enc, done) {
      row++;
      if (row === 1) {
        const missing = [fields.lon, fields.lat].filter((f) => !(f in record));
        if (missing.length) {
          return done(CitygridError.of('CG_ERR_USAGE', {}, `${file}: no column ${missing.map((m) => JSON.stringify(m)).join(' or ')} (columns: ${Object.keys(record).join(', ')}); name them with --lon-field/--lat-field`));
        }
      }
      const lon = Number(record[fields.lon] === '' ? NaN : record[fields.lon]);
      const lat = Number(record[fields.lat] === '' ? NaN : record[fields.lat]);
      const bad = coordinateProblem(lon, lat, [record[fields.lon], record[fields.lat]]);
      let gridId = '';
      if (bad) tally.bad(row + 1, bad);
      else {
        gridId = routePoint(gridSet, lon, lat)?.id ?? '';
        tally.add(gridId || null);
      }
      done(null, { ...record, grid_id: gridId });
    },
  });
  const input = createReadStream(userPath(file));
  const opened = new Promise<void>((ok, ko) => {
    input.once('open', () => ok());
    input.once('error', (e) => ko(CitygridError.of('CG_ERR_FILE_NOT_FOUND', {}, `${file} (${(e as NodeJS.ErrnoException).code})`)));
  });
  await opened;
  await pipeline(input, parse({ columns: true, bom: true, skip_empty_lines: true }), router, stringify({ header: true }), sink);
}

async function routeGeoJson(gridSet: GridSet, file: string, tally: RouteTally): Promise<string> {
  let fc: { type?: string; features?: Array<{ geometry?: { type?: string; coordinates?: unknown[] }; properties?: Record<string, unknown> | null }> };
  try {
    fc = JSON.parse(await readText(file));
  } catch (e) {
    if (e instanceof CitygridError) throw e;
    throw CitygridError.of('CG_ERR_NOT_JSON', {}, `${file}: ${(e as Error).message}`);
  }
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new CitygridError([problem('CG_ERR_NOT_FEATURE_COLLECTION', {}, `${JSON.stringify(fc?.type)} in ${file}`)]);
  }
  const features = fc.features.map((f, i) => {
    const c = f?.geometry?.type === 'Point' ? f.geometry.coordinates ?? [] : [];
    const [lon, lat] = [Number(c[0]), Number(c[1])];
    const bad = f?.geometry?.type !== 'Point' ? `expected a Point geometry, got ${JSON.stringify(f?.geometry?.type ?? null)}` : coordinateProblem(lon, lat, [c[0], c[1]]);
    let gridId = '';
    if (bad) tally.bad(i, bad);
    else {
      gridId = routePoint(gridSet, lon, lat)?.id ?? '';
      tally.add(gridId || null);
    }
    return { ...f, properties: { ...(f?.properties ?? {}), grid_id: gridId } };
  });
  return JSON.stringify({ ...fc, features }) + '\n';
}

/** Writes to stdout, or to a temp file renamed into place only when the whole output is done. */
async function writeAtomically(out: string | undefined, write: (sink: Writable) => Promise<void>): Promise<void> {
  if (!out) return write(process.stdout);
  const target = userPath(out);
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, '');
  try {
    await write(createWriteStream(temp));
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
