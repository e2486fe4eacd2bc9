import sjson from 'secure-json-parse';
import { CitygridError, findMalformedInput, malformedProblem } from '@citygrid/core';
import { decodeUtf8 } from './decode-utf8.ts';

/**
 * A JSON body's bytes as its value, refused whole (CitygridError) when it could not be stored
 * as sent: bytes that are not UTF-8 (CG_ERR_NOT_UTF8; a lenient decode would turn them into
 * U+FFFD), text that is not JSON or holds a `__proto__` or `constructor.prototype` key
 * (CG_ERR_NOT_JSON with JSON.parse's own words), a string or key holding a lone surrogate
 * (CG_ERR_MALFORMED_TEXT: DuckDB would store U+FFFD, and a retry of that id would then miss),
 * or nesting past core's MAX_INPUT_DEPTH (CG_ERR_TOO_DEEP: a recursive JSON.stringify of it
 * overflows the stack). Plain data in, plain data out, no fastify: the geometry worker runs it
 * too, for grid files too big to parse on the event loop (grids/grid-body.ts).
 *
 * @example parseJsonBody(Buffer.from('{"id":"a"}')) // { id: 'a' }
 * @example parseJsonBody(Buffer.from([0x7b, 0xc4])) // throws CG_ERR_NOT_UTF8: body is not UTF-8: invalid byte at offset 1
 */
export function parseJsonBody(bytes: Uint8Array): unknown {
  const text = decodeUtf8(bytes, 'body');
  if (typeof text !== 'string') throw new CitygridError([text]);
  let value: unknown;
  try {
    // What fastify's own JSON parser does, with both of its poisoning checks set to refuse.
    value = sjson.parse(text, null, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    throw CitygridError.of('CG_ERR_NOT_JSON', {}, whyNotJson(text));
  }
  const malformed = findMalformedInput(value);
  if (malformed) throw new CitygridError([malformedProblem(malformed, 'body')]);
  return value;
}

/** JSON.parse's own words for text that is not JSON; only on the error path. */
function whyNotJson(text: string): string {
  if (text.length === 0) return 'the body is empty';
  try {
    JSON.parse(text);
    return 'it has a "__proto__" or "constructor.prototype" key, refused for safety';
  } catch (e) {
    return (e as Error).message;
  }
}
