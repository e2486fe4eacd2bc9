import fc from 'fast-check';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import * as polyclip from 'polyclip-ts';
import { orient2d } from 'robust-predicates';
import { describe, expect, it } from 'vitest';
import { interiorsDisjoint } from '../../src/coverage/disjoint.ts';

const poly = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings.map((r) => [...r, r[0]]) });
const square = (x: number, y: number, s = 1): Position[] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
];

describe('interiorsDisjoint (proves a pair needs no clipping)', () => {
  it('proves neighbours sharing a border, or apart, or touching at a corner', () => {
    expect(interiorsDisjoint(poly(square(0, 0)), poly(square(1, 0)))).toBe(true);
    expect(interiorsDisjoint(poly(square(0, 0)), poly(square(3, 0)))).toBe(true);
    expect(interiorsDisjoint(poly(square(0, 0)), poly(square(1, 1)))).toBe(true);
  });

  it('does not prove overlapping, nested, identical or T-junction pairs', () => {
    expect(interiorsDisjoint(poly(square(0, 0)), poly(square(0.5, 0.5)))).toBe(false); // crossing
    expect(interiorsDisjoint(poly(square(0, 0, 4)), poly(square(1, 1)))).toBe(false); // inside, no contact
    expect(interiorsDisjoint(poly(square(0, 0)), poly(square(0, 0)))).toBe(false); // the same area
    expect(
      interiorsDisjoint(
        poly(square(0, 0)),
        poly([
          [1, 0],
          [2, 0],
          [2, 1],
          [1, 1],
          [1, 0.5],
        ]),
      ),
    ).toBe(false); // T-junction
    expect(
      interiorsDisjoint(
        poly(square(0, 0, 2)),
        poly([
          [0, 0],
          [2, 0],
          [2, 2],
        ]),
      ),
    ).toBe(false); // a chord between shared vertices
    // An enclave drawn exactly as the other's hole is apart, but every edge is shared: clipped, not proved.
    expect(interiorsDisjoint(poly(square(0, 0, 3), [...square(1, 1)].reverse()), poly(square(1, 1)))).toBe(false);
  });

  it('proves a two-part polygon apart from a neighbour of one part', () => {
    const two: MultiPolygon = { type: 'MultiPolygon', coordinates: [poly(square(0, 0)).coordinates, poly(square(5, 0)).coordinates] };
    expect(interiorsDisjoint(two, poly(square(1, 0)))).toBe(true);
    expect(interiorsDisjoint(two, poly(square(5.5, 0.5)))).toBe(false);
  });

  it('never proves a pair whose clipped intersection has area (random convex polygons on a coarse lattice)', () => {
    const pt = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }));
    const convex = fc
      .array(pt, { minLength: 3, maxLength: 8 })
      .map(hull)
      .filter((h) => h.length >= 3);
    fc.assert(
      fc.property(convex, convex, (p, q) => {
        if (!interiorsDisjoint(poly(p), poly(q))) return;
        const pieces = polyclip.intersection([[...p, p[0]]] as polyclip.Geom, [[...q, q[0]]] as polyclip.Geom) as Position[][][];
        expect(pieces.reduce((s, rings) => s + Math.abs(area(rings[0])), 0)).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });
});

/** Convex hull, counter-clockwise, no collinear points (monotone chain). */
function hull(points: Array<[number, number]>): Position[] {
  const ps = [...new Map(points.map((p) => [`${p[0]},${p[1]}`, p])).values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const half = (list: Array<[number, number]>) => {
    const out: Array<[number, number]> = [];
    for (const p of list) {
      while (
        out.length >= 2 &&
        orient2d(out[out.length - 2][0], out[out.length - 2][1], out[out.length - 1][0], out[out.length - 1][1], p[0], p[1]) >= 0
      )
        out.pop();
      out.push(p);
    }
    return out.slice(0, -1);
  };
  return [...half(ps), ...half([...ps].reverse())];
}

function area(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}
