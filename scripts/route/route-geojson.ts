import { CitygridError, problem } from '@citygrid/core';
import { readText } from '../commands/read-grids.ts';
import type { RowRouter } from './row-router.ts';

type PointFeature = { geometry?: { type?: string; coordinates?: unknown[] } | null; properties?: Record<string, unknown> | null };

/** Routes every Point feature of a FeatureCollection, adding the route columns as properties. */
export async function routeGeoJson(file: string, rows: RowRouter, categoryField = 'category'): Promise<string> {
  let fc: { type?: string; features?: PointFeature[] };
  try {
    fc = JSON.parse(await readText(file));
  } catch (e) {
    if (e instanceof CitygridError) throw e;
    throw CitygridError.of('CG_ERR_NOT_JSON', {}, `${file}: ${(e as Error).message}`);
  }
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new CitygridError([problem('CG_ERR_NOT_FEATURE_COLLECTION', {}, `${JSON.stringify(fc?.type)} in ${file}`)]);
  }
  const features = fc.features.map((f, i) => {
    const point = f?.geometry?.type === 'Point' ? (f.geometry.coordinates ?? []) : [];
    const added = rows.route(point[0], point[1], `feature ${i}`, f?.properties?.[categoryField]);
    return { ...f, properties: { ...(f?.properties ?? {}), ...added } };
  });
  return JSON.stringify({ ...fc, features }) + '\n';
}
