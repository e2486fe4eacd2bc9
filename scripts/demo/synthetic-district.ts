import { ellipsoidalArea, splitArea } from '@citygrid/core';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { M_PER_DEG } from './geometry.ts';
import { DISTRICT, HANBIN_TOWNS, STANDARD_REF, type TownSpec } from './hanbin.ts';
import { gridFeatures } from './number-grids.ts';
import { mulberry32, type Rng } from './prng.ts';
import { generateReports } from './synthetic-reports.ts';

export interface GenerateDistrictOptions {
  /** [seed=1] PRNG seed: the same seed gives the same district, towns and grids. */
  seed?: number;
  /**
   * Real town outlines to split instead of synthetic ones (e.g. ../shared/data-external/
   * hanbin/towns.geojson), matched to the 8 seed towns by their `name` property.
   */
  towns?: FeatureCollection;
}

export interface DemoDistrict {
  /** The district outline; null when real towns were given (they do not cover the district). */
  district: Feature<Polygon> | null;
  towns: FeatureCollection<Polygon | MultiPolygon>;
  grids: FeatureCollection<Polygon>;
  /** Where the synthetic reports' hot spots and background come from ({@link activityZones}). */
  zones: FeatureCollection<Polygon>;
  /**
   * The synthetic report load the grids are balanced on: {@link LOAD_SAMPLE} reports drawn from
   * the zones, flat `[lon, lat, weight = 1, …]` (splitArea's `points`).
   */
  load: Float64Array;
}

/**
 * Reports drawn to measure the load the grids are balanced on: as many as the default report
 * count, with the same seed, so the default reports.csv holds these very points (but for the
 * 0.5 % placed on grid borders, which are drawn on the final grids).
 */
export const LOAD_SAMPLE = 200_000;

/** The synthetic district's centre (Ankang city on the Han river) and area. */
export const CENTRE: [number, number] = [109.02, 32.7];
const DISTRICT_KM2 = 420;
// Spacing of the lattice the district is cut into towns along: town borders bend every
// ~300 m, fine enough for a 5 km² street office to come out as a plausible shape.
const TOWN_SPACING_M = 300;

/**
 * The demo city: 汉滨区 with its 8 real town names and 91 level-3 grids (seed 000 counts).
 * Synthetic mode draws an organic district outline around 109.02E 32.70N (about 420 km²),
 * cuts it into the 8 towns (small street offices on the Han at the centre, large towns
 * outside). The synthetic report load comes first: activity zones (each town split by area,
 * {@link activityZones}) place the streets, markets and background of {@link LOAD_SAMPLE}
 * reports; then each town is split into its grids with {@link splitArea} balanced by that
 * load, so every grid of a town gets about the same number of reports. With `towns`, the
 * given (real) town outlines are split instead. Every grid says `synthetic: true`.
 * @example const { towns, grids } = generateDistrict({ seed: 1 }); grids.features.length // 91
 */
export function generateDistrict(options: GenerateDistrictOptions = {}): DemoDistrict {
  const seed = options.seed ?? 1;
  const district = options.towns ? null : districtOutline(mulberry32(seed));
  const townGeoms = options.towns ? matchTowns(options.towns) : syntheticTowns(district!.geometry, seed);
  const towns: FeatureCollection<Polygon | MultiPolygon> = {
    type: 'FeatureCollection',
    features: HANBIN_TOWNS.map((spec, i) => townFeature(spec, townGeoms[i].geometry, !options.towns, townGeoms[i].source)),
  };
  const { zones, load } = reportLoad(towns, district, seed);
  const grids = HANBIN_TOWNS.flatMap((spec, i) => {
    const pieces = splitArea(townGeoms[i].geometry, { count: spec.grids, seed: seed * 100 + i, points: load });
    return gridFeatures(spec, pieces as Polygon[]);
  });
  return { district, towns, grids: { type: 'FeatureCollection', features: grids }, zones, load };
}

/**
 * The synthetic report load of a district's towns: their {@link activityZones} and
 * {@link LOAD_SAMPLE} reports drawn from them (the district outline, when given, places the 1 %
 * of reports that fall just outside), as splitArea `points` `[lon, lat, 1, …]`.
 */
export function reportLoad(
  towns: FeatureCollection<Polygon | MultiPolygon>,
  district: Feature<Polygon> | null,
  seed: number,
): { zones: FeatureCollection<Polygon>; load: Float64Array } {
  const zones = activityZones(towns, seed);
  const reports = generateReports({ grids: zones, district, seed, count: LOAD_SAMPLE });
  const load = new Float64Array(3 * reports.length);
  reports.forEach((r, i) => {
    load.set([r.lon, r.lat, 1], 3 * i);
  });

  return { zones, load };
}

/**
 * Activity zones for the synthetic reports: each town (the feature of `towns` with its name)
 * split into as many pieces as it has grids, by area alone, numbered like grids. The
 * report generator draws its streets and markets through their centroids and gives each a
 * background activity; the grids are then balanced on the result. Deterministic for a seed.
 */
export function activityZones(towns: FeatureCollection<Polygon | MultiPolygon>, seed: number): FeatureCollection<Polygon> {
  const features = HANBIN_TOWNS.flatMap((spec, i) => {
    const town = towns.features.find((f) => f.properties?.name === spec.name)?.geometry;
    if (!town) throw new Error(`activity zones: no town named ${spec.name}`);
    return gridFeatures(spec, splitArea(town, { count: spec.grids, seed: seed * 100 + i }) as Polygon[]);
  });
  return { type: 'FeatureCollection', features };
}

function townFeature(
  spec: TownSpec,
  geometry: Polygon | MultiPolygon,
  synthetic: boolean,
  source?: unknown,
): Feature<Polygon | MultiPolygon> {
  const code = DISTRICT.code + spec.town;
  const properties: Record<string, unknown> = {
    id: code,
    code,
    name: spec.name,
    kind: spec.kind,
    level: 2,
    parent: DISTRICT.code,
    district: DISTRICT.name,
    grids: spec.grids,
    area_m2: Math.round(ellipsoidalArea(geometry)),
    synthetic,
    standardRef: STANDARD_REF.town,
  };
  if (source !== undefined) properties.source = source;
  return { type: 'Feature', properties, geometry };
}

/** The given towns in HANBIN_TOWNS order, by name; throws naming what is missing. */
function matchTowns(fc: FeatureCollection): Array<{ geometry: Polygon | MultiPolygon; source?: unknown }> {
  return HANBIN_TOWNS.map((spec) => {
    const f = fc.features.find((g) => g.properties?.name === spec.name);
    if (!f) throw new Error(`towns: no feature named ${spec.name} (need the 8 seed towns: ${HANBIN_TOWNS.map((t) => t.name).join(', ')})`);
    const g = f.geometry;
    if (g?.type !== 'Polygon' && g?.type !== 'MultiPolygon')
      throw new Error(`towns: ${spec.name} is a ${g?.type}, expected Polygon or MultiPolygon`);
    return { geometry: g, source: f.properties?.source };
  });
}

/** Cuts the district into the 8 towns: each grows from its site to its share of the area. */
function syntheticTowns(district: Polygon, seed: number): Array<{ geometry: Polygon | MultiPolygon; source?: unknown }> {
  const [lon0, lat0] = CENTRE;
  const kx = M_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
  const sites = HANBIN_TOWNS.map((t) => [lon0 + (t.site[0] * 1000) / kx, lat0 + (t.site[1] * 1000) / M_PER_DEG] as [number, number]);
  const pieces = splitArea(district, {
    count: HANBIN_TOWNS.length,
    seed,
    sites,
    spacing: TOWN_SPACING_M,
    weights: HANBIN_TOWNS.map((t) => t.share),
  });
  return pieces.map((geometry) => ({ geometry }));
}

/**
 * An irregular, organic district outline: a star-shaped radius function (so the ring never
 * crosses itself) of a few random low harmonics for the overall shape plus 1/k-decaying high
 * ones for a ridge-line-like border, stretched east–west along the Han valley and scaled to
 * DISTRICT_KM2. 360 vertices, coordinates rounded to 6 decimals (~0.1 m) like public data.
 */
function districtOutline(rng: Rng): Feature<Polygon> {
  const harmonics = Array.from({ length: 60 }, (_, i) => {
    const k = i + 2;
    const amplitude = (k <= 6 ? 0.1 : 0.16 / k) * (0.5 + rng());
    return { k, amplitude, phase: 2 * Math.PI * rng() };
  });
  const n = 360;
  const unit = Array.from({ length: n }, (_, i) => {
    const theta = (2 * Math.PI * i) / n;
    const r = Math.max(0.35, 1 + harmonics.reduce((s, h) => s + h.amplitude * Math.cos(h.k * theta + h.phase), 0));
    return [1.3 * r * Math.cos(theta), 0.8 * r * Math.sin(theta)];
  });
  let twice = 0;
  unit.forEach(([x, y], i) => {
    const [x2, y2] = unit[(i + 1) % n];
    twice += x * y2 - x2 * y;
  });
  const scale = Math.sqrt((DISTRICT_KM2 * 1e6) / (twice / 2));
  const [lon0, lat0] = CENTRE;
  const kx = M_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  const ring = unit.map(([x, y]) => [round(lon0 + (x * scale) / kx), round(lat0 + (y * scale) / M_PER_DEG)]);
  ring.push([...ring[0]]);
  const code = DISTRICT.code;
  return {
    type: 'Feature',
    properties: {
      id: code,
      code,
      name: DISTRICT.name,
      level: 1,
      parent: null,
      synthetic: true,
      standardRef: STANDARD_REF.district,
      area_m2: Math.round(ellipsoidalArea({ type: 'Polygon', coordinates: [ring] })),
    },
    geometry: { type: 'Polygon', coordinates: [ring] },
  };
}
