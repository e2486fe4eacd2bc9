import { problem, type Problem } from '@citygrid/core';

const STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Bytes as UTF-8 text, or CG_ERR_NOT_UTF8 naming the first bad byte: a lenient decode would
 * store U+FFFD in place of every Chinese character of a GBK file and answer as if all was well.
 *
 * @param what names the bytes in the message (`body`, `the file`)
 * @example decodeUtf8(Buffer.from([0xc4, 0xe3]), 'body') // { code: 'CG_ERR_NOT_UTF8', … offset 0 }
 */
export function decodeUtf8(bytes: Uint8Array, what: string): string | Problem {
  try {
    return STRICT.decode(bytes);
  } catch {
    return problem('CG_ERR_NOT_UTF8', {}, what, firstBadByte(bytes));
  }
}

/** Offset of the first byte that does not continue a valid UTF-8 sequence (only on the error path). */
function firstBadByte(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, by bisection; in stream mode a prefix cut inside a valid sequence
  // is not an error, so validity shrinks monotonically with the prefix.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}
