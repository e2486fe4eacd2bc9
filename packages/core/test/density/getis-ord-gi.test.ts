import { describe, expect, test } from 'vitest';
import { getisOrdGi } from '../../src/index.ts';

/** CSR adjacency from neighbour lists. */
function csr(lists: number[][]): { offsets: Int32Array; neighbours: Int32Array } {
  const offsets = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => {
    offsets[i + 1] = offsets[i] + l.length;
  });

  return { offsets, neighbours: Int32Array.from(lists.flat()) };
}

// A row of three grids A – B – C with values 1, 2, 6, worked by hand:
// n = 3, X̄ = 3, Σx² = 41, S = √(41/3 − 9) = √(14/3) = 2.160247.
// C: neighbours {B, C} (self included): Σwx = 8, Σw = Σw² = 2;
//    numerator 8 − 3·2 = 2; √((3·2 − 2²)/2) = 1; Gi* = 2 / 2.160247 = 0.925820.
// A: {A, B}: Σwx = 3, numerator 3 − 6 = −3 → −1.388730.
// B: {A, B, C}: Σw = 3 = n, so (n·3 − 9)/2 = 0: undefined (B sees everything).
const ROW = csr([[1], [0, 2], [1]]);

describe('getisOrdGi', () => {
  test('matches the hand-computed z-scores of a row of three grids', () => {
    const { z, p } = getisOrdGi([1, 2, 6], ROW);
    expect(z[2]).toBeCloseTo(0.92582, 5);
    expect(z[0]).toBeCloseTo(-1.38873, 5);
    expect(z[1]).toBeNaN();
    // p two-sided: 2·(1 − Φ(0.92582)) = 0.35454
    expect(p[2]).toBeCloseTo(0.35454, 4);
  });

  // A 5×5 lattice (rook neighbours) with a 2×2 block of 10 in the north-west corner, 0 elsewhere.
  const lattice = (() => {
    const lists: number[][] = [];
    for (let r = 0; r < 5; r++)
      for (let c = 0; c < 5; c++) {
        const l: number[] = [];
        if (r > 0) l.push((r - 1) * 5 + c);
        if (c > 0) l.push(r * 5 + c - 1);
        if (c < 4) l.push(r * 5 + c + 1);
        if (r < 4) l.push((r + 1) * 5 + c);
        lists.push(l);
      }
    return csr(lists);
  })();
  const values: number[] = Array.from({ length: 25 }, (_, i) => (Math.floor(i / 5) < 2 && i % 5 < 2 ? 10 : 0));

  test('agrees with the formula written out with a dense weight matrix', () => {
    const { z } = getisOrdGi(values, lattice);
    const n = 25;
    const mean = values.reduce((a, b) => a + b) / n;
    const s = Math.sqrt(values.reduce((a, b) => a + b * b, 0) / n - mean * mean);
    for (let i = 0; i < n; i++) {
      const w: number[] = Array.from({ length: n }, (_, j) =>
        j === i || Array.from(lattice.neighbours.subarray(lattice.offsets[i], lattice.offsets[i + 1])).includes(j) ? 1 : 0,
      );
      const sw = w.reduce((a, b) => a + b);
      const sw2 = w.reduce((a, b) => a + b * b, 0);
      const num = w.reduce((a, wj, j) => a + wj * values[j], 0) - mean * sw;
      expect(z[i]).toBeCloseTo(num / (s * Math.sqrt((n * sw2 - sw * sw) / (n - 1))), 10);
    }
  });

  test('classifies the block as a hot spot and far corners as not hot', () => {
    const { z, confidence } = getisOrdGi(values, lattice);
    expect(confidence[0]).toBe(99); // the corner of the block: itself and both neighbours are 10
    expect(z[0]).toBeGreaterThan(2.576);
    expect(confidence[24]).toBeLessThanOrEqual(0);
    const negated = getisOrdGi(
      values.map((v) => -v),
      lattice,
    );
    expect(negated.confidence[0]).toBe(-99); // a cold spot mirrors a hot one
    expect(negated.z[0]).toBeCloseTo(-z[0], 12);
  });

  test('answers NaN, not a division by zero, when every value is the same', () => {
    const { z, p, confidence } = getisOrdGi([3, 3, 3], ROW);
    expect([...z].every(Number.isNaN)).toBe(true);
    expect([...p].every(Number.isNaN)).toBe(true);
    expect([...confidence]).toEqual([0, 0, 0]);
  });

  test('refuses a value count that does not match the adjacency, and non-finite values', () => {
    expect(() => getisOrdGi([1, 2], ROW)).toThrow(/expected 3 values/);
    expect(() => getisOrdGi([1, NaN, 2], ROW)).toThrow(/value 1/);
  });
});
