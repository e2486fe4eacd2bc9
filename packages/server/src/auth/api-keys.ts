import type { Database } from '../db/database.ts';
import { problem, serverError } from '../errors/catalogue.ts';
import { generateApiKey, keyLabel, parseApiKey, secretMatches } from './api-key.ts';
import { checkKeyScope, type KeyScope } from './key-scope.ts';
import type { Role } from './roles.ts';

/** A key as listed: everything but the secret and its hash. */
export interface ApiKeyInfo extends KeyScope {
  /** 12 hex digits, the middle of `cg_<id>_<secret>`. */
  id: string;
  role: Role;
  label: string | null;
  /** ISO 8601 UTC. */
  created_at: string;
  /** ISO 8601 UTC; null while the key works. */
  revoked_at: string | null;
  /** The person (people/) using the key: patrols are stored under them; null for a key no person carries. */
  person: string | null;
}

/** Who a verified key is: what the request hooks and the log see. */
export type ApiKeyIdentity = Pick<ApiKeyInfo, 'id' | 'role' | 'label' | 'department' | 'grids' | 'person'>;

/** The answer of {@link ApiKeys.verify}: the key's identity, or why it was refused. */
export type KeyCheck = { ok: true; key: ApiKeyIdentity } | { ok: false; reason: string };

/**
 * The store's API keys, kept in memory: every request checks its key, and a DuckDB read per
 * request would cost more than the request. The process holding the DuckDB file is its only
 * writer, so the copy changes only through {@link create} and {@link revoke}.
 */
export class ApiKeys {
  readonly #db: Database;
  readonly #departments: () => readonly string[];
  readonly #personExists: (id: string) => Promise<boolean>;
  readonly #rows = new Map<string, ApiKeyInfo & { hash: string }>();

  /**
   * Use the store's `keys`. `departments` gives the profile's department codes (a department key
   * must name one); `personExists` says whether a person id is stored (a key's `person` must be).
   */
  constructor(
    db: Database,
    departments: () => readonly string[] = () => [],
    personExists: (id: string) => Promise<boolean> = async () => false,
  ) {
    this.#db = db;
    this.#departments = departments;
    this.#personExists = personExists;
  }

  /** Reads the table into memory; called once when the store opens. */
  async load(): Promise<void> {
    const rows = await this.#db.read(async (conn) =>
      (
        await conn.runAndReadAll(
          'SELECT id, role, hash, epoch_ms(created_at) AS created, epoch_ms(revoked_at) AS revoked, label, department, grids, person_id FROM api_keys',
        )
      ).getRowObjectsJS(),
    );
    this.#rows.clear();
    for (const r of rows) {
      this.#rows.set(r.id as string, {
        id: r.id as string,
        role: r.role as Role,
        hash: r.hash as string,
        label: (r.label as string | null) ?? null,
        department: (r.department as string | null) ?? null,
        grids: r.grids === null || r.grids === undefined ? null : (JSON.parse(r.grids as string) as string[]),
        created_at: iso(r.created),
        revoked_at: r.revoked === null ? null : iso(r.revoked),
        person: (r.person_id as string | null) ?? null,
      });
    }
  }

  /**
   * Makes a key. The answer's `key` is the only copy of the secret: only its SHA-256 is stored.
   * A `department` key is scoped to one department code, an `inspector` key to grid ids
   * (auth/key-scope.ts: CG_ERR_KEY_SCOPE, 400, for a missing or misplaced scope).
   * @example const { key } = await store.keys.create({ role: 'reporter', label: '12345 hotline' });
   * A `person` links the key to a stored person (CG_ERR_UNKNOWN_PERSON, 422, otherwise).
   * @example await store.keys.create({ role: 'department', department: 'cgj' });
   * @example await store.keys.create({ role: 'inspector', grids: ['A1'], person: 'P1' });
   */
  async create(options: {
    role: Role;
    label?: string | null;
    department?: string | null;
    grids?: readonly string[] | null;
    person?: string | null;
  }): Promise<ApiKeyInfo & { key: string }> {
    const scope = checkKeyScope(options.role, options, this.#departments());
    const person = options.person?.trim() || null;
    if (person !== null && !(await this.#personExists(person)))
      throw serverError([{ ...problem('CG_ERR_UNKNOWN_PERSON', {}, JSON.stringify(person)), id: person }]);
    const made = generateApiKey();
    const row = {
      id: made.id,
      role: options.role,
      hash: made.hash,
      label: options.label ?? null,
      ...scope,
      created_at: new Date().toISOString(),
      revoked_at: null,
      person,
    };
    await this.#db.write((conn) =>
      conn.run(
        'INSERT INTO api_keys (id, role, hash, created_at, revoked_at, label, department, grids, person_id) VALUES ($id, $role, $hash, make_timestamp($us::BIGINT), NULL, $label, $department, $grids, $person)',
        {
          id: row.id,
          role: row.role,
          hash: row.hash,
          us: BigInt(Date.parse(row.created_at)) * 1000n,
          label: row.label,
          department: row.department,
          grids: row.grids === null ? null : JSON.stringify(row.grids),
          person: row.person,
        },
      ),
    );
    this.#rows.set(row.id, row);
    return { ...info(row), key: made.key };
  }

  /** Every key, oldest first, revoked ones included; no secrets, no hashes. */
  list(): ApiKeyInfo[] {
    return [...this.#rows.values()].map(info).sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
  }

  /** Keys that work (not revoked). */
  activeCount(): number {
    let n = 0;
    for (const r of this.#rows.values()) if (r.revoked_at === null) n++;
    return n;
  }

  /**
   * Revokes a key at once: the next request carrying it is refused. Revoking a revoked key
   * changes nothing. Throws CG_ERR_NOT_FOUND (404) for an id that was never made.
   * @param id the 12 hex digits, or the whole key
   */
  async revoke(id: string): Promise<ApiKeyInfo> {
    const keyId = parseApiKey(id)?.id ?? id;
    const row = this.#rows.get(keyId);
    if (!row) throw serverError([{ ...problem('CG_ERR_NOT_FOUND', {}, `API key ${JSON.stringify(keyId)}`), id: keyId }]);
    if (row.revoked_at !== null) return info(row);
    const at = new Date().toISOString();
    await this.#db.write((conn) =>
      conn.run('UPDATE api_keys SET revoked_at = make_timestamp($us::BIGINT) WHERE id = $id', {
        id: keyId,
        us: BigInt(Date.parse(at)) * 1000n,
      }),
    );
    row.revoked_at = at;
    return info(row);
  }

  /** Checks a key sent with a request: well formed, known, secret matching, not revoked. No I/O. */
  verify(key: string): KeyCheck {
    const parts = parseApiKey(key);
    if (!parts) return { ok: false, reason: 'the API key is not of the form cg_<12 hex digits>_<43 characters>' };
    const row = this.#rows.get(parts.id);
    if (!row || !secretMatches(parts.secret, row.hash)) return { ok: false, reason: `API key ${keyLabel(parts.id)} is not valid` };
    if (row.revoked_at !== null) return { ok: false, reason: `API key ${keyLabel(parts.id)} was revoked at ${row.revoked_at}` };
    return {
      ok: true,
      key: { id: row.id, role: row.role, label: row.label, department: row.department, grids: row.grids, person: row.person },
    };
  }
}

function info(row: ApiKeyInfo & { hash: string }): ApiKeyInfo {
  return {
    id: row.id,
    role: row.role,
    label: row.label,
    department: row.department,
    grids: row.grids,
    created_at: row.created_at,
    revoked_at: row.revoked_at,
    person: row.person,
  };
}

function iso(ms: unknown): string {
  return new Date(Number(ms)).toISOString();
}
