import { DuckDBInstance } from '@duckdb/node-api';
import { problem, serverError } from '../errors/catalogue.ts';
import { Database } from './database.ts';
import { API_KEYS_DDL, ASSESSMENT_DDL, ATTACHMENTS_DDL, CASES_DDL, DDL, PATROLS_DDL, PEOPLE_DDL, PROFILE_DDL } from './ddl.ts';
import { migrateGrids } from './migrate-grids.ts';
import { migrateSeq } from './migrate-seq.ts';
import { startIntakeCursor } from './intake-cursor.ts';

/**
 * Opens (or creates) a citygrid DuckDB file and brings its tables up to date: creates what is
 * missing, turns a file from before grid versions into version 1, numbers older reports.
 * Throws CG_ERR_DB_IN_USE when another process holds the file.
 * @param dbPath file path, or ':memory:'
 * @returns the database and the seq of its newest report (0 when none)
 * @example const { db, lastSeq } = await openDatabase('city.duckdb');
 */
export async function openDatabase(dbPath: string): Promise<{ db: Database; lastSeq: number }> {
  const instance = await DuckDBInstance.create(dbPath).catch((e: Error) => {
    // Another process (a running `citygrid serve`) holds the file: DuckDB allows one writer.
    throw /Could not set lock/.test(e.message) ? serverError([problem('CG_ERR_DB_IN_USE', {}, dbPath)]) : e;
  });
  try {
    const writer = await instance.connect();
    await writer.run(DDL);
    await writer.run(API_KEYS_DDL);
    await writer.run(PROFILE_DDL);
    await writer.run(PEOPLE_DDL);
    await writer.run(ATTACHMENTS_DDL);
    await writer.run(CASES_DDL);
    await writer.run(PATROLS_DDL);
    await writer.run(ASSESSMENT_DDL);
    await migrateGrids(writer);
    const lastSeq = await migrateSeq(writer);
    await startIntakeCursor(writer);
    return { db: new Database(instance, writer), lastSeq };
  } catch (e) {
    instance.closeSync();
    throw e;
  }
}
