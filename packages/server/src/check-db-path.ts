import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { problem, serverError } from './errors/catalogue.ts';

// A DuckDB file has its magic at bytes 8–11 (after the checksum of its first block).
const MAGIC = 'DUCK';

/**
 * Refuses, with CG_ERR_DB_PATH naming the path, a database path DuckDB would fail on with an
 * internal message: a folder that does not exist, a folder given as the file, a file that is
 * not a DuckDB file (a GeoJSON passed as --db). A missing file in an existing folder is fine:
 * it is created.
 *
 * @example checkDbPath('data/grids.geojson') // throws: data/grids.geojson is not a DuckDB file
 */
export function checkDbPath(dbPath: string): void {
  if (dbPath === ':memory:') return;
  const refuse = (why: string) => {
    throw serverError([problem('CG_ERR_DB_PATH', {}, dbPath, why)]);
  };
  if (!existsSync(dbPath)) {
    if (!existsSync(dirname(dbPath))) refuse(`its folder ${dirname(dbPath)} does not exist`);
    return;
  }
  const stat = statSync(dbPath);
  if (stat.isDirectory()) refuse('is a folder, not a file');
  if (stat.size === 0) return;
  const head = Buffer.alloc(12);
  const fd = openSync(dbPath, 'r');
  try {
    readSync(fd, head, 0, 12, 0);
  } finally {
    closeSync(fd);
  }
  if (head.subarray(8, 12).toString('latin1') !== MAGIC) {
    const text = head.toString('utf8').trimStart();
    refuse(
      `is not a DuckDB file${text.startsWith('{') ? ' (it looks like JSON: a GeoJSON file is imported with citygrid import, not opened)' : ''}`,
    );
  }
}
