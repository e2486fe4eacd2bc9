import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { CitygridError, createRouter, parseGrids, problem, type WeightedPoint } from '@citygrid/core';
import { cliError } from '../errors.ts';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { readText } from '../commands/read-grids.ts';

/** The area to partition: its feature (id and name, when it has them) and a point test. */
export interface AreaInput {
  feature: Feature<Polygon | MultiPolygon>;
  id?: string;
  name?: string;
  /** True when (lon, lat) lies in the area (its border included by the router's rule). */
  contains(lon: number, lat: number): boolean;
}

/**
 * Reads the area file: a FeatureCollection of exactly one Polygon/MultiPolygon feature, a
 * Feature, or a bare geometry; validated like any grid file (rings, ranges, swapped lon/lat).
 */
export async function readArea(file: string): Promise<AreaInput> {
  const text = await readText(file);
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    throw CitygridError.of('CG_ERR_NOT_JSON', {}, `${file}: ${(e as Error).message}`);
  }
  const r = root as { type?: string; features?: unknown[]; geometry?: unknown };
  const features =
    r?.type === 'FeatureCollection' ? (r.features ?? []) : r?.type === 'Feature' ? [r] : [{ type: 'Feature', properties: {}, geometry: r }];
  if (features.length !== 1) {
    throw CitygridError.of(
      'CG_ERR_USAGE',
      {},
      `${file}: expected one area (a Polygon or MultiPolygon feature), got ${features.length} features; partition each area on its own, or gridsFromBoundaries for one grid per area`,
    );
  }
  const feature = features[0] as Feature<Polygon | MultiPolygon>;
  const props = feature?.properties ?? {};
  const parsed = parseGrids({ type: 'FeatureCollection', features: [{ ...feature, properties: { ...props, id: 'area' } }] });
  // The id was ours (parseGrids needs one): name the file, not "feature 0 (id "area")".
  if (!parsed.ok)
    throw new CitygridError(
      parsed.problems.map(({ index: _i, id: _id, ...p }) => ({
        ...p,
        message: `${file}: ${p.message.replace(/^feature 0 \(id "area"\): /, '')}`,
      })),
    );
  const router = createRouter(parsed.gridSet);
  const label = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : String(v));
  return { feature, id: label(props.id ?? feature.id), name: label(props.name), contains: (lon, lat) => router.locate(lon, lat) >= 0 };
}

/**
 * Reads workload points: CSV with lon/lat columns (and the weight column, when named), or
 * GeoJSON Point features (the weight from their properties). Each row weighs 1 without a
 * weight field. A row with a bad position or weight is bad input, named by its line.
 */
export async function readWeights(file: string, fields: { lon: string; lat: string; weight?: string }): Promise<WeightedPoint[]> {
  const text = await readText(file);
  const ext = extname(file).toLowerCase();
  return ext === '.geojson' || ext === '.json' ? geojsonPoints(file, text, fields.weight) : csvPoints(file, text, fields);
}

function csvPoints(file: string, text: string, fields: { lon: string; lat: string; weight?: string }): WeightedPoint[] {
  let rows: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    rows = parse(text, { columns: true, bom: true, skip_empty_lines: true, info: true });
  } catch (e) {
    throw cliError('CG_ERR_UNREADABLE_INPUT', {}, `${file}: ${(e as Error).message}`);
  }
  const columns = rows.length ? Object.keys(rows[0].record) : [];
  const missing = [fields.lon, fields.lat, fields.weight].filter(
    (f): f is string => f !== undefined && rows.length > 0 && !columns.includes(f),
  );
  if (missing.length)
    throw CitygridError.of(
      'CG_ERR_USAGE',
      {},
      `${file}: no column ${missing.map((m) => JSON.stringify(m)).join(' or ')} (columns: ${columns.join(', ')}); name them with --lon-field, --lat-field, --weight-field`,
    );
  return rows.map(({ record, info }) =>
    point(`${file}: line ${info.lines}`, record[fields.lon], record[fields.lat], fields.weight === undefined ? 1 : record[fields.weight]),
  );
}

function geojsonPoints(file: string, text: string, weightField?: string): WeightedPoint[] {
  let root: { type?: string; features?: Array<Feature> };
  try {
    root = JSON.parse(text);
  } catch (e) {
    throw CitygridError.of('CG_ERR_NOT_JSON', {}, `${file}: ${(e as Error).message}`);
  }
  if (root?.type !== 'FeatureCollection' || !Array.isArray(root.features))
    throw CitygridError.of('CG_ERR_NOT_FEATURE_COLLECTION', {}, `${file}: ${root?.type}`);
  return root.features.map((f, i) => {
    if (f?.geometry?.type !== 'Point')
      throw new CitygridError([
        problem('CG_ERR_USAGE', {}, `${file}: feature ${i}: expected a Point, got ${f?.geometry?.type ?? 'no geometry'}`),
      ]);
    const [lon, lat] = f.geometry.coordinates;
    return point(`${file}: feature ${i}`, lon, lat, weightField === undefined ? 1 : f.properties?.[weightField]);
  });
}

function point(where: string, lonIn: unknown, latIn: unknown, weightIn: unknown): WeightedPoint {
  const [lon, lat, weight] = [lonIn, latIn, weightIn].map((v) => (v === '' || v === null || v === undefined ? NaN : Number(v)));
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw CitygridError.of(
      'CG_ERR_REPORT_INVALID',
      {},
      `${where}: lon ${JSON.stringify(lonIn)}, lat ${JSON.stringify(latIn)} is not a WGS84 position`,
    );
  }
  if (!(Number.isFinite(weight) && weight >= 0))
    throw CitygridError.of('CG_ERR_USAGE', {}, `${where}: weight ${JSON.stringify(weightIn)} is not a number ≥ 0`);
  return { lon, lat, weight };
}

/** Reads road/river cut lines: a FeatureCollection of LineString or MultiLineString features. */
export async function readCutLines(file: string): Promise<Feature[]> {
  const text = await readText(file);
  let root: { type?: string; features?: Feature[] };
  try {
    root = JSON.parse(text);
  } catch (e) {
    throw CitygridError.of('CG_ERR_NOT_JSON', {}, `${file}: ${(e as Error).message}`);
  }
  if (root?.type !== 'FeatureCollection' || !Array.isArray(root.features))
    throw CitygridError.of('CG_ERR_NOT_FEATURE_COLLECTION', {}, `${file}: ${root?.type}`);
  root.features.forEach((f, i) => {
    const t = f?.geometry?.type;
    if (t !== 'LineString' && t !== 'MultiLineString')
      throw CitygridError.of(
        'CG_ERR_USAGE',
        {},
        `${file}: feature ${i}: expected a LineString or MultiLineString (a road, a river), got ${t ?? 'no geometry'}`,
      );
  });
  return root.features;
}
