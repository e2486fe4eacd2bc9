import { describe, expect, it } from 'vitest';
import { checkLonLat } from '../../src/index.ts';

describe('checkLonLat', () => {
  it.each([
    ['a usable pair', 109.03, 32.69, undefined],
    ['the range edges', -180, 90, undefined],
    ['a missing latitude', 109.03, undefined, 'CG_ERR_REPORT_INVALID'],
    ['a string', '109.03', 32.69, 'CG_ERR_REPORT_INVALID'],
    ['NaN', NaN, 32.69, 'CG_ERR_REPORT_INVALID'],
    ['[lat, lon] for Ankang', 32.69, 109.03, 'CG_ERR_COORD_SWAPPED'],
    ['projected metres', 12_137_000, 3_856_000, 'CG_ERR_COORD_OUT_OF_RANGE'],
    ['a latitude past 180', 30, 200, 'CG_ERR_COORD_OUT_OF_RANGE'],
  ])('%s', (_why, lon, lat, code) => {
    expect(checkLonLat(lon, lat)?.code).toBe(code);
  });

  it('names the field that is not a number', () => {
    expect(checkLonLat(109, null)).toMatchObject({ field: 'lat' });
  });
});
