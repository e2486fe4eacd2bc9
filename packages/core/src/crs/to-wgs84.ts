import gcoord from 'gcoord';
import { CitygridError } from '../errors.ts';
import type { PointCrs } from './point-crs.ts';

/**
 * Converts one point to WGS84 longitude/latitude in degrees.
 *
 * - `wgs84` and `cgcs2000` come back unchanged (identity, no datum shift). The two ellipsoids
 *   differ by 0.1 mm and the frames agreed to centimetres at CGCS2000's epoch 2000.0; plate
 *   motion since then (2–4 cm a year in China) keeps the gap under a metre, below the
 *   3–10 m accuracy of a reported phone position.
 * - `gcj02` and `bd09` are converted by gcoord (hujiulong/gcoord), which inverts GCJ-02 by
 *   iteration to 1e-6° (about 0.1 m); a wgs84 → gcj02 → wgs84 round trip comes back within 1 m
 *   (tested over all of China).
 *
 * **Outside China.** gcoord only applies the GCJ-02 offset inside a rough rectangle around
 * China (72.004–137.8347°E, 0.8293–55.8271°N): a `gcj02` point outside it is returned
 * unchanged. The rectangle is not the border, so points in neighbouring countries inside it
 * (Seoul, Hanoi, Ulaanbaatar) are still shifted; do not label such data GCJ-02. A `bd09` point
 * always gets Baidu's own BD-09 → GCJ-02 step (800–1000 m), then the GCJ-02 step where it
 * applies.
 *
 * Non-finite input (NaN, ±Infinity) is returned unchanged, so callers reject it as they would
 * any bad WGS84 point.
 *
 * @param lon longitude in degrees, in `crs`
 * @param lat latitude in degrees, in `crs`
 * @param crs the system `lon`/`lat` are in
 * @returns `[lon, lat]` in degrees, WGS84
 * @throws CitygridError `CG_ERR_CRS_UNKNOWN` when `crs` is not a {@link PointCrs}
 * @example toWgs84(109.0290272, 32.6847192, 'gcj02') // ≈ [109.024181, 32.686802] (Ankang 汉滨区)
 */
export function toWgs84(lon: number, lat: number, crs: PointCrs): [number, number] {
  const from = gcoordFrom(crs);
  if (from === null || !Number.isFinite(lon) || !Number.isFinite(lat)) return [lon, lat];
  const out = gcoord.transform([lon, lat], from, gcoord.WGS84);
  return [out[0], out[1]];
}

/**
 * Converts interleaved `[lon0, lat0, lon1, lat1, …]` to WGS84 **in place** and returns the
 * same array (pass `coords.slice()` to keep the input). Same rules as {@link toWgs84}; for
 * `wgs84` and `cgcs2000` the array is not touched.
 *
 * @param coords longitude/latitude pairs in degrees, in `crs`; length must be even
 * @param crs the system of every pair
 * @returns `coords`, now WGS84
 * @throws CitygridError `CG_ERR_CRS_UNKNOWN` for an unknown `crs`; `CG_ERR_USAGE` for an odd length
 * @example toWgs84Batch(Float64Array.of(116.4074002, 39.9042136), 'gcj02') // ≈ [116.40115, 39.90281]
 */
export function toWgs84Batch(coords: Float64Array, crs: PointCrs): Float64Array {
  const from = gcoordFrom(crs);
  if (coords.length % 2 !== 0) {
    throw CitygridError.of('CG_ERR_USAGE', {}, `toWgs84Batch: expected [lon, lat] pairs, got an array of odd length ${coords.length}`);
  }
  if (from === null) return coords;
  for (let i = 0; i < coords.length; i += 2) {
    const lon = coords[i];
    const lat = coords[i + 1];
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
    const out = gcoord.transform([lon, lat], from, gcoord.WGS84);
    coords[i] = out[0];
    coords[i + 1] = out[1];
  }
  return coords;
}

/** gcoord's name for the system, or null when no conversion is needed. */
function gcoordFrom(crs: PointCrs) {
  switch (crs) {
    case 'wgs84':
    case 'cgcs2000':
      return null;
    case 'gcj02':
      return gcoord.GCJ02;
    case 'bd09':
      return gcoord.BD09;
    default:
      throw CitygridError.of('CG_ERR_CRS_UNKNOWN', {}, JSON.stringify(crs));
  }
}
