import type { FeatureCollection } from 'geojson';
import { parseGrids, type Grid, type GridSet } from '../../src/index.ts';

/**
 * A GridSet from a FeatureCollection, one feature at a time, so that duplicate ids survive
 * (parseGrids refuses them; validateCoverage reports them).
 */
export function gridSetOf(fc: FeatureCollection | string): GridSet {
  const root = (typeof fc === 'string' ? JSON.parse(fc) : fc) as FeatureCollection;
  const grids: Grid[] = root.features.map((f, i) => {
    const r = parseGrids({ type: 'FeatureCollection', features: [f] }, { keepDegenerateRings: true });
    if (!r.ok) throw new Error(`feature ${i}: ${r.problems[0].message}`);
    return r.gridSet.grids[0];
  });
  return { grids, byId: new Map(grids.map((g) => [g.id, g])), idField: 'id' };
}
