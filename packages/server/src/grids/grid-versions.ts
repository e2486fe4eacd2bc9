import type { Connection } from '../db/connection.ts';
import type { GridVersion } from './version-schemas.ts';
import { isoFromMicros } from '../db/report-rows.ts';

/** What an import records about a new version besides its grids. */
export interface NewVersion {
  version: number;
  idField: string;
  grids: number;
  /** Sum of the grids' ellipsoidal areas, m². */
  area_m2: number;
  /** Coverage problems the import accepted (force=true); 0 for a clean tiling. */
  problems: number;
}

const SELECT = `SELECT version, status, epoch_us(created_at) AS created_us, epoch_us(published_at) AS published_us,
  id_field, grids, area_m2, problems FROM grid_versions`;

/** Every version, newest first. */
export async function listVersions(conn: Connection): Promise<GridVersion[]> {
  return (await conn.runAndReadAll(`${SELECT} ORDER BY version DESC`)).getRowObjectsJS().map(versionOf);
}

/** One version, or null if there is none with that number. */
export async function findVersion(conn: Connection, version: number): Promise<GridVersion | null> {
  const row = (await conn.runAndReadAll(`${SELECT} WHERE version = $version`, { version })).getRowObjectsJS()[0];
  return row ? versionOf(row) : null;
}

/** The number the next import gets: one more than the highest so far, 1 for the first. */
export async function nextVersion(conn: Connection): Promise<number> {
  const row = (await conn.runAndReadAll('SELECT coalesce(max(version), 0) + 1 AS v FROM grid_versions')).getRowObjectsJS()[0];
  return Number(row.v);
}

/** Records a new draft. Inside the import's transaction, before its grids are appended. */
export async function insertVersion(conn: Connection, v: NewVersion): Promise<void> {
  await conn.run(
    "INSERT INTO grid_versions VALUES ($version, 'draft', make_timestamp($us::BIGINT), NULL, $idField, $grids, $area, $problems)",
    { version: v.version, us: nowMicros(), idField: v.idField, grids: v.grids, area: v.area_m2, problems: v.problems },
  );
}

/**
 * Makes `version` the current one and retires the previous, in one statement. Inside the
 * publish transaction, together with re-routing the reports.
 */
export async function setCurrent(conn: Connection, version: number): Promise<void> {
  await conn.run(
    `UPDATE grid_versions SET
       status = CASE WHEN version = $version THEN 'current' WHEN status = 'current' THEN 'retired' ELSE status END,
       published_at = CASE WHEN version = $version THEN make_timestamp($us::BIGINT) ELSE published_at END
     WHERE version = $version OR status = 'current'`,
    { version, us: nowMicros() },
  );
}

/** The current version's number, as this connection's snapshot sees it; null before any import. */
export async function currentVersion(conn: Connection): Promise<number | null> {
  const row = (await conn.runAndReadAll("SELECT version FROM grid_versions WHERE status = 'current'")).getRowObjectsJS()[0];
  return row ? Number(row.version) : null;
}

// Times come from the JS clock, as received_at does: DuckDB's now() is zoned by the session.
function nowMicros(): bigint {
  return BigInt(Date.now()) * 1000n;
}

function versionOf(row: Record<string, unknown>): GridVersion {
  return {
    version: Number(row.version),
    status: row.status as GridVersion['status'],
    created_at: isoFromMicros(row.created_us as bigint),
    published_at: row.published_us === null ? null : isoFromMicros(row.published_us as bigint),
    grids: Number(row.grids),
    area_m2: row.area_m2 as number,
    problems: Number(row.problems),
    idField: row.id_field as string,
  };
}
