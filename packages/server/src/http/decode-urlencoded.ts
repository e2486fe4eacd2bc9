import { CitygridError } from '@citygrid/core';
import { decodeUtf8 } from './decode-utf8.ts';

const AMPERSAND = 0x26;
const EQUALS = 0x3d;
const PLUS = 0x2b;
const PERCENT = 0x25;

/**
 * application/x-www-form-urlencoded bytes (a form body, a query string) as name/value pairs,
 * parsed as URLSearchParams does (WHATWG URL §5.1) except for one thing: a name or value whose
 * percent-decoded bytes are not UTF-8 throws CG_ERR_NOT_UTF8 naming it, where URLSearchParams
 * would hand on U+FFFD (`%C0%AF`, a GBK `%C4%E3`, a cut `%E4%B8`, raw bytes ≥ 0x80 alike) and the
 * report would be stored with text the sender never wrote.
 *
 * @param what names a pair in the error: `form field`, `query parameter`
 * @example decodeUrlencoded(Buffer.from('a=%E4%B8%AD&b=x+y'), 'form field') // [['a', '中'], ['b', 'x y']]
 * @example decodeUrlencoded(Buffer.from('description=%C0%AF'), 'form field') // throws CG_ERR_NOT_UTF8: form field "description" is not UTF-8: invalid byte at offset 0
 */
export function decodeUrlencoded(bytes: Uint8Array, what: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(AMPERSAND, start);
    if (end < 0) end = bytes.length;
    if (end > start) {
      const part = bytes.subarray(start, end);
      const eq = part.indexOf(EQUALS);
      const nameBytes = percentDecode(eq < 0 ? part : part.subarray(0, eq));
      const valueBytes = percentDecode(eq < 0 ? part.subarray(part.length) : part.subarray(eq + 1));
      const name = strict(nameBytes, `a ${what} name (bytes ${start} to ${end})`);
      pairs.push([name, strict(valueBytes, `${what} ${JSON.stringify(name)}`)]);
    }
    start = end + 1;
  }
  return pairs;
}

/** The text of UTF-8 bytes, or CG_ERR_NOT_UTF8 naming them with the offset of the first bad byte among them. */
function strict(bytes: Uint8Array, name: string): string {
  const text = decodeUtf8(bytes, name);
  if (typeof text !== 'string') throw new CitygridError([text]);
  return text;
}

/** `+` as a space and `%XX` as its byte; a `%` not followed by two hex digits stays itself (as URLSearchParams). */
function percentDecode(bytes: Uint8Array): Uint8Array {
  if (bytes.indexOf(PERCENT) < 0 && bytes.indexOf(PLUS) < 0) return bytes;
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === PLUS) out[n++] = 0x20;
    else if (b === PERCENT && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
      out[n++] = hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]);
      i += 2;
    } else out[n++] = b;
  }
  return out.subarray(0, n);
}

/** The value of a hex digit's byte, or -1. */
function hex(b: number | undefined): number {
  if (b === undefined) return -1;
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  const lower = b | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}
