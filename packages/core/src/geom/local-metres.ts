// WGS84 radii of curvature: meridional M and prime-vertical N at a latitude give metres per
// radian north and east. Over a few kilometres this local frame is exact to well under a
// metre, which is all distance-to-border checks need.
import { RAD, WGS84_A as A, WGS84_E2 as E2 } from './wgs84.ts';

/** Metres per degree of longitude (`kx`) and latitude (`ky`) at a latitude, on WGS84. */
export function metresPerDegree(lat: number): { kx: number; ky: number } {
  const s = Math.sin(lat * RAD);
  const w = 1 - E2 * s * s;
  const n = A / Math.sqrt(w);
  const m = (A * (1 - E2)) / (w * Math.sqrt(w));
  return { kx: n * Math.cos(lat * RAD) * RAD, ky: m * RAD };
}

/**
 * Distance in metres from a point to the segment a–b, all in degrees, measured in the local
 * frame of the point (`kx`, `ky` from {@link metresPerDegree} at its latitude).
 */
export function segmentDistance(x: number, y: number, ax: number, ay: number, bx: number, by: number, kx: number, ky: number): number {
  const ux = (ax - x) * kx,
    uy = (ay - y) * ky;
  const vx = (bx - x) * kx,
    vy = (by - y) * ky;
  const dx = vx - ux,
    dy = vy - uy;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, -(ux * dx + uy * dy) / len2)) : 0;
  return Math.hypot(ux + t * dx, uy + t * dy);
}
