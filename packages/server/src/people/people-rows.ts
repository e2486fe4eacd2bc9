import { listValue, type Connection, type SqlValue } from '../db/connection.ts';
import type { PersonRecord } from './check-people.ts';
import type { Person } from './people-schemas.ts';

/** Which people to read; every field given must match. */
export interface PeopleFilter {
  ids?: readonly string[];
  grid?: string;
  role?: string;
  department?: string;
  active?: boolean;
}

const SELECT = `SELECT p.id, p.name, p.phone, p.role, p.department, p.active, epoch_ms(p.created_at) AS ms,
  coalesce((SELECT list(g.grid_id ORDER BY g.grid_id) FROM people_grids g WHERE g.person_id = p.id), []) AS grids
  FROM people p`;

/**
 * Stored people matching `filter`, ordered by id, with their grids (sorted) and phone.
 * @example await readPeople(conn, { grid: 'A1' })
 */
export async function readPeople(conn: Connection, filter: PeopleFilter = {}): Promise<Person[]> {
  const conditions: string[] = [];
  const params: Record<string, SqlValue> = {};
  if (filter.ids) {
    conditions.push('list_contains($ids::VARCHAR[], p.id)');
    params.ids = listValue([...filter.ids]);
  }
  if (filter.grid !== undefined) {
    conditions.push('EXISTS (SELECT 1 FROM people_grids g WHERE g.person_id = p.id AND g.grid_id = $grid)');
    params.grid = filter.grid;
  }
  for (const key of ['role', 'department', 'active'] as const) {
    if (filter[key] === undefined) continue;
    conditions.push(`p.${key} = $${key}`);
    params[key] = filter[key];
  }
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
  const rows = (await conn.runAndReadAll(`${SELECT}${where} ORDER BY p.id`, params)).getRowObjectsJS();
  return rows.map((r) => ({
    id: r.id as string,
    name: r.name as string,
    phone: (r.phone as string | null) ?? null,
    role: r.role as string,
    department: (r.department as string | null) ?? null,
    active: r.active as boolean,
    grids: (r.grids as string[]) ?? [],
    created_at: new Date(Number(r.ms)).toISOString(),
  }));
}

/**
 * Inserts people and their grids: one statement per table, however many people (a roster of
 * 10,000 as 20,000 single INSERTs would take seconds). The caller holds a transaction.
 * @param createdMs created_at of every row, ms since the epoch
 */
export async function insertPeople(conn: Connection, records: readonly PersonRecord[], createdMs: number): Promise<void> {
  if (!records.length) return;
  const column = <K extends keyof PersonRecord>(key: K) => listValue(records.map((r) => (r[key] ?? '') as SqlValue));
  // A list whose first item is NULL is typed as a list of NULLs and loses its strings, so null
  // travels as '' (never a valid phone or department code) and becomes NULL again here.
  await conn.run(
    `INSERT INTO people SELECT unnest($id::VARCHAR[]), unnest($name::VARCHAR[]), nullif(unnest($phone::VARCHAR[]), ''), unnest($role::VARCHAR[]),
       nullif(unnest($department::VARCHAR[]), ''), unnest($active::BOOLEAN[]), make_timestamp($us::BIGINT)`,
    {
      id: column('id'),
      name: column('name'),
      phone: column('phone'),
      role: column('role'),
      department: column('department'),
      active: column('active'),
      us: BigInt(createdMs) * 1000n,
    },
  );
  await insertGrids(conn, records);
}

/**
 * Rewrites stored people's fields and replaces their grids. The caller holds a transaction.
 * @example await updatePerson(conn, { ...record, grids: ['A1', 'A2'] })
 */
export async function updatePerson(conn: Connection, record: PersonRecord): Promise<void> {
  await conn.run(
    'UPDATE people SET name = $name, phone = $phone, role = $role, department = $department, active = $active WHERE id = $id',
    {
      id: record.id,
      name: record.name,
      phone: record.phone,
      role: record.role,
      department: record.department,
      active: record.active,
    },
  );
  await conn.run('DELETE FROM people_grids WHERE person_id = $id', { id: record.id });
  await insertGrids(conn, [record]);
}

async function insertGrids(conn: Connection, records: readonly PersonRecord[]): Promise<void> {
  const pairs = records.flatMap((r) => r.grids.map((g) => [r.id, g]));
  if (!pairs.length) return;
  await conn.run('INSERT INTO people_grids SELECT unnest($person::VARCHAR[]), unnest($grid::VARCHAR[])', {
    person: listValue(pairs.map((p) => p[0])),
    grid: listValue(pairs.map((p) => p[1])),
  });
}
