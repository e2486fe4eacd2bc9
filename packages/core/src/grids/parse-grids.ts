/// <reference path="./geojson-validation.d.ts" />
import { findMalformedInput, malformedProblem } from '../input/malformed-input.ts';
import bboxOf from '@turf/bbox';
import { isFeature } from 'geojson-validation';
import type { Position } from 'geojson';
import { problem, type Problem } from '../errors.ts';
import { ellipsoidalArea } from '../geom/ellipsoidal-area.ts';
import type { BBox, Grid, GridGeometry, GridSet } from '../types.ts';

/** Options of {@link parseGrids}. */
export interface ParseGridsOptions {
  /** Property holding the grid id; `id` also falls back to the feature's own `id` member. */
  idField?: string;
  /** Property holding the display name; falls back to the id. */
  nameField?: string;
  /** Property holding the parent unit's id. */
  parentField?: string;
  /** Property holding the level (1 district … 4 unit grid). */
  levelField?: string;
  /** Level given to features without one. */
  defaultLevel?: number;
  /** Refuse collections larger than this (a typo'd bulk file should not fill memory). */
  maxFeatures?: number;
  /**
   * Keep rings with fewer than 4 positions or not closed instead of refusing the file, for
   * validateCoverage to report as `invalid-geometry` of that grid while it checks the rest.
   */
  keepDegenerateRings?: boolean;
}

const DEFAULTS = {
  idField: 'id',
  nameField: 'name',
  parentField: 'parent',
  levelField: 'level',
  defaultLevel: 3, // community/village grid (三级网格): what most imports carry
  maxFeatures: 200_000, // ~10x the largest city grid sets seen (Beijing ~ 20k unit grids)
  keepDegenerateRings: false, // import refuses them; validate keeps them to report per grid
};

// Names under which a GeoJSON "crs" member may say WGS84 / CGCS2000 lon/lat.
const LONLAT_CRS = /^(urn:ogc:def:crs:OGC:1\.3:CRS84|urn:ogc:def:crs:EPSG::(4326|4490)|EPSG:(4326|4490)|CRS84|WGS ?84|CGCS2000)$/i;

/** Result of {@link parseGrids}: a grid set, or every problem found. */
export type ParseGridsResult = { ok: true; gridSet: GridSet } | { ok: false; problems: Problem[] };

/**
 * Validates a GeoJSON FeatureCollection of grid polygons and builds a {@link GridSet}.
 * Collects every problem (not just the first), each naming the feature index, its id and the
 * fix: not a FeatureCollection, non-polygon geometry, unclosed or short rings, coordinates out
 * of range or apparently swapped, unknown CRS, missing or duplicate ids.
 *
 * @param geojson parsed JSON, or JSON text
 * @example
 * const r = parseGrids(text, { idField: 'area_id' });
 * if (!r.ok) for (const p of r.problems) console.error(p.message, '→', p.fix);
 */
export function parseGrids(geojson: unknown, options: ParseGridsOptions = {}): ParseGridsResult {
  const opts = { ...DEFAULTS, ...options };
  let root = geojson;
  if (typeof root === 'string') {
    try {
      root = JSON.parse(root);
    } catch (e) {
      return fail([problem('CG_ERR_NOT_JSON', {}, (e as Error).message)]);
    }
  }
  // A lone surrogate in an id would be stored as U+FFFD (two grids then share an id), and
  // nesting past the bound overflows JSON.stringify when the grids are stored.
  const malformed = findMalformedInput(root);
  if (malformed) return fail([malformedProblem(malformed, '')]);
  const head = checkCollection(root, opts.maxFeatures);
  if (head.length) return fail(head);

  const features = (root as { features: unknown[] }).features;
  const problems: Problem[] = [];
  const grids: Grid[] = [];
  const firstIndexOf = new Map<string, number[]>();
  features.forEach((feature, index) => {
    const id = readId(feature, opts.idField);
    const where = { index, id };
    const found = checkFeature(feature, where, opts.keepDegenerateRings);
    if (id === undefined) found.push(problem('CG_ERR_ID_MISSING', where, opts.idField));
    else firstIndexOf.set(id, [...(firstIndexOf.get(id) ?? []), index]);
    if (found.length) {
      problems.push(...found);
      return;
    }

    grids.push(toGrid(feature as GridFeature, id!, opts));
  });
  for (const [id, indexes] of firstIndexOf) {
    if (indexes.length > 1)
      problems.push(problem('CG_ERR_ID_DUPLICATE', { index: indexes[1], id }, JSON.stringify(id), indexes.join(', ')));
  }
  if (problems.length) return fail(problems);
  return { ok: true, gridSet: { grids, byId: new Map(grids.map((g) => [g.id, g])), idField: opts.idField } };
}

interface GridFeature {
  type: 'Feature';
  id?: string | number;
  geometry: GridGeometry;
  properties: Record<string, unknown> | null;
}

function fail(problems: Problem[]): ParseGridsResult {
  return { ok: false, problems };
}

function checkCollection(root: unknown, maxFeatures: number): Problem[] {
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    return [problem('CG_ERR_NOT_FEATURE_COLLECTION', {}, Array.isArray(root) ? 'an array' : typeof root)];
  }
  const obj = root as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };
  if (obj.type !== 'FeatureCollection' || !Array.isArray(obj.features)) {
    return [problem('CG_ERR_NOT_FEATURE_COLLECTION', {}, obj.type === undefined ? 'an object without "type"' : JSON.stringify(obj.type))];
  }
  const crsName = obj.crs?.properties?.name;
  if (obj.crs !== undefined && !(typeof crsName === 'string' && LONLAT_CRS.test(crsName))) {
    return [problem('CG_ERR_CRS_UNKNOWN', {}, JSON.stringify(crsName ?? obj.crs))];
  }
  if (obj.features.length === 0) return [problem('CG_ERR_EMPTY_COLLECTION', {})];
  if (obj.features.length > maxFeatures) return [problem('CG_ERR_TOO_MANY_FEATURES', {}, obj.features.length, maxFeatures)];
  return [];
}

function readId(feature: unknown, idField: string): string | undefined {
  if (feature === null || typeof feature !== 'object') return undefined;
  const f = feature as { id?: unknown; properties?: Record<string, unknown> | null };
  const value = f.properties?.[idField] ?? (idField === 'id' ? f.id : undefined);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return undefined;
}

function checkFeature(feature: unknown, where: { index: number; id?: string }, keepDegenerate: boolean): Problem[] {
  if (feature === null || typeof feature !== 'object' || (feature as { type?: unknown }).type !== 'Feature') {
    const got = feature === null || typeof feature !== 'object' ? String(feature) : JSON.stringify((feature as { type?: unknown }).type);
    return [problem('CG_ERR_NOT_A_FEATURE', where, got)];
  }
  const geometry = (feature as { geometry?: { type?: unknown; coordinates?: unknown } }).geometry;
  if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
    return [problem('CG_ERR_GEOMETRY_TYPE', where, geometry ? JSON.stringify(geometry.type) : 'null geometry')];
  }
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  if (!Array.isArray(polygons) || polygons.some((p) => !Array.isArray(p) || p.some((r: unknown) => !Array.isArray(r)))) {
    return [problem('CG_ERR_INVALID_GEOJSON', where, `${geometry.type} coordinates must be arrays of rings`)];
  }
  const rings = (polygons as unknown[][][]).flat();
  const ringProblems = rings.flatMap((ring, r) => checkRing(ring, r, where, keepDegenerate));
  if (ringProblems.length) return ringProblems;
  const rangeProblem = checkRange(rings as Position[][], where);
  if (rangeProblem) return [rangeProblem];
  // geojson-validation catches the structural rest (e.g. a missing "properties" member). Kept
  // degenerate rings are not shown to it (it refuses them, and throws on an empty one): the
  // rings' structure was checked above.
  const shown = keepDegenerate ? { ...(feature as object), geometry: null } : feature;
  return isFeature(shown, true).map((message) => problem('CG_ERR_INVALID_GEOJSON', where, message));
}

function checkRing(ring: unknown[], r: number, where: { index: number; id?: string }, keepDegenerate: boolean): Problem[] {
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i];
    if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      return [problem('CG_ERR_COORD_NOT_NUMBER', where, r, i, JSON.stringify(p))];
    }
  }
  if (keepDegenerate) return [];
  if (ring.length < 4) return [problem('CG_ERR_RING_TOO_SHORT', where, r, ring.length)];
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    return [problem('CG_ERR_RING_UNCLOSED', where, r, JSON.stringify(first), JSON.stringify(last))];
  }
  return [];
}

function checkRange(rings: Position[][], where: { index: number; id?: string }): Problem | undefined {
  let outside: Position | undefined;
  let lonFitsLat = true;
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (Math.abs(x) > 90) lonFitsLat = false;
      if (!outside && (Math.abs(x) > 180 || Math.abs(y) > 90)) outside = [x, y];
    }
  }
  if (!outside) return undefined;
  // |lat| > 90 while every "lon" would be a valid latitude: the pair is almost surely swapped.
  if (lonFitsLat && Math.abs(outside[0]) <= 90 && Math.abs(outside[1]) <= 180) {
    return problem('CG_ERR_COORD_SWAPPED', where, JSON.stringify(outside));
  }
  return problem('CG_ERR_COORD_OUT_OF_RANGE', where, JSON.stringify(outside));
}

function toGrid(feature: GridFeature, id: string, opts: typeof DEFAULTS): Grid {
  const properties = { ...(feature.properties ?? {}) };
  const name = properties[opts.nameField];
  const parent = properties[opts.parentField];
  const level = Number(properties[opts.levelField]);
  return {
    id,
    name: typeof name === 'string' && name !== '' ? name : id,
    level: Number.isInteger(level) && level > 0 ? level : opts.defaultLevel,
    parent: parent === undefined || parent === null || parent === '' ? null : String(parent),
    properties,
    geometry: feature.geometry,
    bbox: bboxOf(feature.geometry) as BBox,
    area_m2: ellipsoidalArea(feature.geometry),
  };
}
