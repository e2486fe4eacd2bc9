// Test-only reference: the ellipsoidal (WGS84) distance by Vincenty's inverse formula
// (T. Vincenty, "Direct and inverse solutions of geodesics on the ellipsoid", Survey Review
// 23(176), 1975). Independent of the code under test, which measures in a local projection.
// Converges for all but nearly antipodal points; accurate to well under a millimetre here.

const A = 6378137;
const F = 1 / 298.257223563;
const B = A * (1 - F);
const RAD = Math.PI / 180;

/** Geodesic distance in metres between two WGS84 `[lon, lat]` points in degrees. */
export function vincentyDistance(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const L = (lon2 - lon1) * RAD;
  const U1 = Math.atan((1 - F) * Math.tan(lat1 * RAD));
  const U2 = Math.atan((1 - F) * Math.tan(lat2 * RAD));
  const sinU1 = Math.sin(U1),
    cosU1 = Math.cos(U1),
    sinU2 = Math.sin(U2),
    cosU2 = Math.cos(U2);
  let lambda = L;
  let sinSigma = 0,
    cosSigma = 1,
    sigma = 0,
    cos2Alpha = 1,
    cos2SigmaM = 0;
  for (let i = 0; i < 200; i++) {
    const sinL = Math.sin(lambda),
      cosL = Math.cos(lambda);
    sinSigma = Math.hypot(cosU2 * sinL, cosU1 * sinU2 - sinU1 * cosU2 * cosL);
    if (sinSigma === 0) return 0;
    cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
    sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinL) / sinSigma;
    cos2Alpha = 1 - sinAlpha * sinAlpha;
    cos2SigmaM = cos2Alpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cos2Alpha;
    const C = (F / 16) * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
    const prev = lambda;
    lambda = L + (1 - C) * F * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    if (Math.abs(lambda - prev) < 1e-13) break;
  }
  const u2 = (cos2Alpha * (A * A - B * B)) / (B * B);
  const bigA = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
  const bigB = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
  const deltaSigma =
    bigB *
    sinSigma *
    (cos2SigmaM +
      (bigB / 4) *
        (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
          (bigB / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
  return B * bigA * (sigma - deltaSigma);
}

/**
 * Ellipsoidal distance in metres from a point to the segment a–b (straight in lon/lat, as
 * GeoJSON draws it), by golden-section search over the segment: brute force, for tests only.
 */
export function distanceToSegment(p: [number, number], a: [number, number], b: [number, number]): number {
  const at = (t: number) => vincentyDistance(p[0], p[1], a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]));
  const g = (Math.sqrt(5) - 1) / 2;
  let lo = 0,
    hi = 1;
  let x1 = hi - g * (hi - lo),
    x2 = lo + g * (hi - lo);
  let f1 = at(x1),
    f2 = at(x2);
  for (let i = 0; i < 100 && hi - lo > 1e-12; i++) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = at(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = at(x2);
    }
  }
  return Math.min(at(0), at(1), f1, f2);
}

/** The latitude `d` metres due north (d > 0) or south of `(lon, lat)`, found by bisection. */
export function latitudeAtDistance(lon: number, lat: number, d: number): number {
  return lat + Math.sign(d) * bisect((x) => vincentyDistance(lon, lat, lon, lat + Math.sign(d) * x), Math.abs(d));
}

/** The longitude `d` metres due east (d > 0) or west of `(lon, lat)` along the geodesic distance. */
export function longitudeAtDistance(lon: number, lat: number, d: number): number {
  return lon + Math.sign(d) * bisect((x) => vincentyDistance(lon, lat, lon + Math.sign(d) * x, lat), Math.abs(d));
}

/** The x ≥ 0 (degrees, under 1°) where the increasing f(x) reaches `target` metres. */
function bisect(f: (x: number) => number, target: number): number {
  let lo = 0,
    hi = Math.min(1, target / 50000 + 1e-6); // 1° > 50 km below 60° latitude
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
