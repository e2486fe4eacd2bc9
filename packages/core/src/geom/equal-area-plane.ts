// WGS84, as in ellipsoidal-area.ts: the plane below must measure areas exactly as it does.
import { RAD, WGS84_A as A, WGS84_E2 as E2 } from './wgs84.ts';

const E = Math.sqrt(E2);
// q at the pole: |q| ≤ Q_POLE for every latitude.
const Q_POLE = authalicQ(Math.PI / 2);

/** A local equal-area plane: metres east (`x`) and north (`y`) of a centre. */
export interface EqualAreaPlane {
  /** `[x, y]` in metres of a WGS84 `[lon, lat]` in degrees. */
  toXY(lon: number, lat: number): [number, number];
  /** WGS84 `[lon, lat]` in degrees of a plane point in metres. */
  toLonLat(x: number, y: number): [number, number];
}

/**
 * The cylindrical equal-area projection of the WGS84 ellipsoid with its standard parallel at
 * `lat0`, centred on `[lon0, lat0]`: x = a·k0·(λ − λ0), y = a·q(φ) / (2·k0). An element of area
 * is a²/2 · dq · dλ on the ellipsoid and dx·dy here, so **every plane area is the ellipsoidal
 * area** that {@link ellipsoidalArea} measures (same q, straight edges in the same (λ, q)
 * space): cells cut in this plane sum exactly to the area they tile. Scale is true at `lat0`
 * and drifts by tan φ·Δφ away from it (±0.5 % 50 km north or south at 33°N), east–west
 * stretched as much as north–south is squashed.
 *
 * @example const plane = equalAreaPlane(109.02, 32.7); plane.toXY(109.03, 32.7) // ≈ [937.68, 0]
 */
export function equalAreaPlane(lon0: number, lat0: number): EqualAreaPlane {
  const s0 = Math.sin(lat0 * RAD);
  const k0 = Math.cos(lat0 * RAD) / Math.sqrt(1 - E2 * s0 * s0);
  const kx = A * k0 * RAD;
  const ky = A / (2 * k0);
  const y0 = ky * authalicQ(lat0 * RAD);
  return {
    toXY: (lon, lat) => [(lon - lon0) * kx, ky * authalicQ(lat * RAD) - y0],
    toLonLat: (x, y) => [lon0 + x / kx, latitudeOfQ((y + y0) / ky) / RAD],
  };
}

/** q(φ) of the authalic latitude, as in ellipsoidal-area.ts. */
function authalicQ(phi: number): number {
  const s = Math.sin(phi);
  const es = E * s;
  return (1 - E2) * (s / (1 - es * es) - (1 / (2 * E)) * Math.log((1 - es) / (1 + es)));
}

/**
 * φ of a q, by Newton's method on q(φ) (dq/dφ = 2(1 − e²)cos φ / (1 − e² sin² φ)²). From the
 * spherical guess asin(q/2) it converges to the last bit in 3–4 steps at grid latitudes.
 */
function latitudeOfQ(q: number): number {
  if (q >= Q_POLE) return Math.PI / 2;
  if (q <= -Q_POLE) return -Math.PI / 2;
  let phi = Math.asin(Math.max(-1, Math.min(1, q / 2)));
  for (let i = 0; i < 8; i++) {
    const s = Math.sin(phi);
    const w = 1 - E2 * s * s;
    const step = ((q - authalicQ(phi)) * w * w) / (2 * (1 - E2) * Math.cos(phi));
    phi += step;
    if (Math.abs(step) < 1e-15) break;
  }
  return phi;
}
