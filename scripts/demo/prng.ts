/**
 * Seeded randomness for the demo data: core's mulberry32 (the same sequence on every engine)
 * plus the few distributions the generators need.
 */
export { mulberry32 } from '@citygrid/core';

export interface Rng {
  /** Uniform in [0, 1). */
  (): number;
}

/** Standard normal deviate (Box–Muller, one of the pair). */
export function gaussian(rng: Rng): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Cumulative table of weights, for {@link pick}. */
export function cumulative(weights: readonly number[]): Float64Array {
  const c = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => {
    s += w;
    c[i] = s;
  });

  return c;
}

/** Index drawn with probability proportional to its weight (binary search on the table). */
export function pick(rng: Rng, table: Float64Array): number {
  const x = rng() * table[table.length - 1];
  let lo = 0;
  let hi = table.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (table[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
