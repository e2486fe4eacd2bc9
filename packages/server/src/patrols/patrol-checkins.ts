import { metresPerDegree } from '@citygrid/core';
import type { TrackPoint } from './check-patrol.ts';

/** A check-in as the rows store it: times in UTC ms. */
export interface CheckinRecord {
  gridId: string;
  at: number;
  lon: number;
  lat: number;
}

/**
 * One check-in per grid the track entered, at its first sample inside that grid, in time order.
 * @param gridOf the grid id of a WGS84 point, or null outside every grid (the store's router)
 * @example checkins([[109.01, 32.70, 0, 5], [109.02, 32.70, 30000, 5]], (lon) => (lon < 109.015 ? 'A1' : 'A2'))
 * // [{ gridId: 'A1', at: 0, … }, { gridId: 'A2', at: 30000, … }]
 */
export function checkins(track: readonly TrackPoint[], gridOf: (lon: number, lat: number) => string | null): CheckinRecord[] {
  const seen = new Map<string, CheckinRecord>();
  for (const [lon, lat, t] of track) {
    const gridId = gridOf(lon, lat);
    if (gridId !== null && !seen.has(gridId)) seen.set(gridId, { gridId, at: t, lon, lat });
  }
  return [...seen.values()];
}

/**
 * Length of a track in metres, segment by segment in local metres (a patrol spans a few km,
 * where the flat approximation is within centimetres).
 * @example trackDistance([[109, 32.7, 0, null], [109, 32.701, 1, null]]) // ≈ 110.9
 */
export function trackDistance(track: readonly TrackPoint[]): number {
  let total = 0;
  for (let i = 1; i < track.length; i++) {
    const [x0, y0] = track[i - 1];
    const [x1, y1] = track[i];
    const { kx, ky } = metresPerDegree((y0 + y1) / 2);
    total += Math.hypot((x1 - x0) * kx, (y1 - y0) * ky);
  }
  return total;
}
