import { metresPerDegree } from '../geom/local-metres.ts';

const HOUR = 3_600_000;

/** A new report, as far as duplicates go: WGS84 degrees, its category and time (UTC ms). */
export interface DuplicateProbe {
  lon: number;
  lat: number;
  category: string;
  at: number;
}

/** An open case, as far as duplicates go: where and when its first report was. */
export interface DuplicateCandidate {
  category: string;
  lon: number | null;
  lat: number | null;
  opened_at: number;
}

/**
 * The open case a new report duplicates, or null: one of the same category, opened within
 * `hours` of the report (before or after: imports arrive out of order) and within
 * `distance_m` metres of it; the nearest wins, then the earliest opened. Distances are
 * measured on the WGS84 ellipsoid's local frame at the report (exact to well under a metre at
 * duplicate radii of a few hundred metres). Pass open cases only: a closed one is not joined.
 *
 * @example findDuplicate({ lon: 109.02, lat: 32.69, category: '06010', at }, openCases, { distance_m: 50, hours: 24 }) // the case 30 m away, or null
 */
export function findDuplicate<C extends DuplicateCandidate>(
  report: DuplicateProbe,
  cases: Iterable<C>,
  options: { distance_m: number; hours: number },
): C | null {
  const { kx, ky } = metresPerDegree(report.lat);
  const window = options.hours * HOUR;
  let best: C | null = null;
  let bestDistance = Infinity;
  for (const c of cases) {
    if (c.category !== report.category || c.lon === null || c.lat === null) continue;
    if (Math.abs(report.at - c.opened_at) > window) continue;
    const d = Math.hypot((c.lon - report.lon) * kx, (c.lat - report.lat) * ky);
    if (d > options.distance_m) continue;
    if (d < bestDistance || (d === bestDistance && best !== null && c.opened_at < best.opened_at)) (best = c), (bestDistance = d);
  }
  return best;
}
