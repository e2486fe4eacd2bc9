/**
 * Most sites {@link exactInscribedCircle} takes: it tries every triple, C(120, 3) = 280k
 * (about 5 ms). A sliver between two digitisations of one border has 4–70 vertices, so 1.5 V
 * sites (edges and reflex vertices) stay under this; larger pieces are fat in practice and the
 * quadtree search converges on them in a few hundred cells.
 */
export const MAX_EXACT_SITES = 120;

/**
 * The largest circle inside a polygon, exactly (to rounding): its centre is a vertex of the
 * medial axis — equidistant from three sites, each an edge's line or a reflex vertex (the
 * distance to the boundary is linear or convex along each medial-axis arc, so its maximum is at
 * an end) — so every triple's equidistant points are candidates, and the one farthest from
 * every edge (its true distance, inside) wins. Used for thin pieces, where the quadtree
 * search needs one cell per precision step along the length (a 2 km × 6 cm sliver hit its
 * 200k-cell cap at 1.5 s; Los Angeles has 300 of them).
 *
 * @param rings closed rings in a metric frame, outer first (orientation free)
 * @returns `{ x, y, r }`, or null when there are more than MAX_EXACT_SITES sites or no candidate
 */
export function exactInscribedCircle(rings: number[][][]): { x: number; y: number; r: number } | null {
  const lines: number[] = []; // nx, ny, k per edge: n·c − k = distance on the interior side
  const points: number[] = []; // x, y per reflex vertex
  rings.forEach((ring, i) => collectSites(ring, i === 0, lines, points));
  const nl = lines.length / 3, np = points.length / 2;
  if (nl + np > MAX_EXACT_SITES || nl + np < 3) return null;
  const best = { x: 0, y: 0, r: 0 };
  const offer = (x: number, y: number, r: number) => {
    if (!(r > best.r)) return; // the optimum's r is its true distance, never below best.r
    const d = signedDistance(x, y, rings);
    if (d > best.r) { best.x = x; best.y = y; best.r = d; }
  };
  // Sites 0..nl-1 are lines, nl.. are points; each triple once.
  const n = nl + np;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      for (let k = j + 1; k < n; k++) {
        if (k < nl) lll(lines, i, j, k, offer);
        else withPoints(lines, points, nl, [i, j, k], offer);
      }
    }
  }
  return best.r > 0 ? best : null;
}

/** Lines of a ring's edges, interior on the left (shell counter-clockwise, holes clockwise), and its reflex vertices. */
function collectSites(ring: number[][], shell: boolean, lines: number[], points: number[]): void {
  const pts = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);
  if (pts.length > 1 && pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1]) pts.pop();
  let area = 0;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) area += pts[j][0] * pts[i][1] - pts[i][0] * pts[j][1];
  if ((area > 0) !== shell) pts.reverse();
  const m = pts.length;
  for (let i = 0; i < m; i++) {
    const a = pts[i], b = pts[(i + 1) % m], c = pts[(i + 2) % m];
    const dx = b[0] - a[0], dy = b[1] - a[1], len = Math.hypot(dx, dy);
    const nx = -dy / len, ny = dx / len;
    lines.push(nx, ny, nx * a[0] + ny * a[1]);
    if (dx * (c[1] - b[1]) - dy * (c[0] - b[0]) < 0) points.push(b[0], b[1]); // a right turn: reflex
  }
}

type Offer = (x: number, y: number, r: number) => void;

/** Three lines: n·c − r = k, a 3×3 system (Cramer). */
function lll(L: number[], i: number, j: number, k: number, offer: Offer): void {
  const a1 = L[3 * i], b1 = L[3 * i + 1], k1 = L[3 * i + 2];
  const a2 = L[3 * j], b2 = L[3 * j + 1], k2 = L[3 * j + 2];
  const a3 = L[3 * k], b3 = L[3 * k + 1], k3 = L[3 * k + 2];
  // Rows (a, b, −1): det = Σ of the 2×2 minors.
  const det = -(a1 * b2 - a2 * b1) + (a1 * b3 - a3 * b1) - (a2 * b3 - a3 * b2);
  if (Math.abs(det) < 1e-12) return;
  const x = (-(k1 * b2 - k2 * b1) + (k1 * b3 - k3 * b1) - (k2 * b3 - k3 * b2)) / det;
  const y = (-(a1 * k2 - a2 * k1) + (a1 * k3 - a3 * k1) - (a2 * k3 - a3 * k2)) / det;
  offer(x, y, a1 * x + b1 * y - k1);
}

/**
 * A triple with at least one point p: two linear equations in (x, y, r) — a line's
 * n·c − r = k, or another point's bisector 2(q − p)·c = |q|² − |p|² — leave a line of
 * solutions c0 + t·u, cut by |c − p|² = r² (a quadratic in t).
 */
function withPoints(L: number[], P: number[], nl: number, sites: number[], offer: Offer): void {
  const first = sites.find((s) => s >= nl)! - nl;
  const px = P[2 * first], py = P[2 * first + 1];
  const rows: number[][] = [];
  for (const s of sites) {
    if (s < nl) rows.push([L[3 * s], L[3 * s + 1], -1, L[3 * s + 2]]);
    else if (s - nl !== first) {
      const qx = P[2 * (s - nl)], qy = P[2 * (s - nl) + 1];
      rows.push([2 * (qx - px), 2 * (qy - py), 0, qx * qx + qy * qy - px * px - py * py]);
    }
  }
  const [A, B] = rows;
  const u = [A[1] * B[2] - A[2] * B[1], A[2] * B[0] - A[0] * B[2], A[0] * B[1] - A[1] * B[0]];
  const uu = u[0] * u[0] + u[1] * u[1] + u[2] * u[2];
  if (uu < 1e-18) return;
  // x0 = (b1 (B × u) + b2 (u × A)) / |u|²: A·x0 = b1, B·x0 = b2.
  const bxu = [B[1] * u[2] - B[2] * u[1], B[2] * u[0] - B[0] * u[2], B[0] * u[1] - B[1] * u[0]];
  const uxa = [u[1] * A[2] - u[2] * A[1], u[2] * A[0] - u[0] * A[2], u[0] * A[1] - u[1] * A[0]];
  const x0 = [0, 1, 2].map((c) => (A[3] * bxu[c] + B[3] * uxa[c]) / uu);
  const ex = x0[0] - px, ey = x0[1] - py;
  const qa = u[0] * u[0] + u[1] * u[1] - u[2] * u[2];
  const qb = 2 * (u[0] * ex + u[1] * ey - x0[2] * u[2]);
  const qc = ex * ex + ey * ey - x0[2] * x0[2];
  const roots: number[] = [];
  if (Math.abs(qa) < 1e-15 * (u[0] * u[0] + u[1] * u[1] + u[2] * u[2])) { if (qb !== 0) roots.push(-qc / qb); }
  else {
    const disc = qb * qb - 4 * qa * qc;
    if (disc < 0) return;
    const s = Math.sqrt(disc);
    roots.push((-qb - s) / (2 * qa), (-qb + s) / (2 * qa));
  }
  for (const t of roots) {
    const x = x0[0] + t * u[0], y = x0[1] + t * u[1], r = x0[2] + t * u[2];
    // A point-only triple leaves r free (u along r): the radius is the distance to p.
    offer(x, y, sites.every((s) => s >= nl) ? Math.hypot(x - px, y - py) : r);
  }
}

/** Distance to the nearest edge, positive inside (even–odd over all rings), negative outside. */
export function signedDistance(x: number, y: number, rings: number[][][]): number {
  let inside = false;
  let min = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i], b = ring[j];
      if ((a[1] > y) !== (b[1] > y) && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
      const dx = b[0] - a[0], dy = b[1] - a[1];
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / len2)) : 0;
      const d2 = (a[0] + t * dx - x) ** 2 + (a[1] + t * dy - y) ** 2;
      if (d2 < min) min = d2;
    }
  }
  return (inside ? 1 : -1) * Math.sqrt(min);
}
