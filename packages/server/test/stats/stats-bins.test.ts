import { describe, expect, test } from 'vitest';
import { mulberry32 } from '@citygrid/core';
import { buildWithGrids, fixtureReports, loadFixture, sharedApp } from '../helper.ts';

interface Bins {
  shape: string;
  zoom: number;
  detail: number;
  cells_per_world: number;
  total: number;
  max: number;
  bins: number;
  x: number[];
  y: number[];
  count: number[];
  lon: number[];
  lat: number[];
}

/** Web Mercator world coordinates in cells, straight from the tile formulas (slippy-map convention). */
function plane(lon: number, lat: number, w: number): [number, number] {
  const phi = (lat * Math.PI) / 180;
  return [((lon + 180) / 360) * w, ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * w];
}

const HEX_R = Math.sqrt(2 / (3 * Math.sqrt(3)));
const hexCentre = (q: number, r: number): [number, number] => [HEX_R * Math.sqrt(3) * (q + r / 2), HEX_R * 1.5 * r];

/**
 * The hexagon holding a point, by brute force: the nearest centre among the hexagons around a
 * rough guess. Independent of the cube rounding the server does.
 */
function nearestHex(px: number, py: number): [number, number] {
  const r0 = Math.round(py / (1.5 * HEX_R));
  const q0 = Math.round(px / (Math.sqrt(3) * HEX_R) - r0 / 2);
  let best: [number, number] = [q0, r0];
  let bestD = Infinity;
  for (let dq = -2; dq <= 2; dq++)
    for (let dr = -2; dr <= 2; dr++) {
      const [cx, cy] = hexCentre(q0 + dq, r0 + dr);
      const d = Math.hypot(px - cx, py - cy);
      if (d < bestD) [best, bestD] = [[q0 + dq, r0 + dr], d];
    }
  return best;
}

/** `{ "x,y": count }` of an answer. */
const cells = (b: Bins) => Object.fromEntries(b.x.map((x, i) => [`${x},${y(b, i)}`, b.count[i]]));
const y = (b: Bins, i: number) => b.y[i];

/** The same tally computed in the test from the points. */
function tally(points: { lon: number; lat: number }[], cell: (lon: number, lat: number) => [number, number]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of points) {
    const key = cell(p.lon, p.lat).join(',');
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

describe('GET /api/stats/bins', () => {
  const app = sharedApp(loadFixture);
  const points = fixtureReports().inputs;

  test.for([
    [12, 5],
    [14, 5],
    [15, 8],
    [3, 0],
  ] as const)('square bins at zoom %i, detail %i are the tile-pixel cells of every report', async ([zoom, detail]) => {
    const b = (await app().inject(`/api/stats/bins?zoom=${zoom}&detail=${detail}`)).json<Bins>();
    const w = 2 ** (zoom + detail);
    expect(b.cells_per_world).toBe(w);
    expect(cells(b)).toEqual(tally(points, (lon, lat) => plane(lon, lat, w).map(Math.floor) as [number, number]));
    expect([b.total, b.bins, b.max]).toEqual([8, b.x.length, Math.max(...b.count)]);
    for (let i = 0; i < b.bins; i++) {
      // The centre lies in its own cell.
      const [px, py] = plane(b.lon[i], b.lat[i], w);
      expect([Math.floor(px), Math.floor(py)]).toEqual([b.x[i], b.y[i]]);
    }
  });

  test.for([12, 14, 16] as const)('hex bins at zoom %i hold each report in the hexagon with the nearest centre', async (zoom) => {
    const b = (await app().inject(`/api/stats/bins?zoom=${zoom}&shape=hex`)).json<Bins>();
    const w = 2 ** (zoom + 5);
    expect(cells(b)).toEqual(tally(points, (lon, lat) => nearestHex(...plane(lon, lat, w))));
    for (let i = 0; i < b.bins; i++) {
      const [cx, cy] = hexCentre(b.x[i], b.y[i]);
      const [px, py] = plane(b.lon[i], b.lat[i], w);
      expect(px).toBeCloseTo(cx, 2);
      expect(py).toBeCloseTo(cy, 2);
    }
  });

  test('filters by bbox, time and category like the other report endpoints', async () => {
    const b = (await app().inject('/api/stats/bins?zoom=14&bbox=109.0,32.68,109.009,32.689&category=06010,09006')).json<Bins>();
    expect(b.total).toBe(2); // r1, r2
    const none = (await app().inject('/api/stats/bins?zoom=14&from=2030-01-01')).json<Bins>();
    expect([none.total, none.bins, none.x]).toEqual([0, 0, []]);
  });

  test('answers little-endian Int32 triplets [x, y, count] for Accept: application/octet-stream', async () => {
    const json = (await app().inject('/api/stats/bins?zoom=14')).json<Bins>();
    const res = await app().inject({ url: '/api/stats/bins?zoom=14', headers: { accept: 'application/octet-stream' } });
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['x-citygrid-count']).toBe(String(json.bins));
    const raw = res.rawPayload;
    const triplets = Array.from({ length: raw.length / 4 }, (_, i) => raw.readInt32LE(4 * i));
    expect(triplets).toEqual(json.x.flatMap((x, i) => [x, json.y[i], json.count[i]]));
  });

  test.for([
    ['no zoom', '', 'querystring'],
    ['zoom over 22', 'zoom=23', 'querystring/zoom'],
    ['zoom + detail over 30', 'zoom=22&detail=9', 'querystring/detail'],
    ['a bad shape', 'zoom=3&shape=triangle', 'querystring/shape'],
    ['a bad bbox', 'zoom=3&bbox=1,2,3', 'querystring/bbox'],
  ] as const)('refuses %s with 400', async ([, query, name]) => {
    const res = await app().inject(`/api/stats/bins?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(name);
  });

  test('bins 100,000 seeded reports: counts add up and every report is in its tile-pixel cell', async (t) => {
    const app = await buildWithGrids(t);
    const rng = mulberry32(3);
    const reports = Array.from({ length: 100_000 }, (_, i) => ({
      id: `b${i}`,
      lon: 108.99 + rng() * 0.04,
      lat: 32.67 + rng() * 0.04,
      category: '06010',
      source: 'app',
      created_at: '2024-06-01T00:00:00Z',
    }));
    await app.store.insertReportsBulk(reports);
    for (const shape of ['square', 'hex']) {
      const b = (await app.inject(`/api/stats/bins?zoom=13&detail=6&shape=${shape}`)).json<Bins>();
      expect(b.total).toBe(100_000);
      const w = 2 ** 19;
      const expected =
        shape === 'square'
          ? tally(reports, (lon, lat) => plane(lon, lat, w).map(Math.floor) as [number, number])
          : tally(reports, (lon, lat) => nearestHex(...plane(lon, lat, w)));
      expect(cells(b)).toEqual(expected);
    }
  }, 60_000);
});
