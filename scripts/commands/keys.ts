import { existsSync } from 'node:fs';
import { CitygridError } from '@citygrid/core';
import { cliError } from '../errors.ts';
import { ROLES, openStore, type ApiKeyInfo, type Role, type Store } from '@citygrid/server';
import type { Command } from './command.ts';
import { userPath } from './command.ts';

const ACTIONS = ['create', 'list', 'revoke'] as const;

export const keysCommand: Command = {
  name: 'keys',
  summary: 'Make, list and revoke the API keys of a DuckDB file (roles viewer, reporter, planner, admin and the case roles).',
  usage: `usage: citygrid keys create --role <role> [--department code] [--grids A1,A2] [--person P1] [--label text] [--db citygrid.duckdb]
       citygrid keys list [--json] [--db citygrid.duckdb]
       citygrid keys revoke <id> [--db citygrid.duckdb]

  --db file      DuckDB file, the one citygrid serve uses              [citygrid.duckdb]
  --role r       viewer (read), reporter (also post reports), planner (also import drafts,
                 validate, repair, diff, impact), admin (also publish, manage keys);
                 the case roles (docs/cases.md): operator 受理员, supervisor 值班长,
                 dispatcher 派遣员, department 专业部门, inspector 监督员
  --department c a department key's department code: it sees and acts on that
                 department's cases only (required with --role department)
  --grids ids    an inspector key's grid ids, comma-separated: it sees and acts on the
                 cases in them only (required with --role inspector)
  --person id    the person (citygrid people import) carrying the key: the field app
                 (/m) stores their patrols and shows their grids
  --label text   who or what uses the key, shown in lists
  --json         list as JSON

create prints the new key on stdout, once: only its SHA-256 is stored. Send it as
"Authorization: Bearer <key>" (or "X-API-Key: <key>"). revoke takes the id that list shows
(or the whole key); requests carrying a revoked key are refused at once.
DuckDB lets one process open a file: stop citygrid serve first, or manage keys over HTTP
with an admin key (POST, GET, DELETE /api/keys).
example: citygrid keys create --role admin --label 'ops team' --db city.duckdb
         citygrid keys create --role department --department cgj --db city.duckdb
         citygrid keys create --role inspector --grids A1,A2 --person P1 --db city.duckdb`,
  options: {
    db: { type: 'string' },
    role: { type: 'string' },
    label: { type: 'string' },
    department: { type: 'string' },
    grids: { type: 'string' },
    person: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ positionals, values }) {
    const [action, ...rest] = positionals;
    if (!(ACTIONS as readonly string[]).includes(action))
      throw usage(`expected one of ${ACTIONS.join(', ')}, got ${action === undefined ? 'nothing' : JSON.stringify(action)}`);
    const db = (values.db as string | undefined) ?? 'citygrid.duckdb';
    const path = userPath(db);
    if (action !== 'create' && !existsSync(path)) throw cliError('CG_ERR_FILE_NOT_FOUND', {}, `${db} (no such DuckDB file)`);
    if (action === 'create') {
      if (rest.length) throw usage(`create takes no arguments, got ${rest.join(' ')}`);
      const role = values.role as string | undefined;
      if (!(ROLES as readonly string[]).includes(role ?? ''))
        throw usage(`--role must be one of ${ROLES.join(', ')}, got ${role === undefined ? 'nothing' : JSON.stringify(role)}`);
      const grids = (values.grids as string | undefined)?.split(',');
      const scope = {
        department: (values.department as string | undefined) ?? null,
        grids: grids ?? null,
        person: (values.person as string | undefined) ?? null,
      };
      const made = await withStore(path, (store) =>
        store.keys.create({ role: role as Role, label: (values.label as string | undefined) ?? null, ...scope }),
      );
      const scoped =
        (made.department ? ` for department ${made.department}` : made.grids ? ` for grids ${made.grids.join(', ')}` : '') +
        (made.person ? ` carried by ${made.person}` : '');
      process.stderr.write(`created ${made.role} key ${made.id}${scoped} in ${db}; it is shown only this once:\n`);
      process.stdout.write(`${made.key}\n`);
      return 0;
    }
    if (action === 'list') {
      if (rest.length) throw usage(`list takes no arguments, got ${rest.join(' ')}`);
      const keys = await withStore(path, async (store) => store.keys.list());
      process.stdout.write(values.json ? `${JSON.stringify(keys, null, 2)}\n` : table(keys));
      return 0;
    }
    if (rest.length !== 1) throw usage(`revoke takes one key id, got ${rest.length}`);
    const revoked = await withStore(path, (store) => store.keys.revoke(rest[0]));
    process.stdout.write(
      `revoked ${revoked.role} key ${revoked.id}${revoked.label ? ` (${revoked.label})` : ''} at ${revoked.revoked_at}\n`,
    );
    return 0;
  },
};

async function withStore<T>(path: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(path);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function table(keys: ApiKeyInfo[]): string {
  if (!keys.length) return 'no API keys (citygrid keys create --role admin makes the first)\n';
  const rows = keys.map((k) => [
    k.id,
    k.role,
    k.department ?? k.grids?.join(',') ?? '',
    k.revoked_at ? `revoked ${k.revoked_at}` : 'active',
    k.created_at,
    k.label ?? '',
  ]);
  const head = ['id', 'role', 'scope', 'state', 'created', 'label'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return (
    [head, ...rows]
      .map((r) =>
        r
          .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

function usage(message: string): CitygridError {
  return CitygridError.of('CG_ERR_USAGE', {}, message);
}
