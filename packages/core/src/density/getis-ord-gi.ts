import type { GridAdjacency } from '../topology/grid-adjacency.ts';
import { CitygridError } from '../errors.ts';

/** Gi* per grid: z-score, two-sided p-value and the confidence of a hot or cold spot. */
export interface GiStar {
  /** Standardised Gi*; NaN where it is undefined (all values equal, or fewer than 2 grids, or a grid adjacent to all others). */
  z: Float64Array;
  /** Two-sided p-value of `z` under the normal approximation; NaN with `z`. */
  p: Float64Array;
  /** +99/+95/+90 hot spot, −99/−95/−90 cold spot at that confidence (p < 0.01/0.05/0.10), 0 neither. */
  confidence: Int8Array;
}

/**
 * The Getis–Ord Gi* statistic ("G-i-star", Ord & Getis 1995) of one value per grid, with
 * binary contiguity weights that include the grid itself: w_ij = 1 when j = i or j shares a
 * border with i, else 0. For grid i, with n grids, mean X̄ and S = √(Σx²/n − X̄²):
 *
 *   Gi* = (Σ_j w_ij x_j − X̄ Σ_j w_ij) / (S √((n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1)))
 *
 * which is already a z-score. A high positive z means the grid *and its neighbours* hold high
 * values: a cluster, not a single high grid. p is two-sided from the standard normal.
 *
 * @param values one number per grid, in the adjacency's grid order (counts, or per-km² densities)
 * @param adjacency the grids' CSR adjacency ({@link gridAdjacency}); only offsets and neighbours are read
 * @returns z, p and confidence per grid
 * @example
 * const { z, confidence } = getisOrdGi(counts, gridAdjacency(gridSet));
 */
export function getisOrdGi(values: ArrayLike<number>, adjacency: Pick<GridAdjacency, 'offsets' | 'neighbours'>): GiStar {
  const n = values.length;
  if (adjacency.offsets.length !== n + 1)
    throw CitygridError.of('CG_ERR_OPTION', {}, `expected ${adjacency.offsets.length - 1} values, one per grid of the adjacency, got ${n}`);
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) throw CitygridError.of('CG_ERR_OPTION', {}, `value ${i} is not a finite number: ${x}`);
    sum += x;
    sum2 += x * x;
  }
  const mean = sum / n;
  const s = Math.sqrt(Math.max(0, sum2 / n - mean * mean));
  const z = new Float64Array(n).fill(NaN);
  const p = new Float64Array(n).fill(NaN);
  const confidence = new Int8Array(n);
  if (n < 2 || !(s > 0)) return { z, p, confidence };
  const { offsets, neighbours } = adjacency;
  for (let i = 0; i < n; i++) {
    let local = values[i]; // w_ii = 1
    for (let k = offsets[i]; k < offsets[i + 1]; k++) local += values[neighbours[k]];
    const w = offsets[i + 1] - offsets[i] + 1; // Σw = Σw² for binary weights
    const spread = (n * w - w * w) / (n - 1);
    if (!(spread > 0)) continue;
    z[i] = (local - mean * w) / (s * Math.sqrt(spread));
    p[i] = erfc(Math.abs(z[i]) / Math.SQRT2);
    confidence[i] = Math.sign(z[i]) * (p[i] < 0.01 ? 99 : p[i] < 0.05 ? 95 : p[i] < 0.1 ? 90 : 0);
  }
  return { z, p, confidence };
}

/**
 * Complementary error function, fractional error below 1.2e-7 everywhere (the Chebyshev
 * fit in Press et al., Numerical Recipes §6.2): p-values to 6 significant digits, far more
 * than the 90/95/99 % classes need.
 */
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(-x * x + poly);
  return x >= 0 ? r : 2 - r;
}
