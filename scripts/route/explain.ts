import { toWgs84, type Grid, type PointCrs, type Router } from '@citygrid/core';

const EXPLAIN_RADIUS_M = 20;

/**
 * A readable account of how one point is routed: the answer, the rule that gave it, and
 * every grid within 20 m with its distance in metres.
 */
export function explainPoint(router: Router, lon: number, lat: number, crs: PointCrs, maxDistance: number): string {
  const [x, y] = crs === 'wgs84' ? [lon, lat] : toWgs84(lon, lat, crs);
  const lines = [
    crs === 'wgs84'
      ? `point [${lon}, ${lat}] (WGS84)`
      : `point [${lon}, ${lat}] (${crs.toUpperCase()}) = [${x.toFixed(7)}, ${y.toFixed(7)}] (WGS84)`,
  ];
  const r = router.route(x, y);
  const near = router.nearby(x, y, EXPLAIN_RADIUS_M);
  const label = (g: Grid) => `${g.name} (${g.id})`;
  if (r.grid) {
    lines.push(`→ ${label(r.grid)}: ${r.match}${r.match === 'nearest' ? `, ${r.distance_m!.toFixed(1)} m away` : ''}`);
    if (r.path.length) lines.push(`  path: ${r.path.map((p) => `${p.name} (${p.id})`).join(' < ')}`);
  } else {
    lines.push('→ outside every grid');
  }
  lines.push(`  why: ${why(r.match, near, r.grid, maxDistance)}`);
  lines.push(`grids within ${EXPLAIN_RADIUS_M} m:`);
  if (!near.length) lines.push('  none');
  for (const n of near)
    lines.push(`  ${n.distance_m.toFixed(2).padStart(6)} m  ${label(n.grid)}${n.grid === r.grid ? '  ← routed here' : ''}`);
  return lines.join('\n') + '\n';
}

function why(match: string, near: Array<{ grid: Grid; distance_m: number }>, grid: Grid | null, maxDistance: number): string {
  const onBorder = near.filter((n) => n.distance_m < 0.01).map((n) => n.grid.id);
  switch (match) {
    case 'inside':
      return 'the point is inside this grid and on no border';
    case 'border':
      return onBorder.length > 1
        ? `the point lies on the border of ${onBorder.join(', ')}; the border rule gives a point on a north–south border to the grid east of it, on an east–west border to the grid north of it`
        : 'the point lies on the outer boundary of this grid, which no other grid shares';
    case 'nearest':
      return `the point is outside every grid, and ${grid!.id} is the nearest within --max-distance ${maxDistance} m (GPS error at the edge of the area)`;
    default:
      return maxDistance > 0
        ? `no grid contains the point or lies within --max-distance ${maxDistance} m`
        : 'no grid contains the point (allow GPS slack with --max-distance)';
  }
}
