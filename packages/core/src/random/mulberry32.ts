/**
 * Seeded PRNG (mulberry32, public domain): uniform floats in [0, 1), the same sequence for the
 * same seed on every JavaScript engine (32-bit integer arithmetic only).
 * @example const rng = mulberry32(1); rng(); // 0.6270739405881613
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
