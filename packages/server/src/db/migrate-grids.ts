import type { Connection } from './connection.ts';
import { AREA_COLUMNS, GRIDS_VIEW } from './ddl.ts';
import { transaction } from './transaction.ts';

/**
 * Brings a file from before grid versions up to date, once, in one transaction: its `grids`
 * table becomes version 1 (current, published when migrated), its reports record version 1 as
 * the version that routed them (the only one known: every import used to re-route them all),
 * and `grids` becomes the view of the current version. New and migrated files then look alike.
 */
export async function migrateGrids(conn: Connection): Promise<void> {
  const kind = (
    await conn.runAndReadAll("SELECT table_type FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'grids'")
  ).getRowObjectsJS()[0]?.table_type;
  if (kind === 'BASE TABLE') {
    await transaction(conn, async () => {
      const n = Number((await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM grids')).getRowObjectsJS()[0].n);
      if (n > 0) {
        await conn.run(`INSERT INTO version_grids SELECT 1, ${AREA_COLUMNS} FROM grids`);
        await conn.run(
          `INSERT INTO grid_versions
           SELECT 1, 'current', make_timestamp($us::BIGINT), make_timestamp($us::BIGINT), coalesce((SELECT value FROM meta WHERE key = 'idField'), 'id'), count(*), coalesce(sum(area_m2), 0), 0 FROM grids`,
          { us: BigInt(Date.now()) * 1000n },
        );
        await conn.run('UPDATE reports SET routed_version = 1, routed_grid_id = grid_id WHERE routed_version IS NULL');
      }
      await conn.run("DELETE FROM meta WHERE key = 'idField'");
      await conn.run('DROP TABLE grids');
      await conn.run(GRIDS_VIEW);
    });
  }
  await conn.run(GRIDS_VIEW);
}
