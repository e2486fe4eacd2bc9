import { CitygridError } from '@citygrid/core';
import { BOUNDARY_LEVELS, openStore } from '@citygrid/server';
import type { Command } from './command.ts';
import { printProblems, userPath } from './command.ts';
import { readText } from './read-grids.ts';

export const boundariesCommand: Command = {
  name: 'boundaries',
  summary: "Load one level's boundaries (city, district, street, community) from a GeoJSON file into a DuckDB file.",
  usage: `usage: citygrid boundaries import <file.geojson> --level street|district|community|city [--db citygrid.duckdb]
                                  [--id-field id] [--name-field name] [--parent-field parent]

  --level l          the level the file's units are: city (市), district (区/县), street (街道/镇),
                     community (社区/村)
  --db file          DuckDB file to store into (created if missing)        [citygrid.duckdb]
  --id-field f       property holding each unit's id; features sharing an id are one unit,
                     their polygons unioned                                 [id]
  --name-field f     property holding each unit's name (the id when absent)  [name]
  --parent-field f   property holding the parent unit's id; without it, a unit's parent is the
                     lowest loaded unit above that contains it (load from the top down)

Replaces that level's units only; the other levels are kept. All or nothing: every bad feature
is printed with its index, id and fix, and nothing is stored (exit 2). Grids stored without a
parent, and units below without one, are attached to the unit containing them. The same as
PUT /api/boundaries/{level} (planner key). DuckDB lets one process open a file: stop
citygrid serve first.
example: citygrid boundaries import ../shared/data-external/la-311/areas.geojson --level street \\
           --id-field service_region --name-field service_region --db la.duckdb`,
  options: {
    db: { type: 'string' },
    level: { type: 'string' },
    'id-field': { type: 'string' },
    'name-field': { type: 'string' },
    'parent-field': { type: 'string' },
  },
  async run({ positionals, values }) {
    const [action, ...files] = positionals;
    if (action !== 'import') throw usage(`expected import, got ${action === undefined ? 'nothing' : JSON.stringify(action)}`);
    if (files.length !== 1) throw usage(`import takes one GeoJSON file, got ${files.length}`);
    const level = values.level as string | undefined;
    if (!(BOUNDARY_LEVELS as readonly string[]).includes(level ?? ''))
      throw usage(`--level must be one of ${BOUNDARY_LEVELS.join(', ')}, got ${level === undefined ? 'nothing' : JSON.stringify(level)}`);
    const file = files[0];
    const fc = parseJson(await readText(file), file);
    const db = (values.db as string | undefined) ?? 'citygrid.duckdb';
    const store = await openStore(userPath(db));
    try {
      const fields = {
        idField: values['id-field'] as string | undefined,
        nameField: values['name-field'] as string | undefined,
        parentField: values['parent-field'] as string | undefined,
      };
      const made = await store.replaceLevel(level!, fc, fields);
      process.stdout.write(
        `imported ${made.units} ${level} units (from ${made.features} features; ${made.with_parent} with a parent) from ${file} into ${db}\n`,
      );
      return 0;
    } catch (e) {
      if (!(e instanceof CitygridError)) throw e;
      printProblems('boundaries', e, file);
      process.stderr.write(`citygrid boundaries: ${e.problems.length} problem(s): nothing stored\n`);
      return e.exit;
    } finally {
      await store.close();
    }
  },
};

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw CitygridError.of('CG_ERR_NOT_JSON', {}, `${file}: ${(e as Error).message}`);
  }
}

function usage(message: string): CitygridError {
  return CitygridError.of('CG_ERR_USAGE', {}, message);
}
