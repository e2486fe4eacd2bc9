import type { MultiPolygon, Polygon } from 'geojson';
import { createRouter, ellipsoidalArea, metresPerDegree, parseGrids, validateCoverage } from '../../src/index.ts';

type Area = Polygon | MultiPolygon;

/** Polsby–Popper compactness 4πA/P² (1 for a disc): ellipsoidal area, perimeter in local metres. */
export function polsbyPopper(g: Area): number {
  let perimeter = 0;
  for (const rings of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const { kx, ky } = metresPerDegree((ring[i][1] + ring[i + 1][1]) / 2);
        perimeter += Math.hypot((ring[i + 1][0] - ring[i][0]) * kx, (ring[i + 1][1] - ring[i][1]) * ky);
      }
    }
  }
  return (4 * Math.PI * ellipsoidalArea(g)) / perimeter ** 2;
}

/** A piece is connected: one Polygon (holes allowed), not a MultiPolygon. */
export const connected = (g: Area) => g.type === 'Polygon';

/** Load of each piece: the weights of `points` (flat `[lon, lat, weight, …]`) routed to the pieces. */
export function pieceLoads(pieces: Area[], points: Float64Array): number[] {
  const parsed = parseGrids({
    type: 'FeatureCollection',
    features: pieces.map((geometry, i) => ({ type: 'Feature', properties: { id: String(i) }, geometry })),
  });
  if (!parsed.ok) throw new Error(parsed.problems[0].message);
  const router = createRouter(parsed.gridSet);
  const load = new Array<number>(pieces.length).fill(0);
  for (let i = 0; i < points.length; i += 3) {
    const hit = router.locate(points[i], points[i + 1]);
    if (hit >= 0) load[hit] += points[i + 2];
  }
  return load;
}

/** validateCoverage's problems for pieces that must tile `parent` exactly. */
export function coverageProblems(pieces: Area[], parent: Area): string[] {
  const parsed = parseGrids({
    type: 'FeatureCollection',
    features: pieces.map((geometry, i) => ({ type: 'Feature', properties: { id: String(i) }, geometry })),
  });
  if (!parsed.ok) return parsed.problems.map((p) => p.message);
  return validateCoverage(parsed.gridSet, { parent }).problems.map((p) => `${p.kind} ${p.grids.join(',')} ${p.area_m2 ?? ''}`);
}

/** Largest relative deviation of a load from the mean: max |load/mean − 1|. */
export function spread(loads: number[]): number {
  const mean = loads.reduce((a, b) => a + b, 0) / loads.length;
  return Math.max(...loads.map((l) => Math.abs(l / mean - 1)));
}
