import fp from 'fastify-plugin';
import { CitygridError, findMalformedInput, malformedProblem } from '@citygrid/core';
import { decodeUtf8 } from './decode-utf8.ts';

/**
 * JSON bodies under both `application/json` and `application/geo+json` (RFC 7946 §12: what
 * GIS exports send). Parsing stays fastify's (it refuses `__proto__` poisoning); on failure the
 * text is parsed again only to put JSON.parse's own words ("Unexpected token … at position 42")
 * into CG_ERR_NOT_JSON, which fastify's message leaves out. Fastify's text/plain parser is
 * removed: every body this API takes is JSON, and a CSV posted as text should hear 415, not
 * "body must be object".
 *
 * Every body is refused whole, before any route sees it, when it could not be stored as sent:
 * bytes that are not UTF-8 (fastify would turn them into U+FFFD), a string or key holding a
 * lone surrogate (DuckDB would, and a retry of that id would then miss), or nesting past
 * core's MAX_INPUT_DEPTH (a recursive JSON.stringify of it overflows the stack).
 */
export default fp(
  async (app) => {
    const secureParse = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser(['application/json', 'text/plain']);
    app.addContentTypeParser(['application/json', 'application/geo+json'], { parseAs: 'buffer' }, (request, body, done) => {
      const text = decodeUtf8(body as Buffer, 'body');
      if (typeof text !== 'string') return done(new CitygridError([text]), undefined);
      secureParse(request, text, (error, value) => {
        if (error) return done(CitygridError.of('CG_ERR_NOT_JSON', {}, whyNotJson(text)), undefined);
        const malformed = findMalformedInput(value);
        if (malformed) return done(new CitygridError([malformedProblem(malformed, 'body')]), undefined);
        done(null, value);
      });
    });
  },
  { name: 'citygrid-json-body' },
);

function whyNotJson(text: string): string {
  if (text.length === 0) return 'the body is empty';
  try {
    JSON.parse(text);
    return 'it has a "__proto__" or "constructor.prototype" key, refused for safety';
  } catch (e) {
    return (e as Error).message;
  }
}
