import fc from 'fast-check';
import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { toWgs84, toWgs84Batch } from '../../src/crs/to-wgs84.ts';
import type { PointCrs } from '../../src/crs/point-crs.ts';
import { vincentyDistance } from './geodesic.ts';

type LL = [number, number];

// Published WGS84 / GCJ-02 / BD-09 triples for city centres, copied from gcoord's own test
// fixture: hujiulong/gcoord test/fixtures/china-cities.json (added in fedbaa1, 2018-12-29;
// read at fa43556). gcoord's tests check them to 4 decimals (~5 m); they agree with gcoord to
// 0.74 m (GCJ-02) and 0.80 m (BD-09) over all 664 rows, so 1 m is the bound here.
const CITIES: Array<{ name: string; wgs84: LL; gcj02: LL; bd09: LL }> = [
  {
    name: '北京 东城区 (Beijing, near Tiananmen)',
    wgs84: [116.4011517, 39.9028057],
    gcj02: [116.4074002, 39.9042136],
    bd09: [116.4137852, 39.9105355],
  },
  { name: '安康 汉滨区 (Ankang)', wgs84: [109.024176, 32.6867983], gcj02: [109.0290272, 32.6847192], bd09: [109.0356283, 32.6904321] },
  { name: "六安 裕安区 (Lu'an)", wgs84: [116.5167665, 31.7357571], gcj02: [116.5218631, 31.7337042], bd09: [116.5282746, 31.7400538] },
  { name: '丽水 莲都区 (Lishui)', wgs84: [119.9183933, 28.4710386], gcj02: [119.922803, 28.467634], bd09: [119.9293754, 28.4734151] },
  { name: '西宁 城中区 (Xining)', wgs84: [101.7762857, 36.6172138], gcj02: [101.7782262, 36.6171381], bd09: [101.7846774, 36.62332] },
  { name: '乌鲁木齐 水磨沟区 (Urumqi)', wgs84: [87.6140048, 43.824388], gcj02: [87.6168579, 43.8255962], bd09: [87.6232918, 43.8317719] },
  { name: '三亚 (Sanya)', wgs84: [109.507813, 18.2545417], gcj02: [109.5119135, 18.2528524], bd09: [109.5184703, 18.2585878] },
  { name: '哈尔滨 松北区 (Harbin)', wgs84: [126.528903, 45.8017783], gcj02: [126.5349726, 45.8037804], bd09: [126.5415875, 45.8094074] },
];

// Tiananmen in the README/test of wandergis/coordtransform (test/app.js), repeated in
// hutool's CoordinateUtilTest and coordtransform_rs: wgs84togcj02(116.404, 39.915) =
// [116.41024449916938, 39.91640428150164]; bd09togcj02(116.404, 39.915) =
// [116.39762729119315, 39.90865673957631]. Their gcj02towgs84 is a one-step approximation,
// so only the forward results are used as reference here.
const TIANANMEN_WGS84: LL = [116.404, 39.915];
const TIANANMEN_GCJ02: LL = [116.41024449916938, 39.91640428150164];
const BD09_POINT: LL = [116.404, 39.915];
const BD09_POINT_AS_GCJ02: LL = [116.39762729119315, 39.90865673957631];

const metres = (a: LL, b: LL) => vincentyDistance(a[0], a[1], b[0], b[1]);

describe('toWgs84: published pairs', () => {
  it.each(CITIES)('GCJ-02 of $name converts to its published WGS84 within 1 m', ({ wgs84, gcj02 }) => {
    expect(metres(toWgs84(gcj02[0], gcj02[1], 'gcj02'), wgs84)).toBeLessThan(1);
  });

  it.each(CITIES)('BD-09 of $name converts to its published WGS84 within 1 m', ({ wgs84, bd09 }) => {
    expect(metres(toWgs84(bd09[0], bd09[1], 'bd09'), wgs84)).toBeLessThan(1);
  });

  it.each(CITIES)('the GCJ-02 offset at $name is 80–700 m: the trap is real everywhere', ({ wgs84, gcj02 }) => {
    const d = metres(wgs84, gcj02);
    expect(d).toBeGreaterThan(80);
    expect(d).toBeLessThan(700);
  });

  it('the GCJ-02 offset in Ankang (109.0°E 32.7°N) is 100–600 m on the ellipsoid', () => {
    const ankang = CITIES[1];
    const d = metres(ankang.wgs84, ankang.gcj02);
    expect(d).toBeGreaterThan(100);
    expect(d).toBeLessThan(600); // 510 m
  });

  it("inverts coordtransform's Tiananmen pair to within 1 m (and its forward value to 1e-9°)", () => {
    expect(metres(toWgs84(TIANANMEN_GCJ02[0], TIANANMEN_GCJ02[1], 'gcj02'), TIANANMEN_WGS84)).toBeLessThan(1);
    const forward = gcoord.transform([...TIANANMEN_WGS84], gcoord.WGS84, gcoord.GCJ02);
    expect(Math.abs(forward[0] - TIANANMEN_GCJ02[0])).toBeLessThan(1e-9);
    expect(Math.abs(forward[1] - TIANANMEN_GCJ02[1])).toBeLessThan(1e-9);
  });

  it("converts coordtransform's BD-09 point the way its GCJ-02 equivalent converts", () => {
    const viaBd = toWgs84(BD09_POINT[0], BD09_POINT[1], 'bd09');
    const viaGcj = toWgs84(BD09_POINT_AS_GCJ02[0], BD09_POINT_AS_GCJ02[1], 'gcj02');
    expect(metres(viaBd, viaGcj)).toBeLessThan(0.01);
  });
});

describe('toWgs84: identities and outside China', () => {
  it.each<PointCrs>(['wgs84', 'cgcs2000'])('returns %s input unchanged (CGCS2000 = WGS84 here)', (crs) => {
    expect(toWgs84(109.024176, 32.6867983, crs)).toEqual([109.024176, 32.6867983]);
  });

  it.each<[string, LL]>([
    ['Paris', [2.35, 48.85]],
    ['Tokyo (east of 137.83°E)', [139.69, 35.69]],
    ['Sydney', [151.21, -33.87]],
    ['east of the antimeridian', [183, 45]],
  ])("leaves a GCJ-02 point in %s unchanged (outside gcoord's China rectangle)", (_where, p) => {
    expect(toWgs84(p[0], p[1], 'gcj02')).toEqual(p);
  });

  it("still applies Baidu's own BD-09 step outside China (about 0.8–1 km)", () => {
    const d = metres(toWgs84(2.35, 48.85, 'bd09'), [2.35, 48.85]);
    expect(d).toBeGreaterThan(500);
    expect(d).toBeLessThan(1200);
  });

  it('passes non-finite coordinates through for the caller to reject', () => {
    expect(toWgs84(NaN, 32.7, 'gcj02')).toEqual([NaN, 32.7]);
    expect(toWgs84(109, Infinity, 'bd09')).toEqual([109, Infinity]);
  });

  it('throws CG_ERR_CRS_UNKNOWN for a system it does not know', () => {
    expect(() => toWgs84(109, 32.7, 'epsg3857' as PointCrs)).toThrow(expect.objectContaining({ code: 'CG_ERR_CRS_UNKNOWN' }));
  });
});

describe('toWgs84: round trips', () => {
  // China's bounding box (73–135°E, 18–54°N); all of it lies inside gcoord's rectangle.
  const china = fc.tuple(fc.double({ min: 73, max: 135, noNaN: true }), fc.double({ min: 18, max: 54, noNaN: true }));

  it('wgs84 → gcj02 → wgs84 comes back within 1 m anywhere in China', () => {
    fc.assert(
      fc.property(china, ([lon, lat]) => {
        const g = gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02);
        const back = toWgs84(g[0], g[1], 'gcj02');
        return vincentyDistance(lon, lat, back[0], back[1]) < 1;
      }),
      { numRuns: 2000 },
    );
  });

  it('wgs84 → bd09 → wgs84 comes back within 1 m anywhere in China', () => {
    fc.assert(
      fc.property(china, ([lon, lat]) => {
        const b = gcoord.transform([lon, lat], gcoord.WGS84, gcoord.BD09);
        const back = toWgs84(b[0], b[1], 'bd09');
        return vincentyDistance(lon, lat, back[0], back[1]) < 1;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('toWgs84Batch', () => {
  it('converts in place, returns the same array and matches toWgs84 pair by pair', () => {
    const coords = Float64Array.from(CITIES.flatMap((c) => c.gcj02));
    const out = toWgs84Batch(coords, 'gcj02');
    expect(out).toBe(coords);
    CITIES.forEach((c, i) => {
      expect([out[2 * i], out[2 * i + 1]]).toEqual(toWgs84(c.gcj02[0], c.gcj02[1], 'gcj02'));
    });
  });

  it('leaves wgs84 and cgcs2000 arrays untouched and skips non-finite pairs', () => {
    const coords = Float64Array.of(109, 32.7, 110, 33);
    expect(Array.from(toWgs84Batch(coords, 'cgcs2000'))).toEqual([109, 32.7, 110, 33]);
    const withNaN = Float64Array.of(NaN, 32.7, 109.0290272, 32.6847192);
    toWgs84Batch(withNaN, 'gcj02');
    expect(withNaN[0]).toBeNaN();
    expect(metres([withNaN[2], withNaN[3]], CITIES[1].wgs84)).toBeLessThan(1);
  });

  it('throws on an odd-length array, naming the length', () => {
    expect(() => toWgs84Batch(Float64Array.of(109, 32.7, 110), 'gcj02')).toThrow(/odd length 3/);
  });
});
