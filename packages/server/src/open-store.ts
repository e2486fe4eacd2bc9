import { ApiKeys } from './auth/api-keys.ts';
import { AttachmentFolder } from './attachments/attachment-folder.ts';
import { readAreas } from './db/area-rows.ts';
import { openDatabase } from './db/open-database.ts';
import { checkDbPath } from './check-db-path.ts';
import { GridService } from './grids/grid-service.ts';
import { readPeople } from './people/people-rows.ts';
import { ProfileService } from './profile/profile-service.ts';
import { Store } from './store.ts';

/**
 * Opens (or creates) a citygrid DuckDB file and loads its current grid version into memory.
 * A file from before grid versions is migrated once: its grids become version 1. A path that
 * cannot be a DuckDB file (missing folder, a folder, a GeoJSON) is CG_ERR_DB_PATH (exit 2).
 * @param dbPath file path, or ':memory:' for a throwaway store
 * @example
 * const store = await openStore('city.duckdb');
 * await store.replaceGrids(gridSet); // import and publish
 * await store.close();
 */
export async function openStore(dbPath: string): Promise<Store> {
  checkDbPath(dbPath);
  const { db, lastSeq } = await openDatabase(dbPath);
  try {
    const grids = await GridService.open(db, await db.read((conn) => readAreas(conn, 'boundaries')));
    const profiles = await ProfileService.open(db);
    const keys = new ApiKeys(
      db,
      () => (profiles.current().profile.departments ?? []).map((d) => d.code),
      async (id) => (await db.read((conn) => readPeople(conn, { ids: [id] }))).length > 0,
    );
    await keys.load();
    const store = new Store(db, grids, keys, profiles, lastSeq, AttachmentFolder.forDatabase(dbPath));
    await store.cases.recoverIntake();
    return store;
  } catch (e) {
    await db.close();
    throw e;
  }
}
