import { describe, expect, it } from 'vitest';
import { exactInscribedCircle } from '../../src/coverage/faces/exact-inscribed-circle.ts';
import { inscribedWidth } from '../../src/coverage/faces/inscribed-width.ts';
import { metresPerDegree } from '../../src/geom/local-metres.ts';

// Rings in local metres; each row: why, rings, the largest inscribed circle's radius.
const cases: Array<[string, number[][][], number]> = [
  [
    'a 3-4-5 triangle: inradius (a + b − c) / 2',
    [
      [
        [0, 0],
        [4, 0],
        [0, 3],
        [0, 0],
      ],
    ],
    1,
  ],
  [
    'a 2 km × 6 cm strip drawn clockwise: half its width',
    [
      [
        [0, 0],
        [0, 0.06],
        [2000, 0.06],
        [2000, 0],
        [0, 0],
      ],
    ],
    0.03,
  ],
  // Centre (r, r) in the outer corner, touching the reflex vertex (1, 1): √2 (1 − r) = r.
  [
    'an L of arms 1 m wide: wider than an arm at its corner',
    [
      [
        [0, 0],
        [4, 0],
        [4, 1],
        [1, 1],
        [1, 4],
        [0, 4],
        [0, 0],
      ],
    ],
    Math.SQRT2 / (1 + Math.SQRT2),
  ],
  // The same in a corner of the square, touching the hole's corner (4, 4).
  [
    "a 10 m square with a 2 m hole in the middle: in a corner, touching the hole's corner",
    [
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ],
      [
        [4, 4],
        [4, 6],
        [6, 6],
        [6, 4],
        [4, 4],
      ],
    ],
    (4 * Math.SQRT2) / (1 + Math.SQRT2),
  ],
];

describe('exactInscribedCircle', () => {
  it.each(cases)('%s', (_, rings, r) => {
    expect(exactInscribedCircle(rings)!.r).toBeCloseTo(r, 9);
  });

  it('gives up (null) above MAX_EXACT_SITES sites', () => {
    const ring = Array.from({ length: 200 }, (_, i) => [Math.cos((i * 2 * Math.PI) / 200), Math.sin((i * 2 * Math.PI) / 200)]);
    expect(exactInscribedCircle([[...ring, ring[0]]])).toBeNull();
  });
});

describe('inscribedWidth', () => {
  it('measures a 2 km × 1.5 cm sliver exactly and fast (the quadtree search alone hit its 200k-cell cap)', () => {
    const { kx, ky } = metresPerDegree(32.7);
    const [l, d] = [2000 / kx, 0.015 / ky];
    const t0 = performance.now();
    const { width_m } = inscribedWidth([
      [
        [109, 32.7],
        [109 + l, 32.7],
        [109 + l, 32.7 + d],
        [109, 32.7 + d],
        [109, 32.7],
      ],
    ]);
    expect(width_m).toBeCloseTo(0.015, 6);
    expect(performance.now() - t0).toBeLessThan(200); // was 1.5 s
  });
});
