// Plain decimal notation only: Number() also takes '0x6d', '0b1', 'Infinity' and '' (as 0),
// which the server refuses for lon/lat; the CLI must read a file's coordinates the same way.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A coordinate or other number written in decimal (`109.03`, `-3.5e2`), or NaN for anything
 * else: hex (`0x6d`), empty text, `Infinity`, a number with a unit.
 * @example parseDecimal('0x6d') // NaN
 */
export function parseDecimal(text: string): number {
  const t = text.trim();
  return DECIMAL.test(t) ? Number(t) : Number.NaN;
}
