import { validateCoverage } from '@citygrid/core';
import { openStore, summariseProblems } from '@citygrid/server';
import type { Command } from './command.ts';
import { userPath } from './command.ts';
import { readGrids } from './read-grids.ts';

export const importCommand: Command = {
  name: 'import',
  summary: 'Validate a grid GeoJSON file and store it in a DuckDB file (all or nothing).',
  usage: `usage: citygrid import <grids.geojson> [--db citygrid.duckdb] [--id-field id] [--force] [--draft]

  --db file        DuckDB file to store into (created if missing)   [citygrid.duckdb]
  --id-field f     property holding each grid's unique id           [id]
  --force          store grids that overlap or leave gaps (listed as warnings)
  --draft          store as a draft version without publishing it (the first import of
                   a file is published anyway); publish with citygrid publish <v>
                   (or POST /api/grids/versions/{v}/publish)

A file that does not parse: every bad feature is printed with its fix, nothing is stored
(exit 2). Grids that parse but overlap, leave gaps or have mismatched borders: each problem
is printed with the grids and m², nothing is stored (exit 1) unless --force. The same check
as citygrid validate and POST /api/grids. Each import is a new grid version; it is published
(made current, stored reports re-routed) unless --draft.
example: citygrid import data/demo/grids.geojson --db city.duckdb`,
  options: { db: { type: 'string' }, 'id-field': { type: 'string' }, force: { type: 'boolean' }, draft: { type: 'boolean' } },
  async run({ positionals, values }) {
    if (positionals.length !== 1) {
      process.stderr.write(`citygrid import: expected one GeoJSON file, got ${positionals.length}\n\n${this.usage}\n`);
      return 2;
    }
    const file = positionals[0];
    const gridSet = await readGrids(file, (values['id-field'] as string | undefined) ?? 'id');
    const coverage = validateCoverage(gridSet);
    // With the reason and the API's fix, which says when `citygrid repair` would fix it.
    const fixes = summariseProblems(coverage.problems.slice(0, 20)).map((s) =>
      s.fix.replace('`citygrid repair` (POST /api/grids/repair)', `citygrid repair ${file} --out fixed.geojson`),
    );
    coverage.problems.slice(0, 20).forEach((p, k) => {
      const area =
        p.area_m2 === undefined
          ? ''
          : ` ${p.area_m2 >= 1000 ? Math.round(p.area_m2).toLocaleString('en') : Number(p.area_m2.toPrecision(3))} m²${p.sliver ? ` (a sliver ${p.width_m} m wide)` : ''}`;
      process.stderr.write(
        `citygrid import: ${file}: ${values.force ? 'warning: ' : ''}${p.kind} of ${p.grids.join(', ')}${area}${p.reason ? `: ${p.reason}` : ''} → ${fixes[k]}\n`,
      );
    });
    if (coverage.problems.length > 20)
      process.stderr.write(`citygrid import: … ${coverage.problems.length - 20} more (citygrid validate ${file} lists them all)\n`);
    if (!coverage.valid && !values.force) {
      process.stderr.write(
        `citygrid import: ${coverage.problems.length} coverage problem(s): nothing stored. Fix the borders, or store anyway with --force.\n`,
      );
      return 1;
    }
    const db = (values.db as string | undefined) ?? 'citygrid.duckdb';
    const store = await openStore(userPath(db));
    let made: Awaited<ReturnType<typeof store.importGrids>>;

    try {
      made = await store.importGrids(gridSet, { publish: !values.draft, problems: coverage.problems.length });
    } finally {
      await store.close();
    }
    const km2 = gridSet.grids.reduce((s, g) => s + g.area_m2, 0) / 1e6;
    const state = made.published
      ? `published, ${made.rerouted} stored reports changed grid`
      : `draft; version ${made.current} stays current`;
    process.stdout.write(
      `imported ${gridSet.grids.length} grids (${km2.toFixed(2)} km²) from ${file} into ${db} as version ${made.version} (${state})\n`,
    );
    return 0;
  },
};
