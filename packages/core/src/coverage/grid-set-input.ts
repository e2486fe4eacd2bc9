import { CitygridError } from '../errors.ts';
import { parseGrids } from '../grids/parse-grids.ts';
import type { Grid, GridSet } from '../types.ts';

/**
 * The grids a coverage function was given, as a GridSet: one from parseGrids as it is, or a
 * FeatureCollection or an array of Features (what a turf user holds) parsed here. Features
 * without an id are named `feature-<index>`; duplicate ids are kept (the check reports them).
 * Throws CG_ERR_GRIDS_INPUT naming what was given for anything else, and parseGrids' problems
 * (index, id, fix) for features that are not valid polygons.
 * @example validateCoverage(gridSetInput(turfFeatures))
 */
export function gridSetInput(input: unknown): GridSet {
  if (isGridSet(input)) return input;
  const features = Array.isArray(input) ? input : isCollection(input) ? input.features : null;
  if (!features) throw CitygridError.of('CG_ERR_GRIDS_INPUT', {}, describe(input));
  const named = features.map((f, i) =>
    hasId(f) ? f : { ...(f as object), properties: { ...((f as { properties?: object } | null)?.properties ?? {}), id: `feature-${i}` } },
  );
  const all = parseGrids({ type: 'FeatureCollection', features: named });
  if (all.ok) return all.gridSet;
  if (!all.problems.every((p) => p.code === 'CG_ERR_ID_DUPLICATE')) throw new CitygridError(all.problems);
  // Only duplicate ids: parse each feature alone, so validateCoverage lists them as duplicate-id.
  const grids: Grid[] = named.map(
    (f) => (parseGrids({ type: 'FeatureCollection', features: [f] }) as { gridSet: GridSet }).gridSet.grids[0],
  );
  return { grids, byId: new Map(grids.map((g) => [g.id, g])), idField: 'id' };
}

function isGridSet(v: unknown): v is GridSet {
  return v !== null && typeof v === 'object' && Array.isArray((v as GridSet).grids) && (v as GridSet).byId instanceof Map;
}

function isCollection(v: unknown): v is { features: unknown[] } {
  return (
    v !== null &&
    typeof v === 'object' &&
    (v as { type?: unknown }).type === 'FeatureCollection' &&
    Array.isArray((v as { features?: unknown }).features)
  );
}

function hasId(f: unknown): boolean {
  if (f === null || typeof f !== 'object') return true; // parseGrids names what it is instead
  const { id, properties } = f as { id?: unknown; properties?: Record<string, unknown> | null };
  const value = properties?.id ?? id;
  return (typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value));
}

function describe(v: unknown): string {
  if (v === null || typeof v !== 'object') return v === undefined ? 'undefined' : `${typeof v} ${JSON.stringify(v)}`.slice(0, 60);
  const type = (v as { type?: unknown }).type;
  return type === undefined
    ? `an object with keys ${Object.keys(v).slice(0, 5).join(', ') || '(none)'}`
    : `a GeoJSON ${JSON.stringify(type)}`;
}
