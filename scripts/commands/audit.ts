import { existsSync } from 'node:fs';
import { CitygridError } from '@citygrid/core';
import { openStore } from '@citygrid/server';
import { cliError } from '../errors.ts';
import type { Command } from './command.ts';
import { userPath } from './command.ts';

export const auditCommand: Command = {
  name: 'audit',
  summary: "Recompute the case log's SHA-256 chain in a DuckDB file and name the first event that breaks it.",
  usage: `usage: citygrid audit verify [--json] [--db citygrid.duckdb]

  --db file   DuckDB file, the one citygrid serve uses              [citygrid.duckdb]
  --json      print the answer of GET /api/audit/verify as JSON

Every case event is chained: its hash is SHA-256 of the previous event's hash and its own
canonical JSON (docs/cases.md, Audit). verify reads the events in seq order and recomputes
each hash; a changed, removed or inserted event breaks the chain there.
Exit 0: the chain holds; 1: it breaks (the first broken event is named); 2: bad usage or file.
DuckDB lets one process open a file: stop citygrid serve first, or ask the server
(GET /api/audit/verify with an admin key).
example: citygrid audit verify --db city.duckdb`,
  options: { db: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values }) {
    const [action, ...rest] = positionals;
    if (action !== 'verify' || rest.length)
      throw CitygridError.of(
        'CG_ERR_USAGE',
        {},
        `expected verify, got ${positionals.length ? JSON.stringify(positionals.join(' ')) : 'nothing'}`,
      );
    const db = (values.db as string | undefined) ?? 'citygrid.duckdb';
    const path = userPath(db);
    if (!existsSync(path)) throw cliError('CG_ERR_FILE_NOT_FOUND', {}, `${db} (no such DuckDB file)`);
    const store = await openStore(path);
    let answer: Awaited<ReturnType<typeof store.cases.verify>>;

    try {
      answer = await store.cases.verify();
    } finally {
      await store.close();
    }
    if (values.json) process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
    else if (answer.ok) process.stdout.write(`${db}: the case log holds: ${answer.events} events, every hash recomputed and chained\n`);
    else {
      const b = answer.first_broken!;
      process.stdout.write(
        `${db}: the case log is broken at event seq ${b.seq} (case ${b.case_id}): ${b.reason}\n${answer.events - 1} events before it verify\n`,
      );
    }
    return answer.ok ? 0 : 1;
  },
};
