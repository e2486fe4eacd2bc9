import type { Report } from '@citygrid/core';
import type { Feature, FeatureCollection } from 'geojson';
import { cumulative, gaussian, mulberry32, pick, type Rng } from './prng.ts';
import { calendar, isoTime, secondOfDay, type Calendar, type TimeGroup } from './report-time.ts';
import {
  alongPolyline,
  degPerMetre,
  gridEdges,
  GridLookup,
  gridShapes,
  outlineEdges,
  pointInGrid,
  polyline,
  scatter,
  type GridShape,
  type Polyline,
} from './report-places.ts';

export interface GenerateReportsOptions {
  /** The grids (e.g. data/demo/grids.geojson); each grid's `parent` (9-digit town code) marks street offices (001–099) as dense. */
  grids: FeatureCollection;
  /**
   * Activity zones the hot spots come from (streets and markets through their centroids, a
   * background activity per zone), tiling the same area as the grids; the border reports still
   * fall on the grids' borders. The demo passes {@link activityZones} here, so that the load
   * its grids were balanced on and the reports are one field. Default: the grids themselves.
   */
  zones?: FeatureCollection;
  /** The district outline: the ~1 % "just outside" reports fall beyond it. Default: beyond the grids' union. */
  district?: Feature | null;
  /** [seed=1] PRNG seed (mulberry32): the same seed and options give the same reports. */
  seed?: number;
  /** [count=200000] Number of reports. */
  count?: number;
  /** [start='2025-12-01'] First day (Beijing time). */
  start?: string;
  /** [months=12] Length of the period in months. */
  months?: number;
}

const DEFAULTS = { seed: 1, count: 200_000, start: '2025-12-01', months: 12 } as const;

/** Share of reports of each kind of place; the rest fall uniformly in grids ("background"). */
export const REPORT_MIX = {
  /** Just outside the district (10 m – a few km): a report the platform cannot route. */
  outside: 0.01,
  /** Exactly on a border between grids: a shared vertex or the midpoint of a shared edge. */
  border: 0.005,
  /** Along a few synthetic streets through the street offices (σ 25 m across the street). */
  street: 0.3,
  /** Around markets (σ 60 m): six in the city, one per rural town on its market days. */
  market: 0.14,
} as const;

// Category weights per kind of place (codes of CASE_TYPES, GB/T 47678.5): 暴露垃圾 06010 and
// 占道经营 09006 lead overall, as in published 数字城管 monthly statistics.
const CATEGORIES = {
  street: { '09006': 25, '09009': 20, '09005': 15, '06010': 12, '07001': 10, '07003': 5, '09001': 8, '06007': 3, '06042': 2 },
  market: { '09006': 35, '09001': 20, '06010': 20, '09005': 10, '06042': 10, '06036': 5 },
  urban: {
    '06010': 25,
    '06036': 10,
    '06042': 10,
    '09009': 12,
    '07001': 10,
    '06001': 5,
    '08004': 6,
    '08016': 3,
    '06007': 6,
    '09005': 6,
    '09006': 7,
  },
  rural: { '06010': 35, '06036': 15, '06001': 12, '08016': 8, '08004': 8, '06042': 8, '09006': 6, '09009': 3, '07001': 3 },
} as const;
// 道路积雪、结冰 (10001): a small share of street reports, only on a few winter days.
const SNOW_SHARE = 0.012;
type Place = keyof typeof CATEGORIES | 'outside';

// Sources (REPORT_SOURCES) by place: patrols dominate in town, the public reports the rest;
// outside the district almost only the public (a phone's position, a hotline address).
const SOURCES = ['patrol', '12345', 'app', 'wechat'] as const;
const SOURCE_WEIGHTS: Record<Place, Float64Array> = {
  street: cumulative([35, 30, 20, 15]),
  market: cumulative([40, 30, 15, 15]),
  urban: cumulative([35, 30, 20, 15]),
  rural: cumulative([45, 32, 10, 13]),
  outside: cumulative([5, 45, 30, 20]),
};

/**
 * Synthetic geotagged reports (案件上报) for the demo city, seeded and fast (200,000 in well
 * under a second). Realistic structure, not real data: hot spots along a few streets through
 * the street offices and around markets, far more reports per km² in street offices than in
 * rural towns, a daily rhythm per source, more vending at weekends, seasonal sanitation and
 * construction-dust peaks, a dip at the Spring Festival, snow reports on a few winter days;
 * about 1 % just outside the district and 0.5 % exactly on grid borders. Times are Beijing
 * time (`+08:00`); reports are sorted by time, ids `R0000001`….
 * @example generateReports({ grids, district, seed: 1, count: 1000 })[0].category // '09006'
 */
export function generateReports(options: GenerateReportsOptions): Report[] {
  const { seed = DEFAULTS.seed, count = DEFAULTS.count, start = DEFAULTS.start, months = DEFAULTS.months } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`reports: count must be a whole number ≥ 0, got ${count}`);
  const rng = mulberry32(seed);
  const world = prepare(options.grids, options.zones ?? options.grids, options.district, rng);
  const cal = calendar(start, months, rng);
  const lon = new Float64Array(count),
    lat = new Float64Array(count),
    time = new Float64Array(count);
  const category: string[] = new Array(count);
  const source: string[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const r = placeReport(world, cal, rng);
    [lon[i], lat[i], category[i], source[i]] = [r.lon, r.lat, r.category, SOURCES[pick(rng, SOURCE_WEIGHTS[r.place])]];
    time[i] = r.day * 86_400 + secondOfDay(source[i], rng);
  }
  const order = Uint32Array.from({ length: count }, (_, i) => i).sort((a, b) => time[a] - time[b] || a - b);
  const width = Math.max(7, String(count).length);
  return Array.from(order, (i, n) => ({
    id: `R${String(n + 1).padStart(width, '0')}`,
    lon: lon[i],
    lat: lat[i],
    category: category[i],
    source: source[i],
    created_at: isoTime(cal.dates[Math.floor(time[i] / 86_400)], time[i] % 86_400),
  }));
}

interface World {
  shapes: GridShape[];
  lookup: GridLookup;
  /** Cumulative background weight per grid. */
  background: Float64Array;
  streets: Polyline[];
  markets: Array<{ at: [number, number]; cycle: number | null }>;
  marketWeights: Float64Array;
  outline: number[][];
  outlineWeights: Float64Array;
  borders: number[][];
  categories: Record<keyof typeof CATEGORIES, { codes: string[]; table: Float64Array }>;
}

function prepare(grids: FeatureCollection, zones: FeatureCollection, district: Feature | null | undefined, rng: Rng): World {
  const shapes = gridShapes(zones);
  if (shapes.length === 0) throw new RangeError('reports: no grids to place reports in');
  // Street offices get 4× the reports of a rural grid; each grid its own activity (log-normal).
  const background = cumulative(shapes.map((s) => (s.urban ? 4 : 1) * Math.exp(0.6 * gaussian(rng))));
  const urban = shapes.filter((s) => s.urban);
  const pool = urban.length >= 2 ? urban : shapes;
  const streets = Array.from({ length: 5 }, (_, i) => street(pool, i, rng));
  const rural = [...new Set(shapes.filter((s) => !s.urban).map((s) => s.town))];
  const markets = [
    ...Array.from({ length: 6 }, () => ({ at: pool[Math.floor(rng() * pool.length)].centroid, cycle: null })),
    ...rural.map((town, i) => {
      const inTown = shapes.filter((s) => s.town === town);
      return { at: inTown[Math.floor(rng() * inTown.length)].centroid, cycle: i % 3 };
    }),
  ];
  const outline = outlineEdges(grids, district);
  const categories = Object.fromEntries(
    Object.entries(CATEGORIES).map(([place, weights]) => [
      place,
      { codes: Object.keys(weights), table: cumulative(Object.values(weights)) },
    ]),
  ) as World['categories'];
  return {
    shapes,
    lookup: new GridLookup(shapes),
    background,
    streets,
    markets,
    marketWeights: cumulative(markets.map((m) => (m.cycle === null ? 3 : 1))),
    outline,
    outlineWeights: cumulative(outline.map((e) => Math.hypot(e[2] - e[0], e[3] - e[1]))),
    borders: gridEdges(grids).shared,
    categories,
  };
}

/**
 * A street: a gently bending line through the street offices, from the first to the last
 * street-office grid it passes near. Street 0 runs roughly west–east through the middle of
 * them (the riverside avenue along the Han); the others cross at random angles.
 */
function street(pool: GridShape[], index: number, rng: Rng): Polyline {
  const mean: [number, number] = [0, 1].map((k) => pool.reduce((s, g) => s + g.centroid[k], 0) / pool.length) as [number, number];
  const anchor = index === 0 ? mean : pool[Math.floor(rng() * pool.length)].centroid;
  const theta = index === 0 ? (rng() - 0.5) * 0.4 : rng() * Math.PI;
  const [kx, ky] = degPerMetre(anchor[1]);
  const [cx, cy] = [Math.cos(theta), Math.sin(theta)];
  const sizes = pool.map((g) => Math.sqrt(((g.bbox[2] - g.bbox[0]) / kx) * ((g.bbox[3] - g.bbox[1]) / ky))).sort((a, b) => a - b);
  const typical = sizes[Math.floor(sizes.length / 2)];
  const along = pool
    .map((g) => [(g.centroid[0] - anchor[0]) / kx, (g.centroid[1] - anchor[1]) / ky])
    .filter(([x, y]) => Math.abs(-x * cy + y * cx) < typical)
    .map(([x, y]) => x * cx + y * cy);
  const [from, to] = along.length ? [Math.min(...along) - typical / 2, Math.max(...along) + typical / 2] : [-typical, typical];
  const points: Array<[number, number]> = [];
  // A vertex every ~400 m, drifting sideways as a random walk (σ 40 m a step).
  let side = 0;
  const steps = Math.max(2, Math.ceil((to - from) / 400));
  for (let i = 0; i <= steps; i++) {
    const a = from + ((to - from) * i) / steps;
    side += 40 * gaussian(rng);
    points.push([anchor[0] + (a * cx - side * cy) * kx, anchor[1] + (a * cy + side * cx) * ky]);
  }
  return polyline(points);
}

interface Placed {
  lon: number;
  lat: number;
  category: string;
  place: Place;
  day: number;
}

function placeReport(w: World, cal: Calendar, rng: Rng): Placed {
  const u = rng();
  const mix = REPORT_MIX;
  if (u < mix.outside) return timed(w, cal, rng, outsidePoint(w, rng), 'outside');
  if (u < mix.outside + mix.border) return timed(w, cal, rng, borderPoint(w, rng), 'urban', true);
  if (u < mix.outside + mix.border + mix.street) {
    const p = inside(w, () => alongPolyline(w.streets[Math.floor(rng() * w.streets.length)], 25, rng), rng);
    if (rng() < SNOW_SHARE)
      return { lon: round7(p[0]), lat: round7(p[1]), category: '10001', place: 'street', day: pick(rng, cal.days.snow) };
    return timed(w, cal, rng, p, 'street');
  }
  if (u < mix.outside + mix.border + mix.street + mix.market) {
    const m = w.markets[pick(rng, w.marketWeights)];
    const p = inside(w, () => scatter(m.at, 60, rng), rng);
    const placed = timed(w, cal, rng, p, 'market');
    if (m.cycle !== null) placed.day = pick(rng, cal.marketDays[m.cycle]);
    return placed;
  }
  const s = w.shapes[pick(rng, w.background)];
  return timed(w, cal, rng, pointInGrid(s, rng), s.urban ? 'urban' : 'rural');
}

/** Category for the place, and a day from that category's calendar. */
function timed(w: World, cal: Calendar, rng: Rng, p: [number, number], place: Place, exact = false): Placed {
  const table = w.categories[place === 'outside' ? 'urban' : place];
  const category = table.codes[pick(rng, table.table)];
  const day = pick(rng, cal.days[timeGroup(category)]);
  return { lon: exact ? p[0] : round7(p[0]), lat: exact ? p[1] : round7(p[1]), category, place, day };
}

function timeGroup(code: string): TimeGroup {
  if (code === '10001') return 'snow';
  return ({ '06': 'sanitation', '07': 'advertising', '08': 'construction', '09': 'street' } as const)[code.slice(0, 2)] ?? 'sanitation';
}

/** A hot-spot point that lands in some grid (retried; else a grid's centroid). */
function inside(w: World, sample: () => [number, number], rng: Rng): [number, number] {
  for (let i = 0; i < 20; i++) {
    const p = sample();
    if (w.lookup.find(round7(p[0]), round7(p[1])) >= 0) return p;
  }
  return pointInGrid(w.shapes[Math.floor(rng() * w.shapes.length)], rng);
}

/** 10 m to a few km beyond the outline (exponential, mean 400 m), in no grid. */
function outsidePoint(w: World, rng: Rng): [number, number] {
  for (let i = 0; i < 50; i++) {
    const [ax, ay, bx, by] = w.outline[pick(rng, w.outlineWeights)];
    const t = rng();
    const [kx, ky] = degPerMetre(ay);
    const len = Math.hypot((bx - ax) / kx, (by - ay) / ky) || 1;
    const d = 10 - 400 * Math.log(1 - rng());
    // Right of a→b is outside (area on the left).
    const p: [number, number] = [
      ax + t * (bx - ax) + ((d * ((by - ay) / ky)) / len) * kx,
      ay + t * (by - ay) - ((d * ((bx - ax) / kx)) / len) * ky,
    ];
    if (w.lookup.find(round7(p[0]), round7(p[1])) < 0) return p;
  }
  const [x0, y0] = w.shapes[0].bbox;
  return [x0 - 0.05, y0 - 0.05];
}

/** A shared vertex or the midpoint of a shared edge between two grids (values not rounded). */
function borderPoint(w: World, rng: Rng): [number, number] {
  if (w.borders.length === 0) return w.shapes[0].centroid;
  const [ax, ay, bx, by] = w.borders[Math.floor(rng() * w.borders.length)];
  return rng() < 0.5 ? [ax, ay] : [(ax + bx) / 2, (ay + by) / 2];
}

function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}
