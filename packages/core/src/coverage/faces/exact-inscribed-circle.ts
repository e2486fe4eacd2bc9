import { ringBox } from '../../geom/ring-box.ts';

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
 * every edge (its true distance, inside) wins. Used for thin pieces, where the quadtree search
 * needs one cell per precision step along the length (a 2 km × 6 cm sliver hit its 200k-cell
 * cap at 1.5 s; Los Angeles has 300 of them). The three sites of the answer lie within 2r of
 * each other, so given an upper bound on r only triples of sites that near are tried: along a
 * sliver that is a few neighbours per site, not C(n, 3).
 *
 * @param rings closed rings in a metric frame, outer first (orientation free)
 * @param seed a circle known to fit (the quadtree's best), returned if nothing beats it
 * @param upper no circle inside is larger (the quadtree's bound, √(A/π))
 * @returns the circle `{ x, y, r }`, or null when there are more than MAX_EXACT_SITES sites
 */
export function exactInscribedCircle(
  rings: number[][][],
  seed = { x: 0, y: 0, r: 0 },
  upper = Infinity,
): { x: number; y: number; r: number } | null {
  const lines: number[] = []; // nx, ny, k per edge: n·c − k = distance on the interior side
  const points: number[] = []; // x, y per reflex vertex
  const lineBoxes: number[] = [],
    pointBoxes: number[] = []; // minX, minY, maxX, maxY per site
  rings.forEach((ring, i) => {
    collectSites(ring, i === 0, lines, points, lineBoxes, pointBoxes);
  });

  const boxes = [...lineBoxes, ...pointBoxes]; // sites: lines first, then points
  const nl = lines.length / 3,
    n = nl + points.length / 2;
  if (n > MAX_EXACT_SITES) return null;
  const best = { ...seed };
  const [x0, y0, x1, y1] = ringBox(rings[0]);
  const offer = (x: number, y: number, r: number) => {
    if (!(r > best.r) || r > upper * (1 + 1e-9) + 1e-12) return; // the optimum's r is its true distance: in (best, upper]
    if (x - x0 < r * (1 - 1e-9) || x1 - x < r * (1 - 1e-9) || y - y0 < r * (1 - 1e-9) || y1 - y < r * (1 - 1e-9)) return; // pokes out of the box
    const d = signedDistance(x, y, rings);
    if (d > best.r) {
      best.x = x;
      best.y = y;
      best.r = d;
    }
  };
  // near[i * n + j]: the sites' boxes are within 2 · upper (an answer's sites are within 2r).
  const reach = 2 * upper * (1 + 1e-9);
  const near = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const gx = Math.max(boxes[4 * i], boxes[4 * j]) - Math.min(boxes[4 * i + 2], boxes[4 * j + 2]);
      const gy = Math.max(boxes[4 * i + 1], boxes[4 * j + 1]) - Math.min(boxes[4 * i + 3], boxes[4 * j + 3]);
      if (Math.hypot(Math.max(0, gx), Math.max(0, gy)) <= reach) near[i * n + j] = 1;
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (!near[i * n + j]) continue;
      for (let k = j + 1; k < n; k++) {
        if (!near[i * n + k] || !near[j * n + k]) continue;
        if (k < nl) lll(lines, i, j, k, offer);
        else withPoints(lines, points, nl, i, j, k, offer);
      }
    }
  }
  return best;
}

/** Lines of a ring's edges, interior on the left (shell counter-clockwise, holes clockwise), and its reflex vertices. */
function collectSites(
  ring: number[][],
  shell: boolean,
  lines: number[],
  points: number[],
  lineBoxes: number[],
  pointBoxes: number[],
): void {
  const pts = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);
  if (pts.length > 1 && pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1]) pts.pop();
  let area = 0;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) area += pts[j][0] * pts[i][1] - pts[i][0] * pts[j][1];
  if (area > 0 !== shell) pts.reverse();
  const m = pts.length;
  for (let i = 0; i < m; i++) {
    const a = pts[i],
      b = pts[(i + 1) % m],
      c = pts[(i + 2) % m];
    const dx = b[0] - a[0],
      dy = b[1] - a[1],
      len = Math.hypot(dx, dy);
    const nx = -dy / len,
      ny = dx / len;
    lines.push(nx, ny, nx * a[0] + ny * a[1]);
    lineBoxes.push(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
    if (dx * (c[1] - b[1]) - dy * (c[0] - b[0]) < 0) {
      points.push(b[0], b[1]);
      pointBoxes.push(b[0], b[1], b[0], b[1]);
    } // a right turn: reflex
  }
}

type Offer = (x: number, y: number, r: number) => void;

/** Three lines: n·c − r = k, a 3×3 system (Cramer). */
function lll(L: number[], i: number, j: number, k: number, offer: Offer): void {
  const a1 = L[3 * i],
    b1 = L[3 * i + 1],
    k1 = L[3 * i + 2];
  const a2 = L[3 * j],
    b2 = L[3 * j + 1],
    k2 = L[3 * j + 2];
  const a3 = L[3 * k],
    b3 = L[3 * k + 1],
    k3 = L[3 * k + 2];
  // Rows (a, b, −1): det = Σ of the 2×2 minors.
  const det = -(a1 * b2 - a2 * b1) + (a1 * b3 - a3 * b1) - (a2 * b3 - a3 * b2);
  if (Math.abs(det) < 1e-12) return;
  const x = (-(k1 * b2 - k2 * b1) + (k1 * b3 - k3 * b1) - (k2 * b3 - k3 * b2)) / det;
  const y = (-(a1 * k2 - a2 * k1) + (a1 * k3 - a3 * k1) - (a2 * k3 - a3 * k2)) / det;
  offer(x, y, a1 * x + b1 * y - k1);
}

/**
 * A triple with at least one point p (site k, the last, is a point): two linear equations in
 * (x, y, r) — a line's n·c − r = k, or another point q's bisector 2(q − p)·c = |q|² − |p|² —
 * leave a line of solutions c0 + t·u, cut by |c − p|² = r² (a quadratic in t).
 */
function withPoints(L: number[], P: number[], nl: number, i: number, j: number, k: number, offer: Offer): void {
  const px = P[2 * (k - nl)],
    py = P[2 * (k - nl) + 1];
  const A = row(L, P, nl, i, px, py),
    B = row(L, P, nl, j, px, py);
  const [a0, a1, a2, a3] = A,
    [b0, b1, b2, b3] = B;
  const u0 = a1 * b2 - a2 * b1,
    u1 = a2 * b0 - a0 * b2,
    u2 = a0 * b1 - a1 * b0;
  const uu = u0 * u0 + u1 * u1 + u2 * u2;
  if (uu < 1e-18) return;
  // c0 = (a3 (B × u) + b3 (u × A)) / |u|²: A·c0 = a3, B·c0 = b3.
  const x0 = (a3 * (b1 * u2 - b2 * u1) + b3 * (u1 * a2 - u2 * a1)) / uu;
  const y0 = (a3 * (b2 * u0 - b0 * u2) + b3 * (u2 * a0 - u0 * a2)) / uu;
  const r0 = (a3 * (b0 * u1 - b1 * u0) + b3 * (u0 * a1 - u1 * a0)) / uu;
  const ex = x0 - px,
    ey = y0 - py;
  const qa = u0 * u0 + u1 * u1 - u2 * u2,
    qb = 2 * (u0 * ex + u1 * ey - r0 * u2),
    qc = ex * ex + ey * ey - r0 * r0;
  let t1: number,
    t2 = NaN;
  if (Math.abs(qa) < 1e-15 * uu) {
    if (qb === 0) return;
    t1 = -qc / qb;
  } else {
    const disc = qb * qb - 4 * qa * qc;
    if (disc < 0) return;
    const s = Math.sqrt(disc);
    t1 = (-qb - s) / (2 * qa);
    t2 = (-qb + s) / (2 * qa);
  }
  // Three points leave r free along u: the radius is then |c − p|. (No closures in this hot
  // function: under tsx, the CLI's runner, each named one costs a defineProperty per call.)
  for (const t of [t1, t2]) {
    if (Number.isNaN(t)) continue;
    const x = x0 + t * u0,
      y = y0 + t * u1;
    offer(x, y, i >= nl ? Math.hypot(x - px, y - py) : r0 + t * u2);
  }
}

/** Site s as a linear equation in (x, y, r): a line's n·c − r = k, or point q's bisector with p. */
function row(L: number[], P: number[], nl: number, s: number, px: number, py: number): [number, number, number, number] {
  if (s < nl) return [L[3 * s], L[3 * s + 1], -1, L[3 * s + 2]];
  const qx = P[2 * (s - nl)],
    qy = P[2 * (s - nl) + 1];
  return [2 * (qx - px), 2 * (qy - py), 0, qx * qx + qy * qy - px * px - py * py];
}

/** Distance to the nearest edge, positive inside (even–odd over all rings), negative outside. */
export function signedDistance(x: number, y: number, rings: number[][][]): number {
  let inside = false;
  let min = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i],
        b = ring[j];
      if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
      const dx = b[0] - a[0],
        dy = b[1] - a[1];
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / len2)) : 0;
      const d2 = (a[0] + t * dx - x) ** 2 + (a[1] + t * dy - y) ** 2;
      if (d2 < min) min = d2;
    }
  }
  return (inside ? 1 : -1) * Math.sqrt(min);
}
