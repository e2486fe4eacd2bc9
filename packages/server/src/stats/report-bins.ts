import type { Bins } from './stats-schemas.ts';
import { reportConditions, whereClause, type ReportFilter } from '../db/report-filter.ts';
import type { Snapshot } from '../db/snapshot.ts';

/** Cell shapes of `GET /api/stats/bins`. */
export type BinShape = 'square' | 'hex';

/** What `GET /api/stats/bins` asks. */
export interface BinsQuery {
  /** Web map zoom level (0 = the whole world in one 256 px tile). */
  zoom: number;
  /** Cells per tile side are 2^detail: 5 → 32 × 32 cells of 8 px on a 256 px tile. */
  detail: number;
  shape: BinShape;
  filter: ReportFilter;
}

// Web Mercator's latitude limit: the square world of the tile pyramid.
const MAX_LAT = 85.0511287798066;
// A hexagon of circumradius R has area (3√3/2)·R²; this R makes it the area of one square
// cell, so square and hex bins at the same zoom and detail count over the same area.
const HEX_R = Math.sqrt(2 / (3 * Math.sqrt(3)));

/**
 * Reports binned for a zoomed-out map, counted by DuckDB with GROUP BY on a cell id computed
 * per row: no point crosses into JavaScript, so millions of reports cost one scan.
 *
 * The cells live on the Web Mercator plane of the tile pyramid, with W = 2^(zoom + detail)
 * cells across the world (a tile at `zoom` holds 2^detail × 2^detail of them):
 *
 * - `square`: cell (x, y) with x = ⌊(lon + 180) / 360 · W⌋ and y = ⌊(1 − ln(tan(π/4 + φ/2)) / π) / 2 · W⌋,
 *   the tile pixel formula; tile (x >> detail, y >> detail) at `zoom` holds it. Aligned with
 *   tiles, so neighbouring tiles never split a cell.
 * - `hex`: pointy-top hexagons on the same plane, axial coordinates (q, r) by cube rounding,
 *   with the area of one square cell (circumradius √(2 / (3√3)) cells).
 *
 * Each bin also gets its centre in lon/lat, so a client can draw it without the formulas.
 */
export async function reportBins(snapshot: Snapshot, query: BinsQuery): Promise<Bins> {
  const w = 2 ** (query.zoom + query.detail);
  const { conditions, params } = reportConditions(query.filter);
  const plane = `SELECT (lon + 180) / 360 * $w AS px,
    (1 - ln(tan(pi() / 4 + radians(least(greatest(lat, -${MAX_LAT}), ${MAX_LAT})) / 2)) / pi()) / 2 * $w AS py
    FROM reports ${whereClause(conditions)}`;
  const cells = query.shape === 'square' ? SQUARE : HEX;
  // Only the parameters the SQL uses: DuckDB refuses a binding it cannot place.
  const bound = query.shape === 'square' ? { ...params, w } : { ...params, w, r: HEX_R };
  const sql = `WITH p AS (${plane}), c AS (${cells}) SELECT x, y, count(*)::INTEGER AS n FROM c GROUP BY x, y ORDER BY y, x`;
  const rows = (await snapshot.conn.runAndReadAll(sql, bound)).getColumnsJS();
  const [xs, ys, ns] = rows.length ? (rows as [number[], number[], number[]]) : [[], [], []];
  const centre = query.shape === 'square' ? (x: number, y: number) => [x + 0.5, y + 0.5] : hexCentre;
  const lon: number[] = [];
  const lat: number[] = [];
  let total = 0;
  let max = 0;
  for (let i = 0; i < xs.length; i++) {
    const [px, py] = centre(xs[i], ys[i]);
    lon.push(round6((px / w) * 360 - 180));
    lat.push(round6((Math.atan(Math.sinh(Math.PI * (1 - (2 * py) / w))) * 180) / Math.PI));
    total += ns[i];
    max = Math.max(max, ns[i]);
  }
  return {
    version: snapshot.version,
    shape: query.shape,
    zoom: query.zoom,
    detail: query.detail,
    cells_per_world: w,
    total,
    max,
    bins: xs.length,
    x: xs,
    y: ys,
    count: ns,
    lon,
    lat,
  };
}

// Clamped to the world: lon = 180 exactly would be column W.
const SQUARE = 'SELECT least(floor(px), $w - 1)::INTEGER AS x, least(floor(py), $w - 1)::INTEGER AS y FROM p';

// Axial (q, r) of a pointy-top hexagon of circumradius $r, rounded through cube coordinates
// (q + r + s = 0): round each, then recompute the one that moved most from the other two.
const HEX = `SELECT CASE WHEN dq > dr AND dq > ds THEN -rr - rs ELSE rq END::INTEGER AS x,
       CASE WHEN dq > dr AND dq > ds THEN rr WHEN dr > ds THEN -rq - rs ELSE rr END::INTEGER AS y
  FROM (SELECT rq, rr, rs, abs(rq - fq) AS dq, abs(rr - fr) AS dr, abs(rs - (-fq - fr)) AS ds
        FROM (SELECT fq, fr, round(fq) AS rq, round(fr) AS rr, round(-fq - fr) AS rs
              FROM (SELECT (sqrt(3) / 3 * px - py / 3.0) / $r AS fq, (2.0 / 3 * py) / $r AS fr FROM p)))`;

/** Centre of hexagon (q, r) on the plane, in cells. */
function hexCentre(q: number, r: number): [number, number] {
  return [HEX_R * Math.sqrt(3) * (q + r / 2), HEX_R * 1.5 * r];
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
