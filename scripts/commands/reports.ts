import { existsSync } from 'node:fs';
import { CitygridError, parseDecimal, wallToUtc } from '@citygrid/core';
import { openStore, parseIsoTime, readProfileFile } from '@citygrid/server';
import { cliError } from '../errors.ts';
import type { Command } from './command.ts';
import { readCsvRows } from './read-csv.ts';
import { readEncoding } from './text-encoding.ts';
import { printProblems, userPath } from './command.ts';

// A time that names its zone: Z or ±HH[:MM] after a clock time (a bare date never does).
const ZONED = /[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const FIELDS = ['id', 'lon', 'lat', 'category', 'source', 'created_at', 'description', 'address', 'crs'] as const;

export const reportsCommand: Command = {
  name: 'reports',
  summary: 'Import reports from a CSV file into a DuckDB file: checked by the city profile, routed, dispatched, all or nothing.',
  usage: `usage: citygrid reports import <reports.csv> [--db citygrid.duckdb] [--profile city.json] [--source code] [--timezone tz]
                                       [--encoding utf-8|gb18030]

  --db file      DuckDB file, the one citygrid serve uses (its grids and profile apply)  [citygrid.duckdb]
  --profile file put this city profile in use first (docs/profile.md), as serve --profile does
  --source code  the source of rows without a source column (a code of the profile's sources)
  --timezone tz  the zone of created_at values written without one      [the profile's timezone]
  --encoding e   utf-8 or gb18030 (gbk: Excel's CSV on Chinese Windows)  [detected, and said]

Columns (any order, header line): id, lon, lat (WGS84, or crs), category (a code of
the city profile), source, created_at (ISO 8601; without a zone it is read in --timezone: a
city's own export says 2017-12-27T13:36:22 and means its local time), description, address,
crs. Every row is checked first (category, source, attributes, coordinates, times) and either
all are stored — routed to their grids and dispatched by the profile — or none (exit 2, each
bad row with its line). Stop citygrid serve first: DuckDB lets one process open a file.
example: citygrid reports import ../shared/data-external/la-311/reports.csv --db la.duckdb \\
           --profile data/profiles/los-angeles.json --source myla311`,
  options: {
    db: { type: 'string' },
    profile: { type: 'string' },
    source: { type: 'string' },
    timezone: { type: 'string' },
    encoding: { type: 'string' },
  },
  async run({ positionals, values }) {
    const [action, file, ...rest] = positionals;
    if (action !== 'import') throw usage(`expected import, got ${action === undefined ? 'nothing' : JSON.stringify(action)}`);
    if (file === undefined || rest.length) throw usage(`import takes one CSV file, got ${[file, ...rest].filter(Boolean).length}`);
    const db = (values.db as string | undefined) ?? 'citygrid.duckdb';
    if (!existsSync(userPath(db)))
      throw cliError(
        'CG_ERR_FILE_NOT_FOUND',
        {},
        `${db} (no such DuckDB file: import grids first with citygrid import <grids.geojson> --db ${db})`,
      );
    const rows = readCsvRows(file, { encoding: readEncoding(values.encoding as string | undefined), command: 'reports import' });
    const profile = values.profile === undefined ? null : readProfileFile(userPath(values.profile as string));
    const store = await openStore(userPath(db));
    try {
      if (profile) await store.replaceProfile(profile.profile, profile.files, 'cli');
      const tz = (values.timezone as string | undefined) ?? store.profiles.current().profile.timezone;
      const source = values.source as string | undefined;
      const reports = rows.map((row) => toReport(row.record, tz, source));
      const started = Date.now();
      const stored = await store.insertReportsBulk(reports);
      process.stdout.write(
        `imported ${stored} reports from ${file} into ${db} in ${((Date.now() - started) / 1000).toFixed(1)} s (times without a zone read in ${tz})\n`,
      );
      return 0;
    } catch (e) {
      if (!(e instanceof CitygridError)) throw e;
      // Problems name rows by index; the user needs the line it is on.
      for (const p of e.problems) if (p.index !== undefined) p.message = `line ${rows[p.index].line}: ${p.message}`;
      printProblems('reports', e, file);
      process.stderr.write(`citygrid reports: ${e.problems.length} problem(s): nothing stored\n`);
      return e.exit;
    } finally {
      await store.close();
    }
  },
};

/** A CSV row as a report input: numbers parsed, empty cells left out, zone-less times placed in `tz`. */
function toReport(row: Record<string, string>, tz: string, source: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) if (row[f] !== undefined && row[f] !== '') out[f] = row[f];
  // Decimal only, as the API reads them: '0x6d' stays text, and the check names it as sent.
  for (const f of ['lon', 'lat'] as const) {
    const n = out[f] === undefined ? Number.NaN : parseDecimal(out[f] as string);
    if (!Number.isNaN(n)) out[f] = n;
  }
  if (out.source === undefined && source !== undefined) out.source = source;
  const time = out.created_at as string | undefined;
  if (time !== undefined && !ZONED.test(time.trim())) {
    const wall = parseIsoTime(time);
    // Left as written when it does not parse: the store's check names it with its line.
    if (wall !== null) out.created_at = new Date(wallToUtc(wall, tz)).toISOString();
  }
  return out;
}

function usage(message: string): CitygridError {
  return CitygridError.of('CG_ERR_USAGE', {}, `${message}\n${reportsCommand.usage}`);
}
