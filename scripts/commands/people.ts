import { existsSync } from 'node:fs';
import { CitygridError } from '@citygrid/core';
import { openStore } from '@citygrid/server';
import { cliError } from '../errors.ts';
import type { Command } from './command.ts';
import { readCsvRows } from './read-csv.ts';
import { readEncoding, type Encoding } from './text-encoding.ts';
import { userPath } from './command.ts';

const ACTIONS = ['import'] as const;
const COLUMNS = ['id', 'name', 'phone', 'role', 'department', 'grids', 'active'] as const;
const REQUIRED = ['id', 'name', 'role'] as const;

export const peopleCommand: Command = {
  name: 'people',
  summary: 'Import the grid team (people, team roles, departments, grids) from a CSV file into a DuckDB file.',
  usage: `usage: citygrid people import <people.csv> [--db citygrid.duckdb] [--encoding utf-8|gb18030]

  --db file   DuckDB file, the one citygrid serve uses; its current grids must be imported  [citygrid.duckdb]
  --encoding  utf-8 or gb18030 (gbk: Excel's CSV on Chinese Windows)    [detected, and said]

The CSV has a header line; columns (any order):
  id          the person's id (a staff number)                                  required
  name        姓名                                                               required
  role        a team role code of the city profile: grid-head 网格长, instructor 网格指导员,
              full-time 专职网格员, specialist 专业网格员, optional 选配网格员      required
  department  a department code (cgj, gajj, jtj, scjg, zjj by default); required for specialist
  phone       shown to admin keys only, never in public reads
  grids       ids of the current grid version, separated by ; or | (one person, many grids)
  active      true or false                                                     [true]
All rows are stored or none: each bad row is listed with its line number and the fix (exit 2).
A person already stored with the same fields is left as it is, so importing a file twice
changes nothing; change a stored person with PATCH /api/people/{id}.
example: citygrid people import team.csv --db city.duckdb`,
  options: { db: { type: 'string' }, encoding: { type: 'string' } },
  async run({ positionals, values }) {
    const [action, file, ...rest] = positionals;
    if (!(ACTIONS as readonly string[]).includes(action))
      throw usage(`expected one of ${ACTIONS.join(', ')}, got ${action === undefined ? 'nothing' : JSON.stringify(action)}`);
    if (file === undefined || rest.length) throw usage(`import takes one CSV file, got ${[file, ...rest].filter(Boolean).length}`);
    const db = (values.db as string | undefined) ?? 'citygrid.duckdb';
    if (!existsSync(userPath(db)))
      throw cliError(
        'CG_ERR_FILE_NOT_FOUND',
        {},
        `${db} (no such DuckDB file: import the grids first with citygrid import <grids.geojson> --db ${db})`,
      );
    const { inputs, lines } = readPeopleCsv(file, readEncoding(values.encoding as string | undefined));
    const store = await openStore(userPath(db));
    try {
      const { people, created } = await store.people.insert(inputs, { label: (i) => `line ${lines[i]}` });
      process.stdout.write(`imported ${people.length} people into ${db} (${created} new, ${people.length - created} already there)\n`);
      return 0;
    } catch (e) {
      throw e instanceof CitygridError ? atLines(e, file) : e;
    } finally {
      await store.close();
    }
  },
};

/**
 * Reads the people CSV into person inputs (empty cells left out, grids split on ; or |) and
 * the line each row ends on, for messages.
 */
function readPeopleCsv(file: string, encoding: Encoding | undefined): { inputs: Record<string, unknown>[]; lines: number[] } {
  const rows = readCsvRows(file, { columns: header(file), trim: true, encoding, command: 'people import' });
  if (!rows.length) throw cliError('CG_ERR_UNREADABLE_INPUT', {}, `${file}: no rows under the header line`);
  return { inputs: rows.map((r) => personInput(r.record)), lines: rows.map((r) => r.line) };
}

/** csv-parse's `columns` callback: checks the header names the columns people have. */
function header(file: string): (names: string[]) => string[] {
  return (names) => {
    const cols = names.map((n) => n.trim().toLowerCase());
    const unknown = cols.filter((c) => !(COLUMNS as readonly string[]).includes(c));
    const missing = REQUIRED.filter((c) => !cols.includes(c));
    if (unknown.length || missing.length) {
      const what = [
        missing.length ? `missing ${missing.join(', ')}` : '',
        unknown.length ? `unknown ${unknown.map((c) => JSON.stringify(c)).join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ');
      throw cliError(
        'CG_ERR_UNREADABLE_INPUT',
        {},
        `${file}: line 1: the header has columns ${what}; expected ${COLUMNS.join(',')} (id, name and role required)`,
      );
    }
    return cols;
  };
}

function personInput(record: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = { id: record.id, name: record.name, role: record.role };
  if (record.phone) input.phone = record.phone;
  if (record.department) input.department = record.department;
  if (record.grids)
    input.grids = record.grids
      .split(/[;|]/)
      .map((g) => g.trim())
      .filter(Boolean);
  if (record.active)
    input.active = /^(true|1|yes|是)$/i.test(record.active) ? true : /^(false|0|no|否)$/i.test(record.active) ? false : record.active;
  return input;
}

/** The store's problems, each named by its CSV line ("line 3, role: …") instead of a body path. */
function atLines(error: CitygridError, file: string): CitygridError {
  for (const p of error.problems) p.message = `${file}: ${p.message.replace(/^line (\d+)\//, 'line $1, ')}`;
  return error;
}

function usage(message: string): CitygridError {
  return CitygridError.of('CG_ERR_USAGE', {}, message);
}
