import { problem, serverError } from '../errors/catalogue.ts';

/**
 * The features of an uploaded boundary file, or 400 CG_ERR_NOT_FEATURE_COLLECTION naming what
 * came instead: both boundary parsers take only a FeatureCollection.
 *
 * @example featuresOf({ type: 'FeatureCollection', features: [] }) // []
 */
export function featuresOf(fc: unknown): unknown[] {
  const features = (fc as { features?: unknown } | null)?.features;
  if (fc === null || typeof fc !== 'object' || (fc as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray(features))
    throw serverError([
      problem(
        'CG_ERR_NOT_FEATURE_COLLECTION',
        {},
        fc === null || typeof fc !== 'object' ? typeof fc : JSON.stringify((fc as { type?: unknown }).type),
      ),
    ]);
  return features;
}
