import { parseGrids, type Grid } from '@citygrid/core';
import { serverError } from '../errors/catalogue.ts';
import { featuresOf } from './feature-collection.ts';

// Outlines are district (1) and towns (2); a feature without a level is taken as a town.
const DEFAULT_LEVEL = 2;

/**
 * Validates context outlines with core's grid checks (polygons, closed rings, lon/lat ranges).
 * Unlike grids, outlines often come without ids (DataV files carry `adcode`): a missing id
 * falls back to `adcode`, then to the feature's position. Throws a CitygridError listing
 * every problem.
 */
export function parseBoundaries(fc: unknown): Grid[] {
  const source = featuresOf(fc);
  if (source.length === 0) return []; // clears the outlines
  const features = source.map((f, i) => {
    if (f === null || typeof f !== 'object') return f;
    const feature = f as { id?: unknown; properties?: Record<string, unknown> | null };
    const props = feature.properties ?? {};
    const id = props.id ?? feature.id ?? props.adcode ?? `boundary-${i}`;
    return { ...feature, properties: { ...props, id } };
  });
  const result = parseGrids({ ...(fc as object), features }, { idField: 'id', defaultLevel: DEFAULT_LEVEL });
  if (!result.ok) throw serverError(result.problems);
  return result.gridSet.grids;
}
