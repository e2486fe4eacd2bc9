import { describe, expect, test } from 'vitest';
import { getisOrdGi, gridAdjacency, parseGrids } from '@citygrid/core';
import { build, fixture, loadFixture, sharedApp } from '../helper.ts';

interface Hotspots {
  version: number | null;
  value: string;
  n: number;
  mean: number;
  sd: number;
  hot: number;
  cold: number;
  grids: {
    id: string;
    count: number;
    per_km2: number;
    neighbours: number;
    z: number | null;
    p: number | null;
    class: string;
    confidence: number;
  }[];
}

const byId = (h: Hotspots) => Object.fromEntries(h.grids.map((g) => [g.id, g]));

describe('GET /api/stats/hotspots', () => {
  const app = sharedApp(loadFixture);

  // Worked by hand on counts. The 2×2 grids form a ring: A1–A2, A1–B1, A2–B2, B1–B2 share
  // borders, the diagonals only a vertex. Counts A1 2, A2 2, B1 1, B2 2: n = 4, X̄ = 1.75,
  // S = √(13/4 − 1.75²) = √0.1875 = 0.433013. Every grid has Σw = Σw² = 3 (itself and two
  // neighbours), so the denominator is S·√((4·3 − 9)/3) = S.
  //   A2 (with A1, B2): (2 + 2 + 2 − 1.75·3) / S = 0.75 / 0.433013 = 1.732051 (= √3), p = 0.0833: hot at 90 %
  //   A1 (with A2, B1), B1 (with A1, B2), B2 (with A2, B1): (5 − 5.25) / S = −0.577350
  test('matches the hand-computed Gi* of the 2×2 fixture on counts', async () => {
    const h = (await app().inject('/api/stats/hotspots?value=count')).json<Hotspots>();
    expect([h.n, h.mean, h.hot, h.cold]).toEqual([4, 1.75, 1, 0]);
    expect(h.sd).toBeCloseTo(0.433013, 6);
    const g = byId(h);
    expect(g.A2.z).toBeCloseTo(Math.sqrt(3), 6);
    expect(g.A2.p).toBeCloseTo(0.083265, 5);
    expect([g.A2.class, g.A2.confidence]).toEqual(['hot', 90]);
    for (const id of ['A1', 'B1', 'B2']) {
      expect(g[id].z).toBeCloseTo(-0.57735, 5);
      expect([g[id].class, g[id].confidence]).toEqual(['none', 0]);
    }
    expect(h.grids.map((x) => x.neighbours)).toEqual([2, 2, 2, 2]);
    expect(h.grids[0].id).toBe('A2'); // hottest first
  });

  test("on density (the default) agrees with core getisOrdGi over the grids' adjacency", async () => {
    const h = (await app().inject('/api/stats/hotspots')).json<Hotspots>();
    expect(h.value).toBe('density');
    const parsed = parseGrids(fixture('grid-2x2/grids.geojson'));
    if (!parsed.ok) throw new Error('fixture does not parse');
    const ids = parsed.gridSet.grids.map((g) => g.id);
    const g = byId(h);
    const { z } = getisOrdGi(
      ids.map((id) => g[id].per_km2),
      gridAdjacency(parsed.gridSet),
    );
    ids.forEach((id, i) => {
      expect(g[id].z).toBeCloseTo(z[i], 12);
    });
  });

  test('gives null z and p, class none, when every grid has the same value', async () => {
    const h = (await app().inject('/api/stats/hotspots?from=2030-01-01')).json<Hotspots>();
    expect(h.grids.every((x) => x.z === null && x.p === null && x.class === 'none')).toBe(true);
  });

  test('refuses an unknown value with 400', async () => {
    const res = await app().inject('/api/stats/hotspots?value=mean');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('querystring/value');
  });

  test('before any grids answers no grids', async (t) => {
    const empty = await build(t);
    const h = (await empty.inject('/api/stats/hotspots')).json<Hotspots>();
    expect([h.version, h.n, h.grids]).toEqual([null, 0, []]);
  });
});
