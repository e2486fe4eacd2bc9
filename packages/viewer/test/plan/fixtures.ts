import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GridSet } from '@citygrid/core';
import { collectionToGrids } from '../../src/plan/grid-features.ts';

/** The viewer's fixture: 2 rows × 3 columns of 0.01° squares from 109.00E 32.70N (HB-<row>-<col>, row 1 south). */
export function sixGrids(): GridSet {
  return collectionToGrids(JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/grids.geojson', import.meta.url)), 'utf8')));
}
