import { createHash } from 'node:crypto';
import type { Connection } from '../db/connection.ts';

/** A stored profile version as read back. */
export interface ProfileRow {
  version: number;
  profile: unknown;
  files: Record<string, unknown>;
  created_at: string;
  created_by: string | null;
}

/**
 * The newest stored profile version with its files, or null when none was stored.
 * @example const row = await readLatestProfile(conn);
 */
export async function readLatestProfile(conn: Connection): Promise<ProfileRow | null> {
  const rows = (
    await conn.runAndReadAll(
      'SELECT version, profile, files, epoch_ms(created_at) AS ms, created_by FROM profiles ORDER BY version DESC LIMIT 1',
    )
  ).getRowObjectsJS();
  if (!rows.length) return null;
  const row = rows[0];
  const names = JSON.parse(row.files as string) as Record<string, string>;
  return {
    version: Number(row.version),
    profile: JSON.parse(row.profile as string),
    files: await readFiles(conn, names),
    created_at: new Date(Number(row.ms)).toISOString(),
    created_by: (row.created_by as string | null) ?? null,
  };
}

/**
 * The files uploaded for profiles to come, by name.
 * @example await readUploads(conn) // { 'main-roads.geojson': { type: 'FeatureCollection', … } }
 */
export async function readUploads(conn: Connection): Promise<Record<string, unknown>> {
  const rows = (await conn.runAndReadAll('SELECT name, sha256 FROM profile_uploads')).getRowObjectsJS();
  return readFiles(conn, Object.fromEntries(rows.map((r) => [r.name as string, r.sha256 as string])));
}

/**
 * Stores a new profile version and its files; the caller holds the write lock and a transaction.
 * @returns the version number given
 */
export async function insertProfile(
  conn: Connection,
  profile: unknown,
  files: Readonly<Record<string, unknown>>,
  by: string | null,
): Promise<number> {
  const names: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) names[name] = await storeFile(conn, content);
  const next = Number((await conn.runAndReadAll('SELECT coalesce(max(version), 0) + 1 AS v FROM profiles')).getRowObjectsJS()[0].v);
  await conn.run('INSERT INTO profiles VALUES ($v, $p, $f, now()::TIMESTAMP, $by)', {
    v: next,
    p: JSON.stringify(profile),
    f: JSON.stringify(names),
    by,
  });
  return next;
}

/**
 * Stores a file for a profile to come under `name` (replacing an earlier upload of that name).
 * @returns the SHA-256 of its canonical JSON
 */
export async function insertUpload(conn: Connection, name: string, content: unknown): Promise<string> {
  const sha = await storeFile(conn, content);
  await conn.run('INSERT OR REPLACE INTO profile_uploads VALUES ($n, $s, now()::TIMESTAMP)', { n: name, s: sha });
  return sha;
}

async function storeFile(conn: Connection, content: unknown): Promise<string> {
  const text = JSON.stringify(content);
  const sha = createHash('sha256').update(text).digest('hex');
  await conn.run('INSERT INTO profile_files VALUES ($s, $c) ON CONFLICT DO NOTHING', { s: sha, c: text });
  return sha;
}

async function readFiles(conn: Connection, names: Record<string, string>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, sha] of Object.entries(names)) {
    const rows = (await conn.runAndReadAll('SELECT content FROM profile_files WHERE sha256 = $s', { s: sha })).getRowObjectsJS();
    out[name] = JSON.parse(rows[0].content as string);
  }
  return out;
}
