import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Position } from 'geojson';
import { gridAdjacency, parseGrids, type Grid, type GridAdjacency, type GridGeometry } from '../../src/index.ts';
import { perimeter } from '../../src/geom/perimeter.ts';
import { gridSetOf } from '../coverage/grid-set.ts';
import { vincentyDistance } from '../crs/geodesic.ts';
import { voronoiTiling } from '../support/voronoi-tiling.ts';

/** `{ neighbourId: metres }` of grid `id`. */
function around(adj: GridAdjacency, id: string): Record<string, number> {
  const i = adj.ids.indexOf(id);
  const out: Record<string, number> = {};
  for (let k = adj.offsets[i]; k < adj.offsets[i + 1]; k++) out[adj.ids[adj.neighbours[k]]] = adj.length_m[k];
  return out;
}

function grid(id: string, geometry: GridGeometry): Grid {
  return { id, name: id, level: 3, parent: null, properties: {}, geometry, bbox: [0, 0, 0, 0], area_m2: 0 };
}

const square = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

describe('gridAdjacency', () => {
  const parsed = parseGrids(readFileSync(resolve(import.meta.dirname, '../fixtures/tiling-2x2.geojson'), 'utf8'));
  if (!parsed.ok) throw new Error('fixture invalid');
  const adj = gridAdjacency(parsed.gridSet);
  // 2×2 squares of 0.01°: …002 SW, …001 SE, …004 NW, …003 NE.
  const [SW, SE, NW, NE] = ['610902001001002', '610902001001001', '610902001001004', '610902001001003'];

  test('links grids sharing an edge, with the shared length in metres, and not grids meeting at a vertex', () => {
    // The borders meet at (109.01, 32.71): the vertical ones are 0.01° of latitude, the
    // horizontal ones 0.01° of longitude at 32.71° N; Vincenty is the independent reference.
    const vertical = vincentyDistance(109.01, 32.7, 109.01, 32.71);
    const horizontal = vincentyDistance(109.0, 32.71, 109.01, 32.71);
    expect(Object.keys(around(adj, SW)).sort()).toEqual([NW, SE].sort());
    expect(around(adj, SW)[SE]).toBeCloseTo(vertical, 3);
    expect(around(adj, SW)[NW]).toBeCloseTo(horizontal, 3);
    expect(around(adj, NE)).not.toHaveProperty(SW); // diagonal: one shared vertex only
    expect(around(adj, SE)).not.toHaveProperty(NW);
    expect(adj.neighbours.length).toBe(8); // four borders, each listed from both sides
  });

  test('is symmetric, lists neighbours in ascending index order and keeps the input order of ids', () => {
    expect(adj.ids).toEqual(parsed.gridSet.grids.map((g) => g.id));
    for (let i = 0; i < adj.ids.length; i++) {
      for (let k = adj.offsets[i]; k < adj.offsets[i + 1]; k++) {
        const j = adj.neighbours[k];
        if (k > adj.offsets[i]) expect(adj.neighbours[k - 1]).toBeLessThan(j);
        expect(around(adj, adj.ids[j])[adj.ids[i]]).toBe(adj.length_m[k]);
      }
    }
  });

  test.for([
    ["a grid in another grid's hole neighbours it along the whole hole", 'hole'],
    ['a MultiPolygon neighbours the grids each of its parts touches', 'multi'],
  ] as const)('%s', ([, kind]) => {
    if (kind === 'hole') {
      const outer = grid('O', { type: 'Polygon', coordinates: [square(0, 0, 0.03, 0.03), [...square(0.01, 0.01, 0.02, 0.02)].reverse()] });
      const inner = grid('I', { type: 'Polygon', coordinates: [square(0.01, 0.01, 0.02, 0.02)] });
      const a = gridAdjacency([outer, inner]);
      expect(around(a, 'I').O).toBeCloseTo(perimeter(inner.geometry), 6);
    } else {
      const multi = grid('M', { type: 'MultiPolygon', coordinates: [[square(0, 0, 1e-3, 1e-3)], [square(5e-3, 0, 6e-3, 1e-3)]] });
      const left = grid('L', { type: 'Polygon', coordinates: [square(-1e-3, 0, 0, 1e-3)] });
      const right = grid('R', { type: 'Polygon', coordinates: [square(6e-3, 0, 7e-3, 1e-3)] });
      const a = gridAdjacency([multi, left, right]);
      expect(Object.keys(around(a, 'M')).sort()).toEqual(['L', 'R']);
      expect(around(a, 'L')).toEqual({ M: expect.any(Number) });
    }
  });

  test('does not link grids whose border is not vertex-identical (a T-junction): validateCoverage reports those as edge-mismatch', () => {
    const left = grid('L', { type: 'Polygon', coordinates: [square(0, 0, 1e-3, 2e-3)] });
    // The right grid's west side has a vertex at (1e-3, 1e-3) that the left grid lacks.
    const right = grid('R', {
      type: 'Polygon',
      coordinates: [
        [
          [1e-3, 0],
          [2e-3, 0],
          [2e-3, 2e-3],
          [1e-3, 2e-3],
          [1e-3, 1e-3],
          [1e-3, 0],
        ],
      ],
    });
    expect(gridAdjacency([left, right]).neighbours.length).toBe(0);
  });

  test('drops borders shorter than minLength_m', () => {
    // North–south borders are ~1,109 m, east–west ones ~937 m: only the first two remain.
    const long = gridAdjacency(parsed.gridSet, { minLength_m: 1000 });
    expect(Object.keys(around(long, SW))).toEqual([SE]);
    expect(Object.keys(around(long, NW))).toEqual([NE]);
    expect(long.neighbours.length).toBe(4);
  });

  test('refuses a negative minLength_m', () => {
    expect(() => gridAdjacency(parsed.gridSet, { minLength_m: -1 })).toThrow(/minLength_m/);
  });

  test("on a Voronoi tiling every grid's shared borders and outer edges add up to its perimeter", () => {
    const fc = voronoiTiling({ grids: 300, seed: 7 });
    const set = gridSetOf(fc);
    const a = gridAdjacency(set);
    const [x0, y0, x1, y1] = [109.0, 32.7, 109.5, 33.2];
    set.grids.forEach((g, i) => {
      let shared = 0;
      for (let k = a.offsets[i]; k < a.offsets[i + 1]; k++) shared += a.length_m[k];
      expect(shared + outerLength(g.geometry, [x0, y0, x1, y1])).toBeCloseTo(perimeter(g.geometry), 3);
    });
  });
});

/** Length of the edges of `geometry` lying on the sides of `bbox`. */
function outerLength(geometry: GridGeometry, [x0, y0, x1, y1]: [number, number, number, number]): number {
  let total = 0;
  const onSide = (a: Position, b: Position) =>
    (a[0] === b[0] && (a[0] === x0 || a[0] === x1)) || (a[1] === b[1] && (a[1] === y0 || a[1] === y1));
  for (const polygon of geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) {
    for (const ring of polygon) {
      for (let i = 0; i + 1 < ring.length; i++)
        if (onSide(ring[i], ring[i + 1])) total += perimeter({ type: 'Polygon', coordinates: [[ring[i], ring[i + 1]]] });
    }
  }
  return total;
}
