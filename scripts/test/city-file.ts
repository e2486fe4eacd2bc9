import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseGrids } from '@citygrid/core';
import { openStore } from '@citygrid/server';
import { ROOT } from './cli.ts';

const GRIDS = resolve(ROOT, 'packages/server/test/fixtures/grid-2x2/grids.geojson');

/**
 * A DuckDB file in a new temporary folder with the 2×2 grids (A1, A2, B1, B2) published.
 * @example const { dir, db } = await cityFile('people');
 */
export async function cityFile(name: string): Promise<{ dir: string; db: string }> {
  const dir = mkdtempSync(join(tmpdir(), `citygrid-${name}-`));
  const db = join(dir, 'city.duckdb');
  const parsed = parseGrids(JSON.parse(readFileSync(GRIDS, 'utf8')));
  if (!parsed.ok) throw new Error('fixture');
  const store = await openStore(db);
  await store.replaceGrids(parsed.gridSet);
  await store.close();
  return { dir, db };
}
