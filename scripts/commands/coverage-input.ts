// What `validate` and `repair` read alike: grid files whose duplicate ids are reported rather
// than refused, the parent units as one outline, and distances in metres.
import { CitygridError, parseGrids, type Grid, type GridSet } from '@citygrid/core';
import type { MultiPolygon, Polygon } from 'geojson';
import { readText } from './read-grids.ts';

/** Inputs with more grids than this get a progress meter on stderr. */
export const PROGRESS_FROM = 10_000;

/** A flag's value in metres ≥ 0, or the default; a usage error (exit 2) otherwise. */
export function metres(value: unknown, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(n >= 0) || value === '') throw CitygridError.of('CG_ERR_USAGE', {}, `${flag} ${value}: expected metres ≥ 0`);
  return n;
}

/**
 * Reads a grid file like every command, except that duplicate ids are kept (the check reports
 * them): if they are the only problem, each feature is parsed on its own.
 */
export async function readLenient(
  file: string,
  options: { idField: string; parentField?: string; fallbackIdField?: string },
): Promise<GridSet> {
  const text = await readText(file);
  let r = parseGrids(text, { ...options, keepDegenerateRings: true });
  if (
    !r.ok &&
    options.fallbackIdField &&
    options.fallbackIdField !== options.idField &&
    r.problems.every((p) => p.code === 'CG_ERR_ID_MISSING')
  ) {
    r = parseGrids(text, { ...options, idField: options.fallbackIdField, keepDegenerateRings: true });
  }
  if (r.ok) return r.gridSet;
  if (!r.problems.every((p) => p.code === 'CG_ERR_ID_DUPLICATE')) {
    throw new CitygridError(r.problems.map((p) => ({ ...p, message: `${file}: ${p.message}` })));
  }
  const root = JSON.parse(text) as { features: unknown[] };
  const grids: Grid[] = root.features.map((f) => {
    const one = parseGrids({ type: 'FeatureCollection', features: [f] }, { ...options, keepDegenerateRings: true });
    if (!one.ok) throw new CitygridError(one.problems);
    return one.gridSet.grids[0];
  });
  return { grids, byId: new Map(grids.map((g) => [g.id, g])), idField: options.idField };
}

/** The `--parent` file: the outline to cover, and its units when they carry ids. */
export interface ParentInput {
  outline: Polygon | MultiPolygon;
  /** The units for the hierarchy check; absent when the file's features carry no ids. */
  units?: GridSet;
}

/**
 * Reads a `--parent` file. Ids are read from `id`, else `fallbackIdField`; a town exported
 * without any (a single outline from a GIS tool) is still an area to cover: its features get
 * their position as id and serve as the outline only, since no grid can name them as parent.
 * @example const parent = await readParent('town.geojson', 'code'); validateCoverage(g, { parent: parent.outline, parents: parent.units })
 */
export async function readParent(file: string, fallbackIdField: string): Promise<ParentInput> {
  try {
    const units = await readLenient(file, { idField: 'id', fallbackIdField });
    return { outline: outline(units), units };
  } catch (e) {
    if (!(e instanceof CitygridError) || !e.problems.every((p) => p.code === 'CG_ERR_ID_MISSING')) throw e;
  }
  const root = JSON.parse(await readText(file)) as { features: { properties?: Record<string, unknown> | null }[] };
  const features = root.features.map((f, i) => ({ ...f, properties: { ...(f.properties ?? {}), id: `parent-${i}` } }));
  const r = parseGrids({ ...root, features }, { idField: 'id' });
  if (!r.ok) throw new CitygridError(r.problems.map((p) => ({ ...p, message: `${file}: ${p.message}` })));
  return { outline: outline(r.gridSet) };
}

/** All parent units as one MultiPolygon (their shared borders cancel in the check). */
export function outline(parents: GridSet): Polygon | MultiPolygon {
  if (parents.grids.length === 1) return parents.grids[0].geometry;
  return {
    type: 'MultiPolygon',
    coordinates: parents.grids.flatMap((g) => (g.geometry.type === 'Polygon' ? [g.geometry.coordinates] : g.geometry.coordinates)),
  };
}

/** m² as a planner reads it: km² from 0.1 km², whole m² from 100 m², else to the cm². */
export function formatArea(m2: number): string {
  return m2 >= 1e5 ? `${(m2 / 1e6).toFixed(3)} km²` : `${m2 >= 100 ? Math.round(m2).toLocaleString('en') : m2.toFixed(2)} m²`;
}
