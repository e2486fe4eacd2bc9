import { openStore } from '@citygrid/server';
import type { Command } from './command.ts';
import { userPath } from './command.ts';
import { readGrids } from './read-grids.ts';

export const importCommand: Command = {
  name: 'import',
  summary: 'Validate a grid GeoJSON file and store it in a DuckDB file (all or nothing).',
  usage: `usage: citygrid import <grids.geojson> [--db citygrid.duckdb] [--id-field id]

  --db file        DuckDB file to store into (created if missing)   [citygrid.duckdb]
  --id-field f     property holding each grid's unique id           [id]

On any problem every bad feature is printed with its fix and nothing is stored (exit 2).
example: citygrid import data/demo/grids.geojson --db city.duckdb`,
  options: { db: { type: 'string' }, 'id-field': { type: 'string' } },
  async run({ positionals, values }) {
    if (positionals.length !== 1) {
      process.stderr.write(`citygrid import: expected one GeoJSON file, got ${positionals.length}\n\n${this.usage}\n`);
      return 2;
    }
    const file = positionals[0];
    const gridSet = await readGrids(file, (values['id-field'] as string | undefined) ?? 'id');
    const db = (values.db as string | undefined) ?? 'citygrid.duckdb';
    const store = await openStore(userPath(db));
    try {
      await store.replaceGrids(gridSet);
    } finally {
      await store.close();
    }
    const km2 = gridSet.grids.reduce((s, g) => s + g.area_m2, 0) / 1e6;
    process.stdout.write(`imported ${gridSet.grids.length} grids (${km2.toFixed(2)} km²) from ${file} into ${db}\n`);
    return 0;
  },
};
