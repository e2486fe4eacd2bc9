import { existsSync } from 'node:fs';
import { CitygridError } from '@citygrid/core';
import { openStore } from '@citygrid/server';
import { cliError } from '../errors.ts';
import type { Command } from './command.ts';
import { userPath } from './command.ts';

export const publishCommand: Command = {
  name: 'publish',
  summary: 'Make a draft grid version (citygrid import --draft) current and re-route the stored reports.',
  usage: `usage: citygrid publish <version> [--db citygrid.duckdb]

  --db file   DuckDB file holding the draft                              [citygrid.duckdb]

Makes grid version <version> current and re-routes every stored report to it, in one
transaction, as POST /api/grids/versions/{v}/publish does. The version is the one
citygrid import --draft printed (GET /api/grids/versions lists them). Stop citygrid serve
first: DuckDB lets one process open a file (with the server running, publish over HTTP).
example: citygrid import redrawn.geojson --db city.duckdb --draft && citygrid publish 2 --db city.duckdb`,
  options: { db: { type: 'string' } },
  async run({ positionals, values }) {
    if (positionals.length !== 1 || !/^[1-9]\d*$/.test(positionals[0]))
      throw CitygridError.of('CG_ERR_USAGE', {}, `expected one grid version number, got ${positionals.join(' ') || 'nothing'}`);
    const db = (values.db as string | undefined) ?? 'citygrid.duckdb';
    if (!existsSync(userPath(db))) throw cliError('CG_ERR_FILE_NOT_FOUND', {}, `${db} (no such DuckDB file)`);
    const store = await openStore(userPath(db));
    try {
      const done = await store.publish(Number(positionals[0]));
      process.stdout.write(
        done.previous === done.version
          ? `version ${done.version} was already current in ${db}; nothing changed\n`
          : `published version ${done.version} in ${db} (was ${done.previous ?? 'none'}): ${done.rerouted} stored reports changed grid\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
