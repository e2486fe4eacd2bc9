import type { ErrorCode } from '../errors.ts';

/** What is wrong with a position: a catalogue code, the field it is about ('' for both) and the message's arguments. */
export interface LonLatProblem {
  code: ErrorCode;
  field: '' | 'lon' | 'lat';
  args: unknown[];
}

/**
 * Checks a longitude/latitude pair as a client sent it: finite numbers within −180…180 and
 * −90…90. A pair that looks swapped is named as such, since that is the likeliest mistake and
 * its fix is different from reprojecting.
 *
 * @returns undefined when the pair is usable, else what is wrong
 * @example checkLonLat(32.69, 109.03) // { code: 'CG_ERR_COORD_SWAPPED', field: '', args: ['[32.69, 109.03]'] }
 */
export function checkLonLat(lon: unknown, lat: unknown): LonLatProblem | undefined {
  for (const [field, v] of [
    ['lon', lon],
    ['lat', lat],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v))
      return { code: 'CG_ERR_REPORT_INVALID', field, args: [`must be a number, got ${JSON.stringify(v) ?? 'nothing'}`] };
  }
  const x = lon as number,
    y = lat as number;
  if (Math.abs(x) <= 180 && Math.abs(y) <= 90) return undefined;
  // A latitude past ±90 whose longitude would be a valid latitude: [lat, lon] sent as [lon, lat]
  // (e.g. lon 32.69, lat 109.03 for Ankang).
  if (Math.abs(y) > 90 && Math.abs(y) <= 180 && Math.abs(x) <= 90) {
    return { code: 'CG_ERR_COORD_SWAPPED', field: '', args: [`[${x}, ${y}]`] };
  }
  return { code: 'CG_ERR_COORD_OUT_OF_RANGE', field: '', args: [`[${x}, ${y}]`] };
}
