import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGrids, type GridSet } from '../../src/index.ts';

/** Six synthetic grids: 2 rows × 3 columns of 0.01° squares from 109.00E 32.70N (HB-<row>-<col>, row 1 south). */
export function sixGrids(): GridSet {
  const collection = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/edit/six-grids.geojson', import.meta.url)), 'utf8'));
  const result = parseGrids(collection, { idField: 'id' });
  if (!result.ok) throw new Error(`six-grids do not parse: ${result.problems[0].message}`);
  return result.gridSet;
}
